import { createHash } from 'node:crypto';
import type { ServiceContext } from '../records/context.js';
import { insertEntries, insertEntry, lastEntry, listEntries, lockChain, type AuditRow } from './audit.repository.js';

export type AuditAction = 'create' | 'read' | 'update' | 'list' | 'sign-in' | 'sign-in-failed' | 'sign-out' | 'export' | 'submit';

export interface AuditEvent {
  action: AuditAction;
  entity: string;
  entityId: string | null;
  patientId: string | null;
  /** What changed, by field name only: never values, so no patient data enters the trail twice. */
  detail?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** The hash of one entry: SHA-256 over the previous hash and the entry's fields in a fixed order. */
export function entryHash(row: Omit<AuditRow, 'hash'>): string {
  const canonical = JSON.stringify([
    row.clinic_id,
    row.seq,
    row.at,
    row.actor_type,
    row.actor_id,
    row.action,
    row.entity,
    row.entity_id,
    row.patient_id,
    row.ip,
    row.detail,
    row.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends one entry to the clinic's hash chain. Call it inside the transaction that makes the change,
 * so the change and its audit entry commit together or not at all.
 */
export async function appendAudit(ctx: ServiceContext, event: AuditEvent): Promise<void> {
  await lockChain(ctx.db, ctx.engine, ctx.clinicId);
  const last = await lastEntry(ctx.db, ctx.clinicId);
  await insertEntry(ctx.db, chainedEntry(ctx, event, last));
}

// Bound parameters per statement stay well under both engines' limits (13 columns a row).
const ROWS_PER_INSERT = 500;

/**
 * Appends several entries to the clinic's chain in order, reading the chain head once and inserting
 * them in multi-row statements: a list of 1,000 patients costs one statement, not 1,000 round trips.
 * Call it inside the transaction that reads or changes the data.
 */
export async function appendAuditEntries(ctx: ServiceContext, events: readonly AuditEvent[]): Promise<void> {
  if (events.length <= 1) {
    if (events[0] !== undefined) await appendAudit(ctx, events[0]);
    return;
  }
  await lockChain(ctx.db, ctx.engine, ctx.clinicId);
  let previous = await lastEntry(ctx.db, ctx.clinicId);
  const rows: AuditRow[] = [];
  for (const event of events) {
    previous = chainedEntry(ctx, event, previous);
    rows.push(previous);
  }
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await insertEntries(ctx.db, rows.slice(start, start + ROWS_PER_INSERT));
  }
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

/** The entry that follows `previous` in the clinic's chain, with its hash. */
function chainedEntry(ctx: ServiceContext, event: AuditEvent, previous: Pick<AuditRow, 'seq' | 'hash'> | undefined): AuditRow {
  const entry: Omit<AuditRow, 'hash'> = {
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
  };
  return { ...entry, hash: entryHash(entry) };
}

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  /** The first entry whose hash or link does not hold, when the chain is broken. */
  firstBroken: { seq: number; reason: string } | null;
}

/** Walks the clinic's whole chain and names the first entry that does not verify. */
export async function verifyChain(ctx: Pick<ServiceContext, 'db' | 'clinicId'>): Promise<ChainVerdict> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const page = await listEntries(ctx.db, ctx.clinicId, { afterSeq: expectedSeq - 1, limit: 1000 });
    for (const row of page) {
      const { hash, ...rest } = row;
      if (row.seq !== expectedSeq) return broken(count, row.seq, `entry ${expectedSeq} is missing`);
      if (row.prev_hash !== prevHash) return broken(count, row.seq, 'does not link to the entry before it');
      if (entryHash(rest) !== hash) return broken(count, row.seq, 'its content does not match its hash');
      prevHash = hash;
      expectedSeq += 1;
      count += 1;
    }
    if (page.length < 1000) return { ok: true, entries: count, firstBroken: null };
  }
}

function broken(entries: number, seq: number, reason: string): ChainVerdict {
  return { ok: false, entries, firstBroken: { seq, reason } };
}
