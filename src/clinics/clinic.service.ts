import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { ClinicsTable, Database } from '../db/schema.js';
import type { ServiceContext } from '../records/context.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../shared/errors.js';
import { checkTimeZone } from '../shared/time-zone.js';
import { validate } from '../shared/validate.js';
import { clinicRepository } from './clinic.repository.js';
import { ClinicInput, type Clinic } from './clinic.schema.js';

function fromRow(row: Selectable<ClinicsTable>): Clinic {
  return {
    id: row.clinic_id,
    name: row.name,
    timeZone: row.time_zone,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Creates a clinic (the tenant every other record belongs to). */
export async function createClinic(db: Kysely<Database>, body: unknown, now = new Date()): Promise<Clinic> {
  const input = validate(ClinicInput, body);
  const timeZone = input.timeZone ?? 'UTC';
  checkTimeZone(timeZone);
  const clinicId = randomUUID();
  const stamp = now.toISOString();
  await clinicRepository.insert(db, {
    clinic_id: clinicId,
    name: input.name,
    time_zone: timeZone,
    settings: '{}',
    created_at: stamp,
    updated_at: stamp,
  });
  return getClinic(db, clinicId);
}

export async function getClinic(db: Kysely<Database>, clinicId: string): Promise<Clinic> {
  const row = await clinicRepository.findById(db, clinicId);
  if (row === undefined) throw notFound('clinic', clinicId);
  return fromRow(row);
}

/** Renames the clinic or changes its time zone; the change and its audit entry commit together. */
export async function updateClinic(ctx: ServiceContext, body: unknown): Promise<Clinic> {
  return inTransaction(ctx, async (tx) => {
    const existing = await getClinic(tx.db, tx.clinicId);
    const input = validate(ClinicInput, { name: existing.name, timeZone: existing.timeZone, ...(body as object) });
    const timeZone = input.timeZone ?? existing.timeZone;
    checkTimeZone(timeZone);
    await clinicRepository.update(tx.db, tx.clinicId, {
      name: input.name,
      time_zone: timeZone,
      updated_at: tx.now().toISOString(),
    });
    await appendAudit(tx, {
      action: 'update',
      entity: 'clinic',
      entityId: tx.clinicId,
      patientId: null,
      detail: { fields: Object.keys(body ?? {}).sort() },
    });
    return getClinic(tx.db, tx.clinicId);
  });
}

export async function listClinics(db: Kysely<Database>): Promise<Clinic[]> {
  return (await clinicRepository.listAll(db)).map(fromRow);
}

/** Every clinic with how many patients and active staff it has, for `onset clinic list`. */
export async function listClinicsWithSizes(
  db: Kysely<Database>,
): Promise<(Clinic & { patients: number; staff: number })[]> {
  const sizes = await clinicRepository.sizes(db);
  return (await listClinics(db)).map((c) => ({ ...c, ...(sizes.get(c.id) ?? { patients: 0, staff: 0 }) }));
}
