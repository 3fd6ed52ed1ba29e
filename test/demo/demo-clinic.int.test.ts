import { afterAll, expect, it } from 'vitest';
import { createDemoClinic, DEMO_EMAIL } from '../../src/demo/demo-clinic.js';
import { signIn } from '../../src/auth/session.service.js';
import { freshSqlite } from '../support/databases.js';

const sqlite = await freshSqlite();
afterAll(async () => {
  await sqlite.drop();
});

it('creates a synthetic clinic a clinician can sign in to, with realistic alerts and nothing from the future', async () => {
  const now = new Date('2026-11-26T12:00:00Z');
  const demo = await createDemoClinic(sqlite.handle, { patients: 40, seed: 7, now });
  expect(demo.patients).toBeGreaterThan(20);
  const session = await signIn(sqlite.handle.db, { email: DEMO_EMAIL, password: demo.password, ip: null, engine: 'sqlite' }, now);
  expect(session.user.role).toBe('clinician');

  const db = sqlite.handle.db;
  const patients = await db.selectFrom('patients').select(['synthetic', 'label']).execute();
  expect(patients.length).toBe(demo.patients);
  expect(patients.every((p) => p.synthetic === 1 && p.label.startsWith('SYN-'))).toBe(true);
  const clinic = await db.selectFrom('clinics').select('name').executeTakeFirstOrThrow();
  expect(clinic.name).toMatch(/synthetic demo data/);

  const latestDose = await db.selectFrom('doses').select((eb) => eb.fn.max('given_at').as('at')).executeTakeFirstOrThrow();
  const latestScore = await db.selectFrom('assessments').select((eb) => eb.fn.max('completed_at').as('at')).executeTakeFirstOrThrow();
  expect(latestDose.at <= now.toISOString()).toBe(true);
  expect(latestScore.at <= now.toISOString()).toBe(true);

  const rules = await db.selectFrom('alerts').select('rule').distinct().execute();
  expect(rules.length).toBeGreaterThanOrEqual(3);
});
