import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAlerts } from '../../src/alerts/alert.service.js';
import { listEntries } from '../../src/audit/audit.repository.js';
import { doseService } from '../../src/doses/dose.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { remsSessionService } from '../../src/rems/rems-session.service.js';
import { aClinicContext, aCourse, aDose, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

// The clinic is in New York (UTC−5 in winter): a dose at 09:05 UTC was given at 04:05 local.
const GIVEN = '2026-03-01T09:05:00.000Z';
const esketamine = { givenAt: GIVEN, drug: 'esketamine', route: 'intranasal', mg: 56 } as const;
const minutesAfter = (minutes: number): string => new Date(Date.parse(GIVEN) + minutes * 60_000).toISOString();

describeEachEngine('REMS monitored sessions', (engine) => {
  let test: TestDatabase;
  let a: ServiceContext;
  let b: ServiceContext;
  let patientId: string;
  let courseId: string;

  beforeAll(async () => {
    test = await freshDatabase(engine);
    a = await aClinicContext(test.handle, 'Clinic A');
    b = await aClinicContext(test.handle, 'Clinic B');
    patientId = (await aPatient(a)).id;
    courseId = (await aCourse(a, patientId)).id;
  });
  afterAll(async () => {
    await test.drop();
  });

  const anEsketamineDose = async (): Promise<string> =>
    (
      await aDose(a, patientId, courseId, {
        ...esketamine,
        observationMinutes: null,
        systolicBefore: null,
        diastolicBefore: null,
      })
    ).id;

  it('opens one session per esketamine dose and refuses racemic ketamine and a second session', async () => {
    const doseId = await anEsketamineDose();
    const session = await remsSessionService.create(a, { doseId });
    expect(session).toMatchObject({ doseId, patientId, pulseOximetry: [], sedation: null, formSubmittedAt: null });
    await expect(remsSessionService.create(a, { doseId })).rejects.toThrow(
      `doseId: already has a monitoring session (${session.id})`,
    );
    const racemic = await aDose(a, patientId, courseId, { givenAt: '2026-02-20T10:00:00Z' });
    await expect(remsSessionService.create(a, { doseId: racemic.id })).rejects.toThrow(
      'doseId: is a racemic-ketamine dose; only esketamine doses have a REMS monitoring session',
    );
    const entries = await listEntries(a.db, a.clinicId, { patientId });
    expect(entries.filter((e) => e.entity === 'rems-session' && e.action === 'create')).toHaveLength(1);
  });

  it('refuses discharge before 120 minutes in words, and changes nothing', async () => {
    const doseId = await anEsketamineDose();
    const session = await remsSessionService.create(a, { doseId });
    await expect(remsSessionService.update(a, session.id, { dischargedAt: minutesAfter(95) })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'dischargedAt: must be at least 120 minutes after the dose (given 04:05); it is 95 minutes',
    });
    expect((await remsSessionService.get(a, session.id)).dischargedAt).toBeNull();
    expect((await doseService.get(a, doseId)).observationMinutes).toBeNull();
    const discharged = await remsSessionService.update(a, session.id, { dischargedAt: minutesAfter(125) });
    expect(discharged.dischargedAt).toBe(minutesAfter(125));
    expect((await doseService.get(a, doseId)).observationMinutes).toBe(125);
  });

  it('writes its readings into the dose, where the blood pressure rules raise their alerts', async () => {
    const doseId = await anEsketamineDose();
    const session = await remsSessionService.create(a, {
      doseId,
      beforeSystolic: 150,
      beforeDiastolic: 85,
      beforeAt: minutesAfter(-10),
    });
    await remsSessionService.update(a, session.id, {
      fortyMinuteSystolic: 186,
      fortyMinuteDiastolic: 100,
      fortyMinuteAt: minutesAfter(40),
      dischargeSystolic: 150,
      dischargeDiastolic: 112,
      dischargeAt: minutesAfter(118),
      pulseOximetry: [
        { at: minutesAfter(30), spo2: 97 },
        { at: minutesAfter(60), spo2: 93 },
      ],
    });
    expect(await doseService.get(a, doseId)).toMatchObject({
      systolicBefore: 150,
      diastolicBefore: 85,
      systolicAfter: 186,
      diastolicAfter: 112,
      spo2After: 93,
    });
    const rules = (await listAlerts(a, { patientId }))
      .filter((x) => x.episodeKey === `dose:${doseId}`)
      .map((x) => x.rule);
    expect(rules.sort()).toEqual(['bp-post-dose', 'bp-pre-dose']);
  });

  it('refuses bad input as field: reason, with nothing written', async () => {
    const doseId = await anEsketamineDose();
    const session = await remsSessionService.create(a, { doseId });
    const refusals: [Record<string, unknown>, string][] = [
      [{ beforeAt: minutesAfter(5) }, 'beforeAt: must be before the dose (given 04:05)'],
      [{ fortyMinuteAt: minutesAfter(-5) }, 'fortyMinuteAt: must be after the dose (given 04:05)'],
      [{ beforeSystolic: 120, beforeDiastolic: 130 }, 'beforeDiastolic: must be lower than beforeSystolic (120 mmHg)'],
      [{ seriousAdverseEvent: true }, 'seriousAdverseEventDescription: is required when seriousAdverseEvent is yes'],
      [{ devicesUsed: 0 }, 'devicesUsed: must be at least 1'],
      [{ dischargedAt: '2026-03-02T09:05:00Z' }, 'dischargedAt: is in the future'],
    ];
    for (const [patch, message] of refusals) {
      await expect(remsSessionService.update(a, session.id, patch), message).rejects.toThrow(message);
    }
    expect(await remsSessionService.get(a, session.id)).toEqual(session);
  });

  it('clinic B can neither read, list, change nor attach to clinic A sessions', async () => {
    const doseId = await anEsketamineDose();
    const session = await remsSessionService.create(a, { doseId });
    await expect(remsSessionService.get(b, session.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await remsSessionService.list(b)).toEqual([]);
    await expect(remsSessionService.update(b, session.id, { sedation: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(remsSessionService.create(b, { doseId })).rejects.toThrow(`doseId: no dose ${doseId} in this clinic`);
    expect((await remsSessionService.list(a)).map((s) => s.id)).toContain(session.id);
  });
});
