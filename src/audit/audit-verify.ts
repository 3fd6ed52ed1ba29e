import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { auditKey } from '../db/audit-key.js';
import { entryHash, entryMac, GENESIS, headMac, legacyEntryHash, macMatches } from './audit-hash.js';
import { listEntries, readHead, type AuditRow } from './audit.repository.js';
import { clinicRecords, RECORD_TABLES, recordHash, recordTableOf, type RecordTable } from './record-hash.js';

/** One clinic's head as exported by `onset audit anchor`: the last entry, with its MAC, and when. */
export interface AnchorHead {
  clinicId: string;
  seq: number;
  hash: string;
  mac: string | null;
  entries: number;
  at: string;
}

/** A record whose current row does not match the trail: its table and id. */
export interface RecordRef {
  table: string;
  id: string;
}

export interface RecordsVerdict {
  /** Rows that match the hash of their latest audited write. */
  matched: number;
  changed: RecordRef[];
  deleted: RecordRef[];
  inserted: RecordRef[];
  /** Rows whose latest write predates record hashes (migration 0006), or bulk-loaded synthetic rows. */
  notChecked: { beforeRecordHashes: number; syntheticBulkLoad: number };
}

export interface AuditVerdict {
  clinicId: string;
  ok: boolean;
  /** Entries verified (before the first broken one). */
  entries: number;
  /** Of those, entries written before MACs (migration 0006): checked by their plain hash only. */
  notMacProtected: number;
  firstBroken: { seq: number; reason: string } | null;
  /** What differs from the anchor verify was given, if any. */
  anchor: string | null;
  /** Null when the chain is broken: the records are then not compared with it. */
  records: RecordsVerdict | null;
}

const LEGACY = Symbol('written before record hashes');
type Seal = string | typeof LEGACY;

export interface ChainWalk {
  entries: number;
  notMacProtected: number;
  firstBroken: { seq: number; reason: string } | null;
  last: AuditRow | null;
  /** entity + id → the record hash of its latest audited write. */
  seals: Map<string, Seal>;
  /** The entry at the anchor's seq, when an anchor was given and the chain reaches it. */
  atAnchor: AuditRow | null;
}

const sealKey = (entity: string, id: string): string => `${entity}\u0000${id}`;

/**
 * Walks the clinic's chain in order: each entry's number, link to the one before, hash and MAC. Entries
 * without a MAC are accepted only before the first one with a MAC (they were written before migration
 * 0006). Then the head row, kept outside the chain, must name the chain's last entry under a valid MAC,
 * so a chain cut short or deleted whole is named too.
 */
export async function walkChain(db: Kysely<Database>, clinicId: string, anchorSeq?: number): Promise<ChainWalk> {
  const walk: ChainWalk = {
    entries: 0,
    notMacProtected: 0,
    firstBroken: null,
    last: null,
    seals: new Map(),
    atAnchor: null,
  };
  let key: Buffer | undefined;
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let sawMac = false;
  const stop = (seq: number, reason: string): ChainWalk => ({ ...walk, firstBroken: { seq, reason } });
  for (;;) {
    const page = await listEntries(db, clinicId, { afterSeq: expectedSeq - 1, limit: 1000 });
    for (const row of page) {
      const { hash, mac, ...rest } = row;
      if (row.seq !== expectedSeq) return stop(row.seq, `entry ${expectedSeq} is missing`);
      if (row.prev_hash !== prevHash) return stop(row.seq, 'does not link to the entry before it');
      if (mac === null) {
        if (sawMac) return stop(row.seq, 'has no MAC, but entries before it do');
        if (legacyEntryHash(rest) !== hash) return stop(row.seq, 'its content does not match its hash');
        walk.notMacProtected += 1;
      } else {
        if (entryHash(rest) !== hash) return stop(row.seq, 'its content does not match its hash');
        key ??= auditKey(db);
        if (!macMatches(entryMac(key, hash), mac))
          return stop(
            row.seq,
            'its MAC does not match: the entry was changed or the chain recomputed without the audit key',
          );
        sawMac = true;
      }
      seal(walk.seals, row);
      if (row.seq === anchorSeq) walk.atAnchor = row;
      walk.last = row;
      prevHash = hash;
      expectedSeq += 1;
      walk.entries += 1;
    }
    if (page.length < 1000) break;
  }
  const headProblem = await checkHead(db, clinicId, walk.last);
  return headProblem === null ? walk : stop(headProblem.seq, headProblem.reason);
}

function seal(seals: Map<string, Seal>, row: AuditRow): void {
  if (recordTableOf(row.action, row.entity, row.entity_id) === undefined) return;
  const id = row.entity_id as string;
  if (row.mac === null) seals.set(sealKey(row.entity, id), LEGACY);
  else if (row.record_hash !== null) seals.set(sealKey(row.entity, id), row.record_hash);
}

