import { afterAll, expect, it } from 'vitest';
import { createDemoClinic, DEMO_EMAIL } from '../../src/demo/demo-clinic.js';
import { signIn } from '../../src/auth/session.service.js';
import { freshSqlite } from '../support/databases.js';
import { dashboard } from '../../src/dashboard/dashboard.service.js';
import { adherenceReport, listDue } from '../../src/schedules/due-list.service.js';

const sqlite = await freshSqlite();
afterAll(async () => {
  await sqlite.drop();
});

it('creates a synthetic clinic a clinician can sign in to, with realistic alerts and nothing from the future', async () => {
  const now = new Date('2026-11-26T12:00:00Z');
  const demo = await createDemoClinic(sqlite.handle, { patients: 40, seed: 7, now });
  expect(demo.patients).toBeGreaterThan(20);
  const session = await signIn(sqlite.handle, { email: DEMO_EMAIL, password: demo.password, ip: null }, now);
  expect(session.user.role).toBe('clinician');

  const db = sqlite.handle.db;
  const patients = await db.selectFrom('patients').select(['synthetic', 'label']).execute();
  expect(patients.length).toBe(demo.patients);
  expect(patients.every((p) => p.synthetic === 1 && p.label.startsWith('SYN-'))).toBe(true);
  const clinic = await db.selectFrom('clinics').select('name').executeTakeFirstOrThrow();
  expect(clinic.name).toMatch(/synthetic demo data/);

  const latestDose = await db
    .selectFrom('doses')
    .select((eb) => eb.fn.max('given_at').as('at'))
    .executeTakeFirstOrThrow();
  const latestScore = await db
    .selectFrom('assessments')
    .select((eb) => eb.fn.max('completed_at').as('at'))
    .executeTakeFirstOrThrow();
  expect(latestDose.at <= now.toISOString()).toBe(true);
  expect(latestScore.at <= now.toISOString()).toBe(true);

  const rules = await db.selectFrom('alerts').select('rule').distinct().execute();
  expect(rules.length).toBeGreaterThanOrEqual(3);

  // Schedules: every course has one, with completed and missed due assessments and an adherence figure.
  const ctx = {
    db,
    reader: sqlite.handle.reader,
    engine: 'sqlite' as const,
    clinicId: demo.clinicId,
    actor: { type: 'system' as const, id: null, ip: null },
    now: () => now,
  };
  const scheduled = await db.selectFrom('course_schedules').select('course_id').execute();
  const courses = await db.selectFrom('courses').select('id').execute();
  expect(scheduled.length).toBe(courses.length);
  const statuses = new Set((await listDue(ctx, {})).map((item) => item.status));
  expect(statuses.has('completed')).toBe(true);
  expect(statuses.has('missed')).toBe(true);
  const adherence = await adherenceReport(ctx);
  expect(adherence.clinic.share).toBeGreaterThan(0.3);
  expect(adherence.clinic.share).toBeLessThan(1);

  // The work queue: urgent alerts first, and patients dosed in the last two weeks have a questionnaire open
  // (due, or overdue and not yet expired: the earliest open check-in is often a past one).
  const queue = (await dashboard(ctx)).items;
  expect(queue[0]?.openAlerts.urgent).toBeGreaterThan(0);
  const open = queue.flatMap((item) =>
    item.nextDue === null || (item.daysSinceLastDose ?? Infinity) > 14 ? [] : [item.nextDue],
  );
  expect(open.length).toBeGreaterThan(0);

  // A clinic that keeps up (docs/safety.md "The demo clinic"): no information alert older than the 14-day
  // expiry and no warning older than a week is open, so few patients need action today.
  const stale = await db
    .selectFrom('alerts')
    .select(['severity', 'raised_at'])
    .where('status', '!=', 'resolved')
    .where((eb) =>
      eb.or([
        eb.and([eb('severity', '=', 'info'), eb('raised_at', '<', '2026-11-12T12:00:00.000Z')]),
        eb.and([eb('severity', '=', 'warning'), eb('raised_at', '<', '2026-11-19T12:00:00.000Z')]),
      ]),
    )
    .execute();
  expect(stale).toEqual([]);
  const { counts } = await dashboard(ctx);
  expect(counts.needsAction).toBeGreaterThan(0);
  expect(counts.needsAction / counts.patients).toBeLessThan(0.2);
});
