import type { ServiceContext } from '../records/context.js';
import { auditKey } from '../db/audit-key.js';
import { entryHash, entryMac, GENESIS, headMac } from './audit-hash.js';
import { outsideAnyClaim } from '../db/idempotency.js';
import { deferToCommit, inSnapshot, inTransaction } from '../db/transaction.js';
import { insertEntries, insertEntry, lockedChainEnd, writeHead, type AuditRow } from './audit.repository.js';
import { walkChain } from './audit-verify.js';
import { currentRecordHash, recordHash, recordTableOf } from './record-hash.js';

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
  /**
   * The covered record as the database returned it to this write (INSERT … RETURNING): its hash is
   * computed from that row instead of reading the record back. Never a row the caller built itself.
   */
  storedRow?: Readonly<Record<string, unknown>>;
}

/**
 * Audits one event: an entry in the clinic's hash chain, with its MAC, and the clinic's head row moved to
 * it. Call it inside the transaction that makes the change, after the change: an entry that writes a
 * covered record (src/audit/record-hash.ts) carries the hash of that record as the transaction holds it
 * now, so the change, its audit entry and the head commit together or not at all.
 */
export async function appendAudit(ctx: ServiceContext, event: AuditEvent): Promise<void> {
  await appendAuditEntries(ctx, [event]);
}

// Bound parameters per statement stay well under both engines' limits (15 columns a row).
const ROWS_PER_INSERT = 500;

/** An entry as its event made it, before it has its place (number, link, hash, MAC) in the chain. */
type UnchainedEntry = Omit<AuditRow, 'seq' | 'prev_hash' | 'hash' | 'mac'>;

const unchained = new WeakMap<ServiceContext['db'], UnchainedEntry[]>();

/**
 * Audits events in order. Inside a unit of work (db/transaction.ts inTransaction) each entry is made now
 * (its time, actor and record hash) and the unit's entries are chained last, just before the commit, in
 * one multi-row insert: the clinic's chain is held only from that append to the commit, not through the
 * work, so writes of different patients of one clinic overlap (audit.repository.ts lockedChainEnd).
 * Outside a unit the entries are chained at once.
 */
export async function appendAuditEntries(ctx: ServiceContext, events: readonly AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const read = readEntries.get(ctx.db);
  if (read !== undefined) {
    read.push(...events.map((event) => readEntry(ctx, event)));
    return;
  }
  const entries: UnchainedEntry[] = [];
  for (const event of events) entries.push(await unchainedEntry(ctx, event));
  const queued = unchained.get(ctx.db);
  if (queued !== undefined) {
    queued.push(...entries);
    return;
  }
  const chainLast = (): Promise<void> => {
    unchained.delete(ctx.db);
    return chainEntries(ctx, entries);
  };
  if (deferToCommit(ctx.db, chainLast)) unchained.set(ctx.db, entries);
  else await chainEntries(ctx, entries);
}

const readEntries = new WeakMap<ServiceContext['db'], UnchainedEntry[]>();

/** A read's entry: a read seals no record, so it is made without touching the database. */
function readEntry(ctx: ServiceContext, event: AuditEvent): UnchainedEntry {
  if (recordTableOf(event.action, event.entity, event.entityId) !== undefined)
    throw new Error(`a ${event.action} of ${event.entity} is a write: it cannot be audited as part of a read`);
  return entryOf(ctx, event, null);
}

/**
 * Runs a read of patient data on one read-only snapshot (db/transaction.ts inSnapshot), never holding
 * the writer or a patient's lock, and then appends the entries it audited (auditPatientRead, appendAudit
 * of a 'read' or 'list') before it returns: the caller answers only once they are durable. Entries of
 * reads of one clinic that arrive while an append is running are appended together in the next one, one
 * transaction and one commit for all of them. Inside a write transaction the read is part of it.
 */
export async function inAuditedRead<R>(ctx: ServiceContext, work: (tx: ServiceContext) => Promise<R>): Promise<R> {
  if (ctx.db.isTransaction) return work(ctx);
  const entries: UnchainedEntry[] = [];
  const result = await inSnapshot(ctx, async (tx) => {
    readEntries.set(tx.db, entries);
    try {
      return await work(tx);
    } finally {
      readEntries.delete(tx.db);
    }
  });
  await appendReadEntries(ctx, entries);
  return result;
}