async function checkHead(
  db: Kysely<Database>,
  clinicId: string,
  last: AuditRow | null,
): Promise<{ seq: number; reason: string } | null> {
  const head = await readHead(db, clinicId);
  const lastSeq = last?.seq ?? 0;
  if (head === undefined)
    return last === null ? null : { seq: lastSeq, reason: 'the clinic’s audit head (its entry counter) is missing' };
  if (head.mac === null) {
    if (last?.mac != null) return { seq: lastSeq, reason: 'the audit head has no MAC, but the chain’s entries have' };
  } else if (!macMatches(headMac(auditKey(db), head), head.mac)) {
    return { seq: head.seq, reason: 'the audit head’s MAC does not match: it was changed without the audit key' };
  }
  if (last === null) return { seq: 1, reason: `the whole chain is missing: its head says ${head.seq} entries` };
  if (head.seq > lastSeq) {
    const missing =
      head.seq === lastSeq + 1 ? `entry ${head.seq} is missing` : `entries ${lastSeq + 1} to ${head.seq} are missing`;
    return { seq: lastSeq + 1, reason: `${missing}: the chain ends at entry ${lastSeq} but its head says ${head.seq}` };
  }
  if (head.seq !== lastSeq || head.hash !== last.hash)
    return { seq: lastSeq, reason: `the chain’s last entry is not the one its head names (entry ${head.seq})` };
  return null;
}

/**
 * Everything `onset audit verify` checks for one clinic: the chain and its head, then every covered
 * record against the hash of its latest audited write, and, given an anchor, that the chain still holds
 * the anchored entry unchanged and has not shrunk below it.
 */
export async function verifyAudit(db: Kysely<Database>, clinicId: string, anchor?: AnchorHead): Promise<AuditVerdict> {
  const walk = await walkChain(db, clinicId, anchor?.seq);
  const anchorProblem = anchor === undefined ? null : compareAnchor(walk, anchor);
  const records = walk.firstBroken === null ? await checkRecords(db, clinicId, walk.seals) : null;
  const recordsOk = records !== null && records.changed.length + records.deleted.length + records.inserted.length === 0;
  return {
    clinicId,
    ok: walk.firstBroken === null && anchorProblem === null && recordsOk,
    entries: walk.entries,
    notMacProtected: walk.notMacProtected,
    firstBroken: walk.firstBroken,
    anchor: anchorProblem,
    records,
  };
}

function compareAnchor(walk: ChainWalk, anchor: AnchorHead): string | null {
  const entry = walk.atAnchor;
  if (entry === null) {
    if (walk.firstBroken !== null && walk.firstBroken.seq <= anchor.seq)
      return `not checked against the anchor of ${anchor.at}: the chain breaks first`;
    return `the chain has shrunk: it ends at entry ${walk.last?.seq ?? 0}, the anchor of ${anchor.at} holds entry ${anchor.seq}`;
  }
  if (entry.hash !== anchor.hash || entry.mac !== anchor.mac)
    return `entry ${anchor.seq} differs from the anchor of ${anchor.at}: the chain was rewritten`;
  return null;
}

async function checkRecords(db: Kysely<Database>, clinicId: string, seals: Map<string, Seal>): Promise<RecordsVerdict> {
  const verdict: RecordsVerdict = {
    matched: 0,
    changed: [],
    deleted: [],
    inserted: [],
    notChecked: { beforeRecordHashes: 0, syntheticBulkLoad: 0 },
  };
  const synthetic = await syntheticPatients(db, clinicId);
  for (const [entity, spec] of Object.entries(RECORD_TABLES)) {
    for await (const row of clinicRecords(db, spec, clinicId)) {
      const id = row[spec.idColumn] as string;
      const key = sealKey(entity, id);
      const expected = seals.get(key);
      seals.delete(key);
      const ref = { table: spec.table, id };
      if (expected === LEGACY) verdict.notChecked.beforeRecordHashes += 1;
      else if (expected !== undefined) {
        if (recordHash(spec, row) === expected) verdict.matched += 1;
        else verdict.changed.push(ref);
      } else if (spec.table === 'clinics') {
        // Settings never changed through an audited write must still be the ones a new clinic gets.
        if (recordHash(spec, row) === recordHash(spec, { clinic_id: id, settings: '{}' })) verdict.matched += 1;
        else verdict.changed.push(ref);
      } else if (isSynthetic(spec, row, synthetic)) verdict.notChecked.syntheticBulkLoad += 1;
      else verdict.inserted.push(ref);
    }
  }
  for (const [key, expected] of seals) {
    if (expected === LEGACY) continue;
    const [entity, id] = key.split('\u0000') as [string, string];
    verdict.deleted.push({ table: (RECORD_TABLES[entity] as RecordTable).table, id });
  }
  return verdict;
}

// The synthetic loader writes whole cohorts in bulk under one audit entry, so their rows carry no seal.
async function syntheticPatients(db: Kysely<Database>, clinicId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('patients')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('synthetic', '=', 1)
    .execute();
  return new Set(rows.map((r) => r.id));
}

function isSynthetic(spec: RecordTable, row: Record<string, unknown>, synthetic: Set<string>): boolean {
  if (spec.table === 'patients') return synthetic.has(row.id as string);
  return typeof row.patient_id === 'string' && synthetic.has(row.patient_id);
}
