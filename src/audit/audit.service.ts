import type { ServiceContext } from '../records/context.js';
import { auditKey } from '../db/audit-key.js';
import { entryHash, entryMac, GENESIS, headMac } from './audit-hash.js';
import { insertEntries, insertEntry, lastEntry, lockChain, writeHead, type AuditRow } from './audit.repository.js';
import { walkChain } from './audit-verify.js';
import { currentRecordHash, recordTableOf } from './record-hash.js';

export { entryHash } from './audit-hash.js';

export type AuditAction =
  | 'create'
  | 'read'
  | 'update'
  | 'list'
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-out'
  | 'export'
  | 'submit';

export interface AuditEvent {
  action: AuditAction;
  entity: string;
  entityId: string | null;
  patientId: string | null;
  /** What changed, by field name only: never values, so no patient data enters the trail twice. */
  detail?: Record<string, unknown>;
}

/**
 * Appends one entry to the clinic's hash chain, with its MAC, and moves the clinic's head row to it.
 * Call it inside the transaction that makes the change, after the change: an entry that writes a covered
 * record (src/audit/record-hash.ts) carries the hash of that record as the transaction now holds it, so
 * the change, its audit entry and the head commit together or not at all.
 */
export async function appendAudit(ctx: ServiceContext, event: AuditEvent): Promise<void> {
  await appendAuditEntries(ctx, [event]);
}

// Bound parameters per statement stay well under both engines' limits (15 columns a row).
const ROWS_PER_INSERT = 500;

/**
 * Appends entries to the clinic's chain in order, reading the chain head once and inserting them in
 * multi-row statements (a list of 1,000 patients costs one statement, not 1,000 round trips), then moves
 * the clinic's head row to the last of them. Call it inside the transaction that reads or changes the
 * data, after the change.
 */
export async function appendAuditEntries(ctx: ServiceContext, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const key = auditKey(ctx.db);
  await lockChain(ctx.db, ctx.engine, ctx.clinicId);
  let previous: Pick<AuditRow, 'seq' | 'hash'> | undefined = await lastEntry(ctx.db, ctx.clinicId);
  const rows: AuditRow[] = [];
  for (const event of events) {
    const row = await chainedEntry(ctx, key, event, previous);
    rows.push(row);
    previous = row;
  }
  const [only] = rows;
  if (rows.length === 1 && only !== undefined) await insertEntry(ctx.db, only);
  else
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
      await insertEntries(ctx.db, rows.slice(start, start + ROWS_PER_INSERT));
  const last = rows[rows.length - 1];
  if (last === undefined) return;
  const head = { clinic_id: ctx.clinicId, seq: last.seq, hash: last.hash, at: last.at };
  await writeHead(ctx.db, { ...head, mac: headMac(key, head) });
}

export interface PatientDataRead {
  action: 'read' | 'list';
  entity: string;
  entityId?: string | null;
  /** The patient each returned item belongs to, one per item (repeats are counted, not repeated). */
  patientIds: readonly string[];
  /** The patient a read was asked about, audited even when it returned nothing. */
  requestedPatientId?: string | null;
  detail?: Record<string, unknown>;
}

/**
 * Audits a read of patient data: one entry per patient whose data the response carries, with how many
 * items were theirs, so each patient's trail shows every disclosure. A read that returned nobody's data
 * still leaves one entry (naming the patient asked about, if any).
 */
export async function auditPatientRead(ctx: ServiceContext, read: PatientDataRead): Promise<void> {
  const counts = new Map<string, number>();
  for (const id of read.patientIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const base = { action: read.action, entity: read.entity, entityId: read.entityId ?? null };
  const events: AuditEvent[] =
    counts.size === 0
      ? [{ ...base, patientId: read.requestedPatientId ?? null, detail: { ...read.detail, count: 0 } }]
      : [...counts].map(([patientId, count]) => ({ ...base, patientId, detail: { ...read.detail, count } }));
  await appendAuditEntries(ctx, events);
}

/**
 * The entry that follows `previous` in the clinic's chain, with its hash and MAC; an entry that writes a
 * covered record (src/audit/record-hash.ts) carries the hash of that record as the transaction holds it.
 */
async function chainedEntry(
  ctx: ServiceContext,
  key: Parameters<typeof entryMac>[0],
  event: AuditEvent,
  previous: Pick<AuditRow, 'seq' | 'hash'> | undefined,
): Promise<AuditRow> {
  const spec = recordTableOf(event.action, event.entity, event.entityId);
  const entry: Omit<AuditRow, 'hash' | 'mac'> = {
    clinic_id: ctx.clinicId,
    seq: (previous?.seq ?? 0) + 1,
    at: ctx.now().toISOString(),
    actor_type: ctx.actor.type,
    actor_id: ctx.actor.id,
    action: event.action,
    entity: event.entity,
    entity_id: event.entityId,
    patient_id: event.patientId,
    ip: ctx.actor.ip,
    detail: JSON.stringify(event.detail ?? {}),
    prev_hash: previous?.hash ?? GENESIS,
    record_hash:
      spec === undefined || event.entityId === null
        ? null
        : await currentRecordHash(ctx.db, spec, ctx.clinicId, event.entityId),
  };
  const hash = entryHash(entry);
  return { ...entry, hash, mac: entryMac(key, hash) };
}

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  /** The first entry whose hash, MAC or link does not hold, when the chain is broken. */
  firstBroken: { seq: number; reason: string } | null;
}

/**
 * Walks the clinic's whole chain and names the first entry that does not verify (hash, link, MAC), or
 * the end of a chain cut short. Records and anchors are checked by `verifyAudit` (audit-verify.ts).
 */
export async function verifyChain(ctx: Pick<ServiceContext, 'db' | 'clinicId'>): Promise<ChainVerdict> {
  const walk = await walkChain(ctx.db, ctx.clinicId);
  return { ok: walk.firstBroken === null, entries: walk.entries, firstBroken: walk.firstBroken };
}
