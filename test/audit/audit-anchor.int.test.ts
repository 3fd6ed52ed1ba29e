import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { entryHash } from '../../src/audit/audit.service.js';
import type { AnchorFile } from '../../src/audit/audit-anchor.js';
import { entryMac, headMac } from '../../src/audit/audit-hash.js';
import { auditKey } from '../../src/db/audit-key.js';
import { verifyAudit } from '../../src/audit/audit-verify.js';
import type { Engine } from '../../src/db/database.js';
import { patientService } from '../../src/patients/patient.service.js';
import { describeEachEngine, freshDatabaseWithLocation, type TestDatabase } from '../support/databases.js';
import { aSmallClinic, cli, cliVerify, entriesOf, replaceChain, type SmallClinic } from './support.js';

/**
 * The anchor: a head exported to a file, against which truncation and recomputation show even to someone holding the
 * key.
 */
describeEachEngine('audit anchor', (engine: Engine) => {
  let test: TestDatabase;
  let location: string;
  let files: string;
  let n = 0;

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'onset-anchor-'));
    ({ test, location } = await freshDatabaseWithLocation(engine));
  });
  afterAll(async () => {
    await test.drop();
    rmSync(files, { recursive: true, force: true });
  });

  const db = (): TestDatabase['handle']['db'] => test.handle.db;

  async function anchor(c: SmallClinic): Promise<{ file: string; head: AnchorFile['clinics'][number] }> {
    const file = join(files, `anchor-${++n}.json`);
    const result = await cli(engine, location, ['audit', 'anchor', '--out', file, '--clinic', c.ctx.clinicId]);
    expect(result, result.err).toMatchObject({ code: 0, out: `anchored 1 clinic(s) in ${file}\n` });
    const written = JSON.parse(readFileSync(file, 'utf8')) as AnchorFile;
    expect(written.clinics).toHaveLength(1);
    return { file, head: written.clinics[0]! };
  }

  async function moreReads(c: SmallClinic, count: number): Promise<void> {
    const patient = (await patientService.list(c.ctx))[0]!;
    for (let i = 0; i < count; i += 1) await patientService.get(c.ctx, patient.id);
  }

  it('the anchor holds the head: last entry, hash, MAC, count and time; a chain that only grew verifies against it', async () => {
    const c = await aSmallClinic(test.handle);
    const entries = await entriesOf(db(), c.ctx.clinicId);
    const last = entries[entries.length - 1]!;
    const { file, head } = await anchor(c);
    expect(head).toEqual({
      clinicId: c.ctx.clinicId,
      seq: last.seq,
      hash: last.hash,
      mac: last.mac,
      entries: entries.length,
      at: last.at,
    });
    await moreReads(c, 3);
    expect(await cliVerify(engine, location, c.ctx.clinicId, ['--against', file])).toMatchObject({ code: 0, err: '' });
    expect(await verifyAudit(db(), c.ctx.clinicId, head)).toMatchObject({ ok: true, anchor: null });
  });

  it('a chain cut back to an earlier head (the head row restored from a copy) passes alone, and is named against the anchor', async () => {
    const c = await aSmallClinic(test.handle);
    const earlier = await db()
      .selectFrom('audit_heads')
      .selectAll()
      .where('clinic_id', '=', c.ctx.clinicId)
      .executeTakeFirstOrThrow();
    await moreReads(c, 4);
    const { file, head } = await anchor(c);
    await sql`DELETE FROM audit_entries WHERE clinic_id = ${c.ctx.clinicId} AND seq > ${earlier.seq}`.execute(db());
    await db().updateTable('audit_heads').set(earlier).where('clinic_id', '=', c.ctx.clinicId).execute();
    // A rollback to a state the trail really had: only something kept outside the database can tell.
    expect((await verifyAudit(db(), c.ctx.clinicId)).ok).toBe(true);
    const verdict = await verifyAudit(db(), c.ctx.clinicId, head);
    expect(verdict.ok).toBe(false);
    expect(verdict.anchor).toMatch(
      new RegExp(`the chain has shrunk: it ends at entry ${earlier.seq}, the anchor of .* holds entry ${head.seq}`),
    );
    const result = await cliVerify(engine, location, c.ctx.clinicId, ['--against', file]);
    expect(result.code).not.toBe(0);
    expect(result.out).toMatch(/ANCHOR: the chain has shrunk/);
  });

  it('a chain recomputed by someone holding the audit key passes alone, and is named against the anchor', async () => {
    const c = await aSmallClinic(test.handle);
    const { file, head } = await anchor(c);
    const key = auditKey(db());
    const rows = await entriesOf(db(), c.ctx.clinicId);
    rows[1] = { ...rows[1]!, actor_id: 'someone-else' };
    let prev = rows[0]!.prev_hash;
    const forged = rows.map((row) => {
      const { hash: _hash, mac: _mac, ...rest } = { ...row, prev_hash: prev };
      const hash = entryHash(rest);
      prev = hash;
      return { ...rest, hash, mac: entryMac(key, hash) };
    });
    await replaceChain(db(), c.ctx.clinicId, forged);
    const last = forged[forged.length - 1]!;
    const forgedHead = { clinic_id: c.ctx.clinicId, seq: last.seq, hash: last.hash, at: last.at };
    await db()
      .updateTable('audit_heads')
      .set({ ...forgedHead, mac: headMac(key, forgedHead) })
      .where('clinic_id', '=', c.ctx.clinicId)
      .execute();
    expect((await verifyAudit(db(), c.ctx.clinicId)).ok).toBe(true);
    expect((await verifyAudit(db(), c.ctx.clinicId, head)).anchor).toMatch(
      new RegExp(`entry ${head.seq} differs from the anchor of .*: the chain was rewritten`),
    );
    const result = await cliVerify(engine, location, c.ctx.clinicId, ['--against', file]);
    expect(result.code).not.toBe(0);
    expect(result.out).toMatch(/ANCHOR: entry \d+ differs from the anchor/);
  });

  it('a file that is not an anchor is a clear error naming the option', async () => {
    const c = await aSmallClinic(test.handle);
    const file = join(files, `bad-${++n}.json`);
    writeFileSync(file, '{"format":"something else"}');
    const result = await cliVerify(engine, location, c.ctx.clinicId, ['--against', file]);
    expect(result).toMatchObject({
      code: 2,
      out: '',
      err: 'error: --against: is not an anchor file (expected format onset-audit-anchor/1)\n',
    });
    const existing = await cli(engine, location, ['audit', 'anchor', '--out', file, '--clinic', c.ctx.clinicId]);
    expect(existing.err).toMatch(/--out: cannot write .* \(it may already exist\)/);
  });
});
