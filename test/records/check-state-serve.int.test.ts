// The server runs the daily safety state check (src/app/compose.ts): at start a sample of each clinic is
// checked, a missing alert raised and counted in the metrics.
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serve } from '../../src/app/compose.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { createApiToken } from '../../src/auth/api-token.service.js';
import { openPostgres, openSqlite, type DatabaseHandle } from '../../src/db/database.js';
import type { RunningServer } from '../../src/http/server.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext, aCourse, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabaseWithLocation, type TestDatabase } from '../support/databases.js';

describeEachEngine('the server checks the safety state daily', (engine) => {
  let test: TestDatabase;
  let location: string;

  beforeAll(async () => {
    ({ test, location } = await freshDatabaseWithLocation(engine));
  });
  afterAll(async () => {
    await test.drop();
  });

  const open = (): DatabaseHandle =>
    engine === 'sqlite' ? openSqlite(join(location, 'onset.sqlite')) : openPostgres(location);

  it('raises a missing alert at start and counts it in the metrics', async () => {
    const ctx = await aClinicContext(test.handle);
    const admin = await createUser(ctx, {
      email: `ops-${ctx.clinicId.slice(0, 8)}@example.org`,
      role: 'admin',
      password: 'a long enough password',
    });
    const { token } = await createApiToken(ctx, admin.id, 'prometheus');
    const patient = await aPatient(ctx);
    const course = await aCourse(ctx, patient.id);
    await assessmentService.create(ctx, {
      patientId: patient.id,
      courseId: course.id,
      instrument: 'phq9',
      completedAt: '2026-01-06T09:00:00Z',
      answers: [1, 1, 1, 1, 1, 1, 1, 1, 2],
    });
    await sql`DELETE FROM alerts WHERE patient_id = ${patient.id}`.execute(test.handle.db);
    const alerts = async (): Promise<number> =>
      (await test.handle.db.selectFrom('alerts').select('id').where('patient_id', '=', patient.id).execute()).length;

    const server = (await serve(open(), {
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      trustProxy: false,
      mail: null,
      checkStateSample: 5,
    })) as RunningServer;
    try {
      const deadline = Date.now() + 20_000;
      while ((await alerts()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await alerts()).toBe(1);
      let metrics = '';
      while (!metrics.includes('onset_safety_state_alerts_raised_total 1') && Date.now() < deadline) {
        const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
        metrics = await response.text();
      }
      expect(metrics).toContain('onset_safety_state_checked_total 1\n');
      expect(metrics).toContain('onset_safety_state_mismatched_total 1\n');
      expect(metrics).toContain('onset_safety_state_alerts_raised_total 1\n');
    } finally {
      await server.close();
    }
  });
});
