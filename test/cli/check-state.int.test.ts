// `onset check-state` on both engines: its lines, its JSON and its exit code, against a database the
// services wrote, then changed by hand.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { raiseAlert } from '../../src/alerts/alert.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { main } from '../../src/app/main.js';
import { captureIo } from '../../src/cli/io.js';
import type { Engine } from '../../src/db/database.js';
import type { ServiceContext } from '../../src/records/context.js';
import type { ClinicStateCheck } from '../../src/safety/check-state.service.js';
import { aClinicContext, aCourse, aDose, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabaseWithLocation, type TestDatabase } from '../support/databases.js';

describeEachEngine('onset check-state', (engine: Engine) => {
  let test: TestDatabase;
  let location: string;

  beforeAll(async () => {
    ({ test, location } = await freshDatabaseWithLocation(engine));
  });
  afterAll(async () => {
    await test.drop();
  });

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const io = captureIo();
    const previous = process.env.ONSET_DATABASE_URL;
    if (engine === 'postgres') process.env.ONSET_DATABASE_URL = location;
    try {
      const where = engine === 'sqlite' ? ['--data', location] : [];
      const code = await main(['node', 'onset', 'check-state', ...args, ...where], io);
      return { code, out: io.stdout(), err: io.stderr() };
    } finally {
      if (previous === undefined) delete process.env.ONSET_DATABASE_URL;
      else process.env.ONSET_DATABASE_URL = previous;
    }
  }

  /** A clinic of two patients, each with a PHQ-9 answered on item 9 (an urgent suicidality alert). */
  async function aClinic(): Promise<{ ctx: ServiceContext; patients: string[] }> {
    const ctx = await aClinicContext(test.handle);
    const patients: string[] = [];
    for (let i = 0; i < 2; i++) {
      const patient = await aPatient(ctx);
      const course = await aCourse(ctx, patient.id);
      await assessmentService.create(ctx, {
        patientId: patient.id,
        courseId: course.id,
        instrument: 'phq9',
        completedAt: '2026-01-06T09:00:00Z',
        answers: [1, 1, 1, 1, 1, 1, 1, 1, 2],
      });
      await aDose(ctx, patient.id, course.id);
      patients.push(patient.id);
    }
    return { ctx, patients };
  }

  async function suicidalityKey(patientId: string): Promise<string> {
    const row = await test.handle.db
      .selectFrom('alerts')
      .select('episode_key')
      .where('patient_id', '=', patientId)
      .where('rule', '=', 'suicidality')
      .executeTakeFirstOrThrow();
    return row.episode_key;
  }

  it('a clinic whose alerts match prints its counts and exits 0', async () => {
    const { ctx } = await aClinic();
    expect(await cli(['--clinic', ctx.clinicId])).toEqual({
      code: 0,
      out: `clinic ${ctx.clinicId}: 2 of 2 patients checked: 2 match, 0 do not\n`,
      err: '',
    });
  });

  it('names a missing alert and exits non-zero; --repair raises it, and the next check exits 0', async () => {
    const { ctx, patients } = await aClinic();
    const patientId = patients[1]!;
    const key = await suicidalityKey(patientId);
    await sql`DELETE FROM alerts WHERE patient_id = ${patientId} AND rule = 'suicidality'`.execute(test.handle.db);

    const found = await cli(['--clinic', ctx.clinicId]);
    expect(found).toEqual({
      code: 2,
      out:
        `clinic ${ctx.clinicId}: 2 of 2 patients checked: 1 match, 1 do not\n` +
        `clinic ${ctx.clinicId}: patient ${patientId}: MISSING suicidality ${key} (urgent, raised 2026-01-06T09:00:00.000Z): the last write, under the current rules and settings, should have raised it\n`,
      err: 'error: the safety state of 1 patient(s) does not match a whole-history evaluation (onset check-state --repair raises the missing alerts and stores the basis)\n',
    });

    const repaired = await cli(['--clinic', ctx.clinicId, '--repair']);
    expect(repaired.code, repaired.err).toBe(0);
    expect(repaired.out).toContain(`patient ${patientId}: REPAIRED: raised 1 alert(s)\n`);
    expect(await suicidalityKey(patientId)).toBe(key);
    expect(await cli(['--clinic', ctx.clinicId])).toMatchObject({ code: 0, err: '' });
  });

  it('--json prints the counts and the patients that do not match; a stale basis is one', async () => {
    const { ctx, patients } = await aClinic();
    await sql`UPDATE patient_safety_state SET basis = ${'{"rules":0}'} WHERE patient_id = ${patients[0]!}`.execute(
      test.handle.db,
    );
    const result = await cli(['--clinic', ctx.clinicId, '--json']);
    expect(result.code).toBe(2);
    const { clinics } = JSON.parse(result.out) as { clinics: ClinicStateCheck[] };
    expect(clinics).toEqual([
      expect.objectContaining({
        clinicId: ctx.clinicId,
        patients: 2,
        checked: 2,
        consistent: 1,
        mismatched: [patients[0]],
        outstanding: [patients[0]],
        basisNotCurrent: 1,
        missingAlerts: 0,
      }),
    ]);
    expect(clinics[0]!.details).toEqual([expect.objectContaining({ patientId: patients[0], basis: 'stale' })]);
    expect(await cli(['--clinic', ctx.clinicId, '--sample', '1', '--json'])).toMatchObject({
      out: expect.stringContaining('"checked": 1') as unknown,
    });
  });

  it('an alert nothing explains is kept, named, and leaves the exit non-zero even with --repair', async () => {
    const { ctx, patients } = await aClinic();
    const { alert } = await raiseAlert(ctx, {
      patientId: patients[0]!,
      rule: 'craving',
      severity: 'warning',
      episodeKey: 'high:assessment:none',
      raisedAt: '2026-01-07T09:00:00Z',
      evidence: {},
    });
    const result = await cli(['--clinic', ctx.clinicId, '--repair']);
    expect(result.code).toBe(2);
    expect(result.out).toContain(
      `patient ${patients[0]!}: UNEXPLAINED: alert ${alert.id} craving high:assessment:none (raised 2026-01-07T09:00:00.000Z): nothing written or changed since it was raised explains it; kept\n`,
    );
    expect(result.err).toBe('error: the safety state of 1 patient(s) does not match a whole-history evaluation\n');
  });

  it('a bad --sample or an unknown clinic is refused, naming it', async () => {
    expect(await cli(['--sample', 'ten'])).toEqual({
      code: 2,
      out: '',
      err: 'error: --sample: "ten" is not a number of patients (a whole number, at least 1)\n',
    });
    expect(await cli(['--sample', '0'])).toMatchObject({ code: 2 });
    expect(await cli(['--clinic', '00000000-0000-4000-8000-000000000000'])).toEqual({
      code: 2,
      out: '',
      err: 'error: clinic 00000000-0000-4000-8000-000000000000 was not found\n',
    });
  });
});
