// The server's daily safety state check (safety/check-state.loop.ts) on both engines: a sample of every
// clinic's patients, the ones that do not match repaired, and what the log is told.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { checkClinicState } from '../../src/safety/check-state.service.js';
import {
  runStateCheck,
  startStateCheckLoop,
  stateCheckLogFields,
  type StateCheckRun,
} from '../../src/safety/check-state.loop.js';
import { DAY_MS } from '../../src/shared/time.js';
import { aClinicContext, aCourse, aDose, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

describeEachEngine('daily safety state check', (engine) => {
  let test: TestDatabase;
  let broken: ServiceContext;
  let sound: ServiceContext;
  const labels: string[] = [];

  /** `n` patients, each with an urgent suicidality alert from a PHQ-9 and a dose. */
  async function patientsOf(ctx: ServiceContext, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const patient = await aPatient(ctx);
      labels.push(patient.label);
      const course = await aCourse(ctx, patient.id);
      await assessmentService.create(ctx, {
        patientId: patient.id,
        courseId: course.id,
        instrument: 'phq9',
        completedAt: '2026-01-06T09:00:00Z',
        answers: [1, 1, 1, 1, 1, 1, 1, 1, 2],
      });
      await aDose(ctx, patient.id, course.id);
      ids.push(patient.id);
    }
    return ids;
  }

  beforeAll(async () => {
    test = await freshDatabase(engine);
    broken = await aClinicContext(test.handle);
    sound = await aClinicContext(test.handle);
    await patientsOf(broken, 4);
    await patientsOf(sound, 1);
    // Every alert of the first clinic deleted by hand.
    await sql`DELETE FROM alerts WHERE clinic_id = ${broken.clinicId}`.execute(test.handle.db);
  });
  afterAll(async () => {
    await test.drop();
  });

  it('checks a sample of each clinic, repairs the ones that do not match, and logs counts and patient ids only', async () => {
    const run = await runStateCheck(test.handle, { sample: 2 });
    expect(run.failed).toEqual([]);
    const byClinic = new Map(run.clinics.map((c) => [c.clinicId, c]));
    const first = byClinic.get(broken.clinicId);
    expect(first).toMatchObject({ patients: 4, checked: 2, missingAlerts: 2, alertsRaised: 2, outstanding: [] });
    expect(first?.mismatched).toHaveLength(2);
    expect(byClinic.get(sound.clinicId)).toMatchObject({ patients: 1, checked: 1, mismatched: [] });
    // The two left out of the sample still do not match; the two repaired do.
    const left = await checkClinicState(broken, { repair: false });
    expect(left.mismatched).toHaveLength(2);
    for (const id of first?.mismatched ?? []) expect(left.mismatched).not.toContain(id);

    const fields = stateCheckLogFields(first!);
    expect(fields).toMatchObject({
      clinicId: broken.clinicId,
      checked: 2,
      mismatched: 2,
      missingAlerts: 2,
      alertsRaised: 2,
      patientIds: first?.mismatched,
    });
    const logged = JSON.stringify(fields);
    for (const label of labels) expect(logged).not.toContain(label);
  });

  it('the loop runs the check at once, hands each run on, and stops when asked', async () => {
    const runs: StateCheckRun[] = [];
    const errors: unknown[] = [];
    let ran: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (ran = resolve));
    const loop = startStateCheckLoop(test.handle, {
      sample: 10,
      intervalMs: DAY_MS,
      onRun: (run) => {
        runs.push(run);
        ran();
      },
      onError: (error) => errors.push(error),
    });
    await first;
    await loop.stop();
    expect(errors).toEqual([]);
    expect(runs).toHaveLength(1);
    // The run before repaired the rest of the first clinic: every patient of both clinics now matches.
    expect(runs[0]!.clinics.map((c) => [c.checked, c.alertsRaised, c.outstanding.length]).sort()).toEqual([
      [1, 0, 0],
      [4, 2, 0],
    ]);
    expect((await checkClinicState(broken, { repair: false })).mismatched).toEqual([]);
  });
});
