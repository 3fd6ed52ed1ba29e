import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app/compose.js';
import type { OnsetApp } from '../../src/http/app.js';
import type { ServiceContext } from '../../src/records/context.js';
import { refreshDue } from '../../src/schedules/refresh-due.js';
import { createUser } from '../../src/users/user.service.js';
import { PASSWORD, signInHeaders } from '../support/api-world.js';
import { aClinicContext, aCourse, aPatient } from '../support/builders.js';
import { describeEachEngine } from '../support/databases.js';
import { freshScheduleDb, type ScheduleTestDb, YBOCS_ONLY } from './support.js';
import { DAY_MS } from '../../src/shared/time.js';

const daysAgo = (n: number): string => new Date(Date.now() - n * DAY_MS).toISOString();

/** The schedule HTTP routes, through the real app. */
describeEachEngine('schedule routes', (engine) => {
  let test: ScheduleTestDb;
  let app: OnsetApp;
  let ctx: ServiceContext;
  let clinician: Record<string, string>;
  let admin: Record<string, string>;
  let patientId: string;
  let courseId: string;

  beforeAll(async () => {
    test = await freshScheduleDb(engine);
    app = await buildApp({ database: test.handle, logLevel: 'silent' });
    // Routes read the real clock, so the records are placed relative to it.
    ctx = { ...(await aClinicContext(test.handle)), now: () => new Date() };
    const suffix = Math.random().toString(36).slice(2, 8);
    await createUser(ctx, { email: `c.${suffix}@example.org`, role: 'clinician', password: PASSWORD });
    await createUser(ctx, { email: `a.${suffix}@example.org`, role: 'admin', password: PASSWORD });
    clinician = await signInHeaders(app, `c.${suffix}@example.org`);
    admin = await signInHeaders(app, `a.${suffix}@example.org`);
    patientId = (await aPatient(ctx)).id;
    courseId = (await aCourse(ctx, patientId, { startedAt: daysAgo(30) })).id;
  });
  afterAll(async () => {
    await app.close();
    await test.drop();
  });

  it('lists templates and sets and reads a course schedule', async () => {
    const templates = await app.inject({ method: 'GET', url: '/api/v1/schedule-templates', headers: clinician });
    expect(templates.statusCode).toBe(200);
    expect(templates.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([
      'anxiety-intensive',
      'maintenance-weekly',
      'ptsd',
      'ocd',
      'safety-monthly',
    ]);

    const bad = await app.inject({
      method: 'PUT',
      url: `/api/v1/courses/${courseId}/schedule`,
      headers: clinician,
      payload: { templateId: 'nope' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ detail: string }>().detail).toContain('templateId: "nope" is not a template of this clinic');

    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/courses/${courseId}/schedule`,
      headers: clinician,
      payload: { templateId: 'ocd' },
    });
    expect(put.statusCode).toBe(200);
    const got = await app.inject({ method: 'GET', url: `/api/v1/courses/${courseId}/schedule`, headers: clinician });
    expect(got.json()).toMatchObject({
      courseId,
      templateId: 'ocd',
      schedule: { name: 'OCD — Y-BOCS at day 1 and week 1' },
    });
    // The tests below count Y-BOCS items alone.
    const own = await app.inject({
      method: 'PUT',
      url: `/api/v1/courses/${courseId}/schedule`,
      headers: clinician,
      payload: YBOCS_ONLY,
    });
    expect(own.statusCode).toBe(200);
  });

  it('GET /api/v1/due-assessments returns { items: [{ id, patientId, instrument, dueAt, status }] } with filters', async () => {
    const dose = await app.inject({
      method: 'POST',
      url: '/api/v1/doses',
      headers: clinician,
      payload: {
        patientId,
        courseId,
        givenAt: daysAgo(20),
        drug: 'racemic-ketamine',
        route: 'iv',
        mg: 35,
        setting: 'clinic',
      },
    });
    expect(dose.statusCode).toBe(201);
    await refreshDue(ctx, courseId); // idempotent beside the dose write hook
    // Baseline (expired at the dose 20 days ago), day 1 and day 7 (each expired 4 days after falling due): all missed.
    const missed = await app.inject({
      method: 'GET',
      url: `/api/v1/due-assessments?status=missed&patient=${patientId}`,
      headers: clinician,
    });
    expect(missed.statusCode).toBe(200);
    const items = missed.json<{ items: Record<string, unknown>[] }>().items;
    expect(items).toHaveLength(3);
    for (const item of items) {
      expect(item).toMatchObject({ patientId, instrument: 'ybocs', status: 'missed' });
      expect(Object.keys(item)).toEqual(expect.arrayContaining(['id', 'patientId', 'instrument', 'dueAt', 'status']));
    }
    const completed = await app.inject({
      method: 'GET',
      url: `/api/v1/due-assessments?status=completed,due&patient=${patientId}`,
      headers: clinician,
    });
    expect(completed.json()).toEqual({ items: [] });
    const ranged = await app.inject({
      method: 'GET',
      url: `/api/v1/due-assessments?patient=${patientId}&from=${daysAgo(19.5)}&to=${daysAgo(18.5)}`,
      headers: clinician,
    });
    // Only the day-1 follow-up (due 19 days ago) lies between 19.5 and 18.5 days ago.
    expect(ranged.json<{ items: { key: string }[] }>().items.map((i) => i.key)).toEqual([
      expect.stringMatching(/^after-dose:.*:\+24h:ybocs$/) as unknown,
    ]);
    const wrong = await app.inject({ method: 'GET', url: '/api/v1/due-assessments?status=late', headers: clinician });
    expect(wrong.statusCode).toBe(400);
  });

  it('reports adherence for the patient and the clinic, with its definition', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/adherence?patient=${patientId}`,
      headers: clinician,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      clinic: { completed: 0, missed: 3, due: 3, share: 0, patients: 1 },
      patients: [{ patientId, completed: 0, missed: 3, due: 3, share: 0 }],
      definition: expect.stringContaining('completed ÷ (completed + missed)') as unknown,
    });
  });

  it('schedule settings: staff read them, only an admin changes them', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/schedule-settings', headers: clinician })).json()).toEqual({
      reminderDays: 2,
      expiryDays: 4,
      graceBeforeHours: 12,
    });
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/v1/schedule-settings',
          headers: clinician,
          payload: { expiryDays: 5 },
        })
      ).statusCode,
    ).toBe(403);
    const changed = await app.inject({
      method: 'PUT',
      url: '/api/v1/schedule-settings',
      headers: admin,
      payload: { expiryDays: 5 },
    });
    expect(changed.json()).toEqual({ reminderDays: 2, expiryDays: 5, graceBeforeHours: 12 });
  });
});
