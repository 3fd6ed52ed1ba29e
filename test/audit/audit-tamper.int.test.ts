import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHash } from '../../src/audit/audit.service.js';
import type { AuditRow } from '../../src/audit/audit.repository.js';
import { verifyAudit, type AuditVerdict } from '../../src/audit/audit-verify.js';
import type { Engine } from '../../src/db/database.js';
import { patientService } from '../../src/patients/patient.service.js';
import { describeEachEngine, freshDatabaseWithLocation, type TestDatabase } from '../support/databases.js';
import { aSmallClinic, cliVerify, entriesOf, replaceChain, type SmallClinic } from './support.js';

/**
 * The fifteen tamperings someone with write access to the database (but not the audit key) can try.
 * Each starts from a small clinic built through the real services, changes the database with raw SQL,
 * and expects both the service verdict and `onset audit verify` to name what was done.
 */
describeEachEngine('audit verify detects tampering', (engine: Engine) => {
  let test: TestDatabase;
  let location: string;

  beforeAll(async () => {
    ({ test, location } = await freshDatabaseWithLocation(engine));
  });
  afterAll(async () => {
    await test.drop();
  });

  const db = (): TestDatabase['handle']['db'] => test.handle.db;
  const clinic = (): Promise<SmallClinic> => aSmallClinic(test.handle);
  const verify = (c: SmallClinic): Promise<AuditVerdict> => verifyAudit(db(), c.ctx.clinicId);
  /** Hashes recomputed by someone who knows the (public) algorithm but not the key: the MACs stay as they were. */
  const rechain = (rows: AuditRow[]): AuditRow[] => {
    let prev = rows[0]!.prev_hash;
    return rows.map((row, i) => {
      const { hash: _old, mac, ...rest } = { ...row, seq: i + 1, prev_hash: prev };
      const hash = entryHash(rest);
      prev = hash;
      return { ...rest, hash, mac };
    });
  };
  const moveHead = async (c: SmallClinic, rows: AuditRow[]): Promise<void> => {
    const last = rows[rows.length - 1]!;
    await db()
      .updateTable('audit_heads')
      .set({ seq: last.seq, hash: last.hash, at: last.at })
      .where('clinic_id', '=', c.ctx.clinicId)
      .execute();
  };

  async function expectCli(c: SmallClinic, pattern: RegExp): Promise<void> {
    const result = await cliVerify(engine, location, c.ctx.clinicId);
    expect(result.code, result.out + result.err).not.toBe(0);
    expect(result.out).toMatch(pattern);
    expect(result.err).toMatch(/does not verify/);
  }

  async function expectRecord(c: SmallClinic, kind: 'changed' | 'deleted', table: string, id: string): Promise<void> {
    const verdict = await verify(c);
    expect(verdict).toMatchObject({ ok: false, firstBroken: null });
    expect(verdict.records?.[kind]).toEqual([{ table, id }]);
    await expectCli(c, new RegExp(`RECORD ${kind.toUpperCase()}: ${table} ${id}`));
  }

  async function expectBroken(c: SmallClinic, seq: number, reason: RegExp): Promise<void> {
    const verdict = await verify(c);
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken?.seq).toBe(seq);
    expect(verdict.firstBroken?.reason).toMatch(reason);
    await expectCli(c, new RegExp(`BROKEN at entry ${seq}: ${reason.source}`));
  }

  it('an untouched clinic verifies: chain intact, every record matches, exit 0', async () => {
    const c = await clinic();
    const verdict = await verify(c);
    expect(verdict).toMatchObject({ ok: true, notMacProtected: 0, firstBroken: null, anchor: null });
    expect(verdict.records).toMatchObject({
      changed: [],
      deleted: [],
      inserted: [],
      notChecked: { beforeRecordHashes: 0, syntheticBulkLoad: 0 },
    });
    // user, patient, course, dose, link, assessment, the alert its answers raised, API token, and the clinic's
    // (default) settings
    expect(verdict.records?.matched).toBe(9);
    const result = await cliVerify(engine, location, c.ctx.clinicId);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/chain intact/);
    expect(result.out).toMatch(/9 records match their audit entries/);
  });

  describe('records', () => {
    it('1. a changed score is named', async () => {
      const c = await clinic();
      await sql`UPDATE assessments SET total = 0 WHERE id = ${c.assessmentId}`.execute(db());
      await expectRecord(c, 'changed', 'assessments', c.assessmentId);
    });

    it('2. a changed answer is named', async () => {
      const c = await clinic();
      await sql`UPDATE assessments SET answers = '[0,0,0,0,0,0,0]' WHERE id = ${c.assessmentId}`.execute(db());
      await expectRecord(c, 'changed', 'assessments', c.assessmentId);
    });

    it('3. a deleted dose is named', async () => {
      const c = await clinic();
      await sql`DELETE FROM doses WHERE id = ${c.doseId}`.execute(db());
      await expectRecord(c, 'deleted', 'doses', c.doseId);
    });

    it('4. a used link re-opened is named', async () => {
      const c = await clinic();
      await sql`UPDATE patient_links SET used_at = NULL WHERE id = ${c.linkId}`.execute(db());
      await expectRecord(c, 'changed', 'patient_links', c.linkId);
    });

    it('5. a role raised to admin is named', async () => {
      const c = await clinic();
      await sql`UPDATE users SET role = 'admin' WHERE id = ${c.userId}`.execute(db());
      await expectRecord(c, 'changed', 'users', c.userId);
    });
  });

  describe('truncation and deletion', () => {
    it('6. the last entry deleted is named', async () => {
      const c = await clinic();
      const last = (await entriesOf(db(), c.ctx.clinicId)).length;
      await sql`DELETE FROM audit_entries WHERE clinic_id = ${c.ctx.clinicId} AND seq = ${last}`.execute(db());
      await expectBroken(c, last, new RegExp(`entry ${last} is missing: the chain ends at entry ${last - 1}`));
    });

    it('7. the last 500 entries deleted are named', async () => {
      const c = await clinic();
      const patient = (await patientService.list(c.ctx))[0]!;
      // 510 reads, 30 at a time: concurrent transactions share commits (SQLite) and connections (PostgreSQL).
      for (let i = 0; i < 17; i += 1)
        await Promise.all(Array.from({ length: 30 }, () => patientService.get(c.ctx, patient.id)));
      const last = (await entriesOf(db(), c.ctx.clinicId)).length;
      await sql`DELETE FROM audit_entries WHERE clinic_id = ${c.ctx.clinicId} AND seq > ${last - 500}`.execute(db());
      await expectBroken(c, last - 499, new RegExp(`entries ${last - 499} to ${last} are missing`));
    }, 120_000);

    it('8. a clinic’s whole chain deleted is named; deleting its head as well leaves every record unaccounted for', async () => {
      const c = await clinic();
      await sql`DELETE FROM audit_entries WHERE clinic_id = ${c.ctx.clinicId}`.execute(db());
      await expectBroken(c, 1, /the whole chain is missing/);
      await sql`DELETE FROM audit_heads WHERE clinic_id = ${c.ctx.clinicId}`.execute(db());
      const verdict = await verify(c);
      expect(verdict.ok).toBe(false);
      expect(verdict.records?.inserted.map((r) => r.table).sort()).toEqual([
        'alerts',
        'api_tokens',
        'assessments',
        'courses',
        'doses',
        'patient_links',
        'patients',
        'users',
      ]);
      await expectCli(c, new RegExp(`RECORD INSERTED: users ${c.userId}`));
    });
  });

  describe('recomputed chains', () => {
    it('9. an entry edited with every later hash recomputed is named by its MAC', async () => {
      const c = await clinic();
      const rows = await entriesOf(db(), c.ctx.clinicId);
      rows[0] = { ...rows[0]!, detail: JSON.stringify({ role: 'admin' }) };
      const forged = rechain(rows);
      await replaceChain(db(), c.ctx.clinicId, forged);
      await moveHead(c, forged);
      await expectBroken(c, 1, /its MAC does not match/);
    });

    it('10. a middle entry deleted, the rest renumbered and rechained, is named by its MAC', async () => {
      const c = await clinic();
      const rows = await entriesOf(db(), c.ctx.clinicId);
      const forged = rechain([...rows.slice(0, 3), ...rows.slice(4)]);
      await replaceChain(db(), c.ctx.clinicId, forged);
      await moveHead(c, forged);
      await expectBroken(c, 4, /its MAC does not match/);
    });
  });

  describe('what the plain chain already caught', () => {
    it('11. an entry’s content edited without recomputing', async () => {
      const c = await clinic();
      await sql`UPDATE audit_entries SET action = 'read' WHERE clinic_id = ${c.ctx.clinicId} AND seq = 3`.execute(db());
      await expectBroken(c, 3, /its content does not match its hash/);
    });

    it('12. a middle entry deleted without renumbering', async () => {
      const c = await clinic();
      await sql`DELETE FROM audit_entries WHERE clinic_id = ${c.ctx.clinicId} AND seq = 3`.execute(db());
      await expectBroken(c, 4, /entry 3 is missing/);
    });

    it('13. entries reordered', async () => {
      const c = await clinic();
      const id = c.ctx.clinicId;
      await sql`UPDATE audit_entries SET seq = -1 WHERE clinic_id = ${id} AND seq = 3`.execute(db());
      await sql`UPDATE audit_entries SET seq = 3 WHERE clinic_id = ${id} AND seq = 4`.execute(db());
      await sql`UPDATE audit_entries SET seq = 4 WHERE clinic_id = ${id} AND seq = -1`.execute(db());
      await expectBroken(c, 3, /does not link to the entry before it/);
    });

    it('14. a prev_hash changed', async () => {
      const c = await clinic();
      await sql`UPDATE audit_entries SET prev_hash = ${'f'.repeat(64)} WHERE clinic_id = ${c.ctx.clinicId} AND seq = 5`.execute(
        db(),
      );
      await expectBroken(c, 5, /does not link to the entry before it/);
    });

    it('15. an entry inserted without rechaining', async () => {
      const c = await clinic();
      const rows = await entriesOf(db(), c.ctx.clinicId);
      const copy = { ...rows[2]!, seq: rows.length + 1, action: 'read' };
      await db().insertInto('audit_entries').values(copy).execute();
      await expectBroken(c, rows.length + 1, /does not link to the entry before it/);
    });
  });
});