interface WaitingRead {
  entries: readonly UnchainedEntry[];
  appended: () => void;
  failed: (error: unknown) => void;
}
interface ReadBatch {
  waiting: WaitingRead[];
  appending: boolean;
}
const readBatches = new WeakMap<ServiceContext['db'], Map<string, ReadBatch>>();

function appendReadEntries(ctx: ServiceContext, entries: readonly UnchainedEntry[]): Promise<void> {
  if (entries.length === 0) return Promise.resolve();
  let byClinic = readBatches.get(ctx.db);
  if (byClinic === undefined) {
    byClinic = new Map();
    readBatches.set(ctx.db, byClinic);
  }
  let batch = byClinic.get(ctx.clinicId);
  if (batch === undefined) {
    batch = { waiting: [], appending: false };
    byClinic.set(ctx.clinicId, batch);
  }
  const open = batch;
  return new Promise<void>((appended, failed) => {
    open.waiting.push({ entries, appended, failed });
    if (!open.appending) void outsideAnyClaim(() => appendBatches(ctx, open));
  });
}

/** Appends what waits, one transaction at a time, until nothing does; each read learns how its own went. */
async function appendBatches(ctx: ServiceContext, batch: ReadBatch): Promise<void> {
  batch.appending = true;
  try {
    while (batch.waiting.length > 0) {
      const taken = batch.waiting.splice(0);
      try {
        await inTransaction(ctx, (tx) =>
          chainEntries(
            tx,
            taken.flatMap((read) => read.entries),
          ),
        );
        for (const read of taken) read.appended();
      } catch (error) {
        for (const read of taken) read.failed(error);
      }
    }
  } finally {
    batch.appending = false;
  }
}

/** Gives entries their places after the clinic's chain end, inserts them and moves the head to the last. */
async function chainEntries(ctx: ServiceContext, entries: readonly UnchainedEntry[]): Promise<void> {
  const key = auditKey(ctx.db);
  let previous = await lockedChainEnd(ctx.db, ctx.engine, ctx.clinicId);
  const rows: AuditRow[] = [];
  for (const entry of entries) {
    const chained = { ...entry, seq: (previous?.seq ?? 0) + 1, prev_hash: previous?.hash ?? GENESIS };
    const hash = entryHash(chained);
    const row = { ...chained, hash, mac: entryMac(key, hash) };
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
  await appendAuditEntries(ctx, readEvents(read));
}

/**
 * Audits a read already made outside any transaction (as inAuditedRead does after its snapshot): the
 * entries join the clinic's next batched append, and this returns once they are durable.
 */
export async function auditReadDone(ctx: ServiceContext, read: PatientDataRead): Promise<void> {
  if (ctx.db.isTransaction) return auditPatientRead(ctx, read);
  await appendReadEntries(
    ctx,
    readEvents(read).map((event) => readEntry(ctx, event)),
  );
}

function readEvents(read: PatientDataRead): AuditEvent[] {
  const counts = new Map<string, number>();
  for (const id of read.patientIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const base = { action: read.action, entity: read.entity, entityId: read.entityId ?? null };
  return counts.size === 0
    ? [{ ...base, patientId: read.requestedPatientId ?? null, detail: { ...read.detail, count: 0 } }]
    : [...counts].map(([patientId, count]) => ({ ...base, patientId, detail: { ...read.detail, count } }));
}

/** The entry an event makes, as of now; an entry that writes a covered record carries that record's hash. */
async function unchainedEntry(ctx: ServiceContext, event: AuditEvent): Promise<UnchainedEntry> {
  const spec = recordTableOf(event.action, event.entity, event.entityId);
  const recordHashNow =
    spec === undefined || event.entityId === null
      ? null
      : event.storedRow !== undefined
        ? recordHash(spec, event.storedRow)
        : await currentRecordHash(ctx.db, spec, ctx.clinicId, event.entityId);
  return entryOf(ctx, event, recordHashNow);
}

function entryOf(ctx: ServiceContext, event: AuditEvent, recordHashNow: string | null): UnchainedEntry {
  return {
    clinic_id: ctx.clinicId,
    at: ctx.now().toISOString(),
    actor_type: ctx.actor.type,
    actor_id: ctx.actor.id,
    action: event.action,
    entity: event.entity,
    entity_id: event.entityId,
    patient_id: event.patientId,
    ip: ctx.actor.ip,
    detail: JSON.stringify(event.detail ?? {}),
    record_hash: recordHashNow,
  };
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
