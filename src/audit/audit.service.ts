import type { ServiceContext } from '../records/context.js';
import { auditKey } from './audit-key.js';
import { entryHash, entryMac, GENESIS, headMac } from './audit-hash.js';
import { insertEntry, lastEntry, lockChain, writeHead, type AuditRow } from './audit.repository.js';
import { walkChain } from './audit-verify.js';
import { currentRecordHash, recordTableOf } from './record-hash.js';

export { entryHash } from './audit-hash.js';

export type AuditAction = 'create' | 'read' | 'update' | 'list' | 'sign-in' | 'export' | 'submit';

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
  const key = auditKey(ctx.db);
  await lockChain(ctx.db, ctx.engine, ctx.clinicId);
  const last = await lastEntry(ctx.db, ctx.clinicId);
  const spec = recordTableOf(event.action, event.entity, event.entityId);
  const entry: Omit<AuditRow, 'hash' | 'mac'> = {
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
    record_hash: spec === undefined || event.entityId === null ? null : await currentRecordHash(ctx.db, spec, ctx.clinicId, event.entityId),
  };
  const hash = entryHash(entry);
  await insertEntry(ctx.db, { ...entry, hash, mac: entryMac(key, hash) });
  const head = { clinic_id: ctx.clinicId, seq: entry.seq, hash, at: entry.at };
  await writeHead(ctx.db, { ...head, mac: headMac(key, head) });
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
