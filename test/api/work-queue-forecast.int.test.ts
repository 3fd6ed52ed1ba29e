// The work queue's "relief likely ending" items and the forecast settings: before the clinic's first fit
// the queue says the forecast is pending; once fitted, a patient in holding relief whose predicted end is
// near is listed after urgent alerts and before warnings; a dose given since the fit drops the item; the
// settings are validated field by field and only an admin changes them; the progress page's relief
// sentence appears only when the clinic turns it on.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { raiseAlert } from '../../src/alerts/alert.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import type { DashboardForecast, DashboardItem } from '../../src/dashboard/dashboard.service.js';
import type { Engine } from '../../src/db/database.js';
import { cachedClinicForecast, refreshClinicForecast } from '../../src/patients/forecast-cache.js';
import { progressForPatient } from '../../src/progress/progress.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { buildWorld, type ApiWorld } from '../support/api-world.js';
import { aCourse, aDose, aPatient } from '../support/builders.js';
import { describeEachEngine } from '../support/databases.js';
import { DAY_MS } from '../../src/shared/time.js';

// The routes read the real clock: the records end near today, so that a predicted end falls within days of now.
const START = Date.now() - 30 * DAY_MS;
const at = (days: number): string => new Date(START + days * DAY_MS).toISOString();

/**
 * A patient with a check-in baseline of 80 the day before the first dose (response: 40 or less), doses at `doseDays`
 * and check-ins at day offsets.
 */
async function aCheckedInPatient(
  ctx: ServiceContext,
  label: string,
  doseDays: number[],
  ratings: [number, number][],
): Promise<{ patientId: string; courseId: string }> {
  const patient = await aPatient(ctx, { label, conditions: ['gad'] });
  const first = doseDays[0] ?? 0;
  const course = await aCourse(ctx, patient.id, { startedAt: at(first - 2) });
  await assessmentService.create(ctx, {
    patientId: patient.id,
    courseId: course.id,
    instrument: 'anxiety-vas',
    completedAt: at(first - 1),
    answers: [80],
  });
  for (const d of doseDays) await aDose(ctx, patient.id, course.id, { givenAt: at(d) });
  for (const [d, rating] of ratings)
    await assessmentService.create(ctx, {
      patientId: patient.id,
      courseId: course.id,
      instrument: 'anxiety-vas',
      completedAt: at(d),
      answers: [rating],
    });
  return { patientId: patient.id, courseId: course.id };
}

