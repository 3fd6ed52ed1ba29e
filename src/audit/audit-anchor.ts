import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { invalid } from '../shared/errors.js';
import { verifyAudit, walkChain, type AnchorHead } from './audit-verify.js';

/**
 * An anchor is each clinic's chain head written to a file kept away from the database (another host,
 * write-once storage). Checked later with `onset audit verify --against FILE`, it shows a chain cut back
 * or rewritten even by someone who holds the audit key.
 */
export interface AnchorFile {
  format: typeof ANCHOR_FORMAT;
  createdAt: string;
  clinics: AnchorHead[];
}

export const ANCHOR_FORMAT = 'onset-audit-anchor/1';

/** The heads of these clinics' chains; refuses a clinic whose audit trail does not verify. */
export async function anchorHeads(db: Kysely<Database>, clinicIds: readonly string[], now: Date): Promise<AnchorFile> {
  const clinics: AnchorHead[] = [];
  for (const clinicId of clinicIds) {
    const verdict = await verifyAudit(db, clinicId);
    if (!verdict.ok)
      throw invalid('clinic', `${clinicId}: its audit trail does not verify; run onset audit verify first`);
    const { last } = await walkChain(db, clinicId);
    if (last === null) continue;
    clinics.push({ clinicId, seq: last.seq, hash: last.hash, mac: last.mac, entries: verdict.entries, at: last.at });
  }
  return { format: ANCHOR_FORMAT, createdAt: now.toISOString(), clinics };
}

/** Reads an anchor file's text; a malformed file is a clear error naming the option. */
export function parseAnchor(text: string): AnchorFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('--against', 'is not an anchor file (not JSON)');
  }
  const file = parsed as Partial<AnchorFile>;
  if (file.format !== ANCHOR_FORMAT || !Array.isArray(file.clinics) || typeof file.createdAt !== 'string') {
    throw invalid('--against', `is not an anchor file (expected format ${ANCHOR_FORMAT})`);
  }
  for (const head of file.clinics) {
    const ok =
      typeof head.clinicId === 'string' &&
      Number.isInteger(head.seq) &&
      head.seq > 0 &&
      typeof head.hash === 'string' &&
      (head.mac === null || typeof head.mac === 'string') &&
      Number.isInteger(head.entries) &&
      typeof head.at === 'string';
    if (!ok) throw invalid('--against', 'has a clinic head without clinicId, seq, hash, mac, entries and at');
  }
  return file as AnchorFile;
}
