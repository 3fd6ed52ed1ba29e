import { createHash } from 'node:crypto';
import type { ServiceContext } from '../records/context.js';
import { insertEntry, lastEntry, listEntries, lockChain, type AuditRow } from './audit.repository.js';

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
  const entry: Omit<AuditRow, 'hash'> = {
    clinic_id: ctx.clinicId,
    seq: (last?.seq ?? 0) + 1,
    at: ctx.now().toISOString(),
    actor_type: ctx.actor.type,
    actor_id: ctx.actor.id,
    action: event.action,
    entity: event.entity,
    entity_id: event.entityId,
    patient_id: event.patientId,
    ip: ctx.actor.ip,
    detail: JSON.stringify(event.detail ?? {}),
    prev_hash: last?.hash ?? GENESIS,
  };
  await insertEntry(ctx.db, { ...entry, hash: entryHash(entry) });
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