describeEachEngine('work queue: relief likely ending', (engine: Engine) => {
  let world: ApiWorld;
  let live: ServiceContext;
  let inRelief: { patientId: string; courseId: string };
  let urgentId: string;

  beforeAll(async () => {
    world = await buildWorld(engine);
    live = { ...world.a, now: () => new Date() };
    // 12 patients, two episodes each, relief lost by day 3, 4, 5 or 7 (seen half a day to two days before).
    for (let i = 0; i < 12; i++) {
      const lostBy = [3, 4, 5, 7][i % 4] ?? 3;
      const seen = lostBy - 0.5 - (i % 3) * 0.5;
      await aCheckedInPatient(
        live,
        `R-${i}`,
        [0, 10],
        [
          [0.5, 20],
          [seen, 25],
          [lostBy, 75],
          [10.5, 20],
          [10 + seen, 25],
          [10 + lostBy, 75],
        ],
      );
    }
    // In relief at its last check-in, 2 days after the latest dose (day 26, 4 days ago): its predicted end is near now.
    inRelief = await aCheckedInPatient(
      live,
      'R-HOLDING',
      [16, 26],
      [
        [17, 20],
        [19, 25],
        [23, 75],
        [27, 20],
        [28, 25],
      ],
    );
    // Also in relief, but with an urgent alert: it stays first.
    const urgent = await aCheckedInPatient(
      live,
      'R-URGENT',
      [16, 26],
      [
        [17, 20],
        [19, 25],
        [23, 75],
        [27, 20],
        [28, 25],
      ],
    );
    urgentId = urgent.patientId;
    await raiseAlert(live, {
      patientId: urgentId,
      rule: 'craving',
      severity: 'urgent',
      episodeKey: 'queue-test',
      raisedAt: at(28),
      evidence: {},
    });
  });

  afterAll(async () => {
    await world.close();
  });

  const queue = async (): Promise<{ items: DashboardItem[]; forecast: DashboardForecast }> => {
    const response = await world.app.inject({
      method: 'GET',
      url: '/api/v1/dashboard',
      headers: world.principals.clinician.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const put = (principal: 'admin' | 'clinician', payload: Record<string, unknown>) =>
    world.app.inject({
      method: 'PUT',
      url: '/api/v1/forecast/settings',
      headers: world.principals[principal].headers,
      payload,
    });

  it('does not wait for the first fit: no relief-ending items, and says the forecast is pending', async () => {
    const { items, forecast } = await queue();
    expect(forecast).toMatchObject({ status: 'pending', instrument: 'anxiety-vas' });
    expect(items.every((item) => item.reliefEnding === null)).toBe(true);
  });

  it('once fitted: the patient in holding relief comes after urgent alerts and before warnings', async () => {
    await refreshClinicForecast(live, 'anxiety-vas');
    const { items, forecast } = await queue();
    expect(forecast).toMatchObject({ status: 'fitted', withinDays: 3, episodes: 28, patients: 14 });
    const listed = items.filter((item) => item.reliefEnding !== null).map((item) => item.patient.label);
    expect(listed.sort()).toEqual(['R-HOLDING', 'R-URGENT']);
    const holding = items.find((item) => item.patient.label === 'R-HOLDING');
    // Dose 2 on day 26; the predicted end lies after the last check-in that showed relief (day 28).
    expect(holding?.reliefEnding).toMatchObject({ withinDays: 3, dose: 2, basis: 'patient' });
    expect(Date.parse(holding?.reliefEnding?.predictedEndAt ?? '')).toBeGreaterThan(Date.parse(at(28)));
    const labels = items.map((item) => item.patient.label);
    const warned = items.findIndex(
      (item) => item.openAlerts.urgent === 0 && item.openAlerts.warning > 0 && item.reliefEnding === null,
    );
    expect(warned).toBeGreaterThan(-1);
    expect(labels.indexOf('R-URGENT')).toBe(0);
    expect(labels.indexOf('R-HOLDING')).toBe(1);
    expect(warned).toBeGreaterThan(labels.indexOf('R-HOLDING'));
  });

  it('a dose given since the fit drops the item until the next fit', async () => {
    await aDose(live, inRelief.patientId, inRelief.courseId, { givenAt: at(29) });
    const { items } = await queue();
    expect(items.find((item) => item.patient.id === inRelief.patientId)?.reliefEnding).toBeNull();
    expect(items.find((item) => item.patient.id === urgentId)?.reliefEnding).not.toBeNull();
  });

  it('validates the settings, names the bad field, and lets only an admin change them', async () => {
    const read = await world.app.inject({
      method: 'GET',
      url: '/api/v1/forecast/settings',
      headers: world.principals.clinician.headers,
    });
    expect(read.json()).toEqual({ reliefEndingWithinDays: 3, showOnProgressPage: false });
    expect((await put('clinician', { reliefEndingWithinDays: 5 })).statusCode).toBe(403);
    for (const [payload, field] of [
      [{ reliefEndingWithinDays: 0 }, 'reliefEndingWithinDays'],
      [{ reliefEndingWithinDays: 31 }, 'reliefEndingWithinDays'],
      [{ reliefEndingWithinDays: 2.5 }, 'reliefEndingWithinDays'],
      [{ showOnProgressPage: 'yes' }, 'showOnProgressPage'],
    ] as const) {
      const refused = await put('admin', payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json<{ problems: { field: string }[] }>().problems.map((e) => e.field)).toContain(field);
    }
    const unchanged = await world.app.inject({
      method: 'GET',
      url: '/api/v1/forecast/settings',
      headers: world.principals.admin.headers,
    });
    expect(unchanged.json()).toEqual({ reliefEndingWithinDays: 3, showOnProgressPage: false });
    const accepted = await put('admin', { reliefEndingWithinDays: 7 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toEqual({ reliefEndingWithinDays: 7, showOnProgressPage: false });
    expect((await queue()).forecast).toMatchObject({ status: 'fitted', withinDays: 7 });
  });

  it('the progress page says how long relief has usually lasted only when the clinic turns it on', async () => {
    const urgent = { ...live };
    expect(cachedClinicForecast(live, 'anxiety-vas')).not.toBeNull();
    expect((await progressForPatient(urgent, urgentId)).relief).toBeNull();
    expect((await put('admin', { showOnProgressPage: true })).statusCode).toBe(200);
    const shown = (await progressForPatient(urgent, urgentId)).relief;
    expect(shown).toMatch(/^For you, relief after a session has usually lasted about \d+( to \d+)? days?\.$/);
    // A patient with no earlier relief episode of their own: nothing, even when on.
    const first = await aCheckedInPatient(live, 'R-FIRST', [0], [[1, 20]]);
    expect((await progressForPatient(urgent, first.patientId)).relief).toBeNull();
    expect((await put('admin', { showOnProgressPage: false })).statusCode).toBe(200);
    expect((await progressForPatient(urgent, urgentId)).relief).toBeNull();
  });
});
