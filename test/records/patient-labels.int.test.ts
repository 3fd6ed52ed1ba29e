import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { patientService } from '../../src/patients/patient.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { aClinicContext, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

/** Labels that read alike are one label in a clinic; invisible characters are refused outright. */
describeEachEngine('patient labels as a person reads them', (engine) => {
  let test: TestDatabase;
  let ctx: ServiceContext;
  let otherClinic: ServiceContext;

  beforeAll(async () => {
    test = await freshDatabase(engine);
    ctx = await aClinicContext(test.handle);
    otherClinic = await aClinicContext(test.handle);
    await aPatient(ctx, { label: 'LA-1' });
  });
  afterAll(async () => {
    await test.drop();
  });

  async function patientCount(): Promise<number> {
    const row = await test.handle.db
      .selectFrom('patients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  async function reason(action: () => Promise<unknown>): Promise<string> {
    const before = await patientCount();
    const error = await action().then(
      () => null,
      (e: unknown) => e as { code?: string; problems?: { field: string; reason: string }[] },
    );
    expect(error?.code).toBe('VALIDATION_FAILED');
    expect(await patientCount()).toBe(before);
    const problem = error?.problems?.find((p) => p.field === 'label');
    expect(problem, JSON.stringify(error?.problems)).toBeDefined();
    return problem!.reason;
  }

  const lookAlikes: [string, string][] = [
    ['another case', 'la-1'],
    ['surrounding spaces', '  LA-1 '],
    ['full-width letters', 'ＬＡ－１'],
    ['full-width and lower case', 'ｌａ-1'],
    ['a no-break space inside', 'LA-1\u00a0'],
  ];
  for (const [what, label] of lookAlikes) {
    it(`refuses ${what} (${JSON.stringify(label)}) as the label another patient has`, async () => {
      expect(await reason(() => aPatient(ctx, { label }))).toBe(
        `another patient in this clinic already has the label "LA-1", which reads the same as "${label}"`,
      );
    });
  }

  const invisible: [string, string][] = [
    ['a zero-width space', 'LA-\u200b1'],
    ['a zero-width joiner', '\u200dLA-1'],
    ['a right-to-left mark', 'LA-1\u200f'],
    ['a byte-order mark', '\ufeffLA-1'],
    ['a tab', 'LA\t1'],
    ['a line break', 'LA\n1'],
  ];
  for (const [what, label] of invisible) {
    it(`refuses a label holding ${what} outright`, async () => {
      expect(await reason(() => aPatient(ctx, { label }))).toBe(
        'must not contain control or invisible (zero-width, direction) characters',
      );
    });
  }

  it('refuses a label of white space only', async () => {
    expect(await reason(() => aPatient(ctx, { label: '   ' }))).toBe('must not be blank');
  });

  it('lets a patient change the case of its own label, and another clinic use the same label', async () => {
    const own = await aPatient(ctx, { label: 'OWN-1' });
    expect((await patientService.update(ctx, own.id, { label: 'own-1' })).label).toBe('own-1');
    expect((await aPatient(otherClinic, { label: 'la-1' })).label).toBe('la-1');
    const other = await aPatient(ctx, { label: 'OTHER-1' });
    expect(await reason(() => patientService.update(ctx, other.id, { label: 'Own-1' }))).toMatch(
      /already has the label "own-1"/,
    );
  });

  it('the database itself refuses a second patient with the same label key in a clinic', async () => {
    const [row] = await test.handle.db
      .selectFrom('patients')
      .selectAll()
      .where('clinic_id', '=', ctx.clinicId)
      .where('label', '=', 'LA-1')
      .execute();
    const twin = { ...row!, id: '00000000-0000-4000-8000-00000000beef', label: 'la-1 ' };
    await expect(test.handle.db.insertInto('patients').values(twin).execute()).rejects.toThrow(/unique|UNIQUE/);
  });

  it('the migration keys existing labels, and stops naming the patients whose labels read alike', async () => {
    // A database as the version before the label key left it, holding two labels that read alike.
    const before = await freshDatabase(engine, '0007-auth-hardening');
    try {
      const db = before.handle.db;
      const clinicId = ctx.clinicId;
      await sql`INSERT INTO clinics (clinic_id, name, time_zone, settings, created_at, updated_at)
        VALUES (${clinicId}, 'Old clinic', 'UTC', '{}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`.execute(
        db,
      );
      const insert = (id: string, label: string): Promise<unknown> =>
        sql`INSERT INTO patients (clinic_id, id, label, conditions, history, synthetic, created_at, updated_at)
          VALUES (${clinicId}, ${id}, ${label}, '[]', '[]', 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`.execute(
          db,
        );
      const firstId = '00000000-0000-4000-8000-00000000beef';
      const twinId = '00000000-0000-4000-8000-00000000cafe';
      await insert(firstId, 'LA-1');
      await insert(twinId, 'ＬＡ－１');
      await insert('00000000-0000-4000-8000-00000000f00d', 'own-1');

      const failure = await migrateToLatest(before.handle).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(failure?.message).toMatch(
        /^migration 0008-patient-label-key failed: patient labels that read alike in one clinic/,
      );
      expect(failure?.message).toContain(`"LA-1" (patient ${firstId})`);
      expect(failure?.message).toContain(`"ＬＡ－１" (patient ${twinId})`);
      // Nothing was changed: the column is not there, and the migration is still to run.
      const columns = (await db.introspection.getTables())
        .find((t) => t.name === 'patients')
        ?.columns.map((c) => c.name);
      expect(columns).not.toContain('label_key');

      await sql`UPDATE patients SET label = 'LA-2' WHERE clinic_id = ${clinicId} AND id = ${twinId}`.execute(db);
      expect((await migrateToLatest(before.handle))[0]).toBe('0008-patient-label-key');
      const keys = await db
        .selectFrom('patients')
        .select(['label', 'label_key'])
        .where('clinic_id', '=', clinicId)
        .orderBy('label')
        .execute();
      expect(keys).toEqual([
        { label: 'LA-1', label_key: 'la-1' },
        { label: 'LA-2', label_key: 'la-2' },
        { label: 'own-1', label_key: 'own-1' },
      ]);
    } finally {
      await before.drop();
    }
  });
});
