import type { Kysely } from 'kysely';
import { verifyChain } from '../../src/audit/audit.service.js';
import type { Database } from '../../src/db/schema.js';
import type { Acknowledged } from './http-crash.js';

export interface CrashVerdict {
  acknowledged: number;
  lost: string[];
  duplicated: string[];
  wrongScores: string[];
  missingAlerts: string[];
  recordsWithoutAudit: number;
  auditWithoutRecords: number;
  alertsWithoutRecords: number;
  auditChain: { ok: boolean; entries: number; firstBroken: unknown };
}

/**
 * Every acknowledged write present exactly once with its scores, safety alert and audit entry; nothing
 * half-present from unacknowledged requests (no record without its audit entry, no audit entry or alert
 * without its record); the audit chain intact.
 */
export async function verifyAfterCrashes(
  db: Kysely<Database>,
  clinicId: string,
  ack: Acknowledged,
): Promise<CrashVerdict> {
  const assessments = new Map(
    (await db.selectFrom('assessments').select(['id', 'total']).where('clinic_id', '=', clinicId).execute()).map(
      (a) => [a.id, a],
    ),
  );
  const doses = new Set(
    (await db.selectFrom('doses').select('id').where('clinic_id', '=', clinicId).execute()).map((d) => d.id),
  );
  const audits = await db
    .selectFrom('audit_entries')
    .select(['entity', 'entity_id', 'action'])
    .where('clinic_id', '=', clinicId)
    .where('action', '=', 'create')
    .execute();
  const auditCount = new Map<string, number>();
  for (const a of audits)
    auditCount.set(`${a.entity}:${a.entity_id ?? ''}`, (auditCount.get(`${a.entity}:${a.entity_id ?? ''}`) ?? 0) + 1);
  const alertKeys = new Set(
    (
      await db
        .selectFrom('alerts')
        .select('episode_key')
        .where('clinic_id', '=', clinicId)
        .where('rule', '=', 'suicidality')
        .execute()
    ).map((a) => a.episode_key),
  );

  const lost: string[] = [];
  const duplicated: string[] = [];
  const wrongScores: string[] = [];
  const missingAlerts: string[] = [];
  for (const a of ack.assessments) {
    const row = assessments.get(a.id);
    if (row === undefined) lost.push(`assessment ${a.id}`);
    else if (row.total !== a.total) wrongScores.push(`assessment ${a.id}: ${row.total ?? 'null'} ≠ ${a.total}`);
    if ((auditCount.get(`assessment:${a.id}`) ?? 0) !== 1)
      duplicated.push(`assessment ${a.id} audit entries: ${auditCount.get(`assessment:${a.id}`) ?? 0}`);
    if (a.suicidal && !alertKeys.has(`assessment:${a.id}`)) missingAlerts.push(a.id);
  }
  for (const d of ack.doses) {
    if (!doses.has(d.id)) lost.push(`dose ${d.id}`);
    if ((auditCount.get(`dose:${d.id}`) ?? 0) !== 1)
      duplicated.push(`dose ${d.id} audit entries: ${auditCount.get(`dose:${d.id}`) ?? 0}`);
  }
  const recordsWithoutAudit =
    [...assessments.keys()].filter((id) => !auditCount.has(`assessment:${id}`)).length +
    [...doses].filter((id) => !auditCount.has(`dose:${id}`)).length;
  const auditWithoutRecords = audits.filter(
    (a) =>
      (a.entity === 'assessment' && !assessments.has(a.entity_id ?? '')) ||
      (a.entity === 'dose' && !doses.has(a.entity_id ?? '')),
  ).length;
  const alertsWithoutRecords = [...alertKeys].filter(
    (key) => key.startsWith('assessment:') && !assessments.has(key.slice('assessment:'.length)),
  ).length;
  const chain = await verifyChain({ db, clinicId });
  return {
    acknowledged: ack.assessments.length + ack.doses.length,
    lost,
    duplicated,
    wrongScores,
    missingAlerts,
    recordsWithoutAudit,
    auditWithoutRecords,
    alertsWithoutRecords,
    auditChain: chain,
  };
}
