import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditHead, AuditRow } from './audit.repository.js';

export const GENESIS = '0'.repeat(64);

type Unhashed = Omit<AuditRow, 'hash' | 'mac'>;

/**
 * The hash of one entry: SHA-256 over the previous hash, the entry's fields and its record's hash, in a fixed order.
 */
export function entryHash(row: Unhashed): string {
  return sha256([...legacyFields(row), row.record_hash]);
}

/** The hash of an entry written before migration 0006 (no record hash, no MAC), as it was computed then. */
export function legacyEntryHash(row: Unhashed): string {
  return sha256(legacyFields(row));
}

function legacyFields(row: Unhashed): unknown[] {
  return [
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
  ];
}

function sha256(fields: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The entry's MAC: HMAC-SHA-256 of its hash, which already covers every entry before it. */
export function entryMac(key: Buffer, hash: string): string {
  return createHmac('sha256', key).update(`onset-audit-entry\n${hash}`).digest('hex');
}

/**
 * The head row's own MAC. It differs from the entry MAC of the same entry, so a head cannot be rebuilt
 * from the chain's entries after the chain was cut short.
 */
export function headMac(key: Buffer, head: Omit<AuditHead, 'mac'>): string {
  return createHmac('sha256', key)
    .update(JSON.stringify(['onset-audit-head', head.clinic_id, head.seq, head.hash, head.at]))
    .digest('hex');
}

/** Compares two hex MACs in constant time. */
export function macMatches(expected: string, actual: string | null): boolean {
  if (actual === null || actual.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected, 'utf8'), Buffer.from(actual, 'utf8'));
}
