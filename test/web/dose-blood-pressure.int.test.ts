// Blood pressure over the clinic's limits is asked about before a dose is saved (issue 25, item 6), in the
// alert's own words (src/safety/blood-pressure.ts): nothing is saved until the clinician confirms, and
// going back to the readings saves nothing. Confirmed, the dose is saved and the alerts follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { listAlerts } from '../../src/alerts/alert.service.js';
import { doseService } from '../../src/doses/dose.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext, aCourse, aPatient } from '../support/builders.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';
import { axeViolations, type BrowserSession, openBrowserSession, type RunningApp, signIn } from './browser.js';

const EMAIL = 'clinician.bp@example.org';
const PASSWORD = 'correct horse battery staple';

describe('a dose with a high blood pressure, in a browser', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;
  let ctx: ServiceContext;
  let patientId: string;

  beforeAll(async () => {
    db = await freshSqlite();
    ctx = { ...(await aClinicContext(db.handle)), now: () => new Date() };
    await createUser(ctx, { email: EMAIL, role: 'clinician', password: PASSWORD });
    const patient = await aPatient(ctx, { label: 'P-BP-1', weightKg: 70 });
    patientId = patient.id;
    await aCourse(ctx, patient.id, { usualMg: 35, usualRoute: 'iv', startedAt: '2026-01-01T09:00:00Z' });
    session = await openBrowserSession(db.handle);
    ({ running, page } = session);
    await signIn(page, running.url, EMAIL, PASSWORD);
  });

  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  it('asks before saving 185/112 before and 195/118 after, naming each reading over its limit', async () => {
    await page.getByRole('link', { name: 'P-BP-1' }).click();
    await page.getByRole('heading', { level: 1, name: 'P-BP-1' }).waitFor();
    await page.getByRole('button', { name: 'Record a dose' }).click();
    await page.getByLabel('Systolic (mmHg)').nth(0).fill('185');
    await page.getByLabel('Diastolic (mmHg)').nth(0).fill('112');
    await page.getByLabel('Systolic (mmHg)').nth(1).fill('195');
    await page.getByLabel('Diastolic (mmHg)').nth(1).fill('118');
    await page.getByRole('button', { name: 'Save dose' }).click();

    const check = page.getByRole('alert').filter({ hasText: "Blood pressure over the clinic's limits" });
    await check.waitFor();
    // The default limits (docs/safety.md): 140/90 before the dose, 180/110 after it.
    expect(await check.textContent()).toContain(
      'Before the dose: systolic 185 above 140 and diastolic 112 above 90 mmHg',
    );
    expect(await check.textContent()).toContain(
      'After the dose: systolic 195 above 180 and diastolic 118 above 110 mmHg',
    );
    expect(await page.evaluate('document.activeElement.className')).toContain('bp-check');
    expect(await axeViolations(page)).toEqual([]);
    expect(await doseService.loadForPatient(ctx, patientId)).toEqual([]);

    // Back to the readings: nothing saved, the first reading over its limit has the focus.
    await check.getByRole('button', { name: 'Check the readings' }).click();
    expect(await check.count()).toBe(0);
    expect(await page.evaluate('document.activeElement.id')).toBe('dose-systolicBefore');
    expect(await doseService.loadForPatient(ctx, patientId)).toEqual([]);
  });

  it('saves once confirmed, and the alerts follow in the same words', async () => {
    await page.getByRole('button', { name: 'Save dose' }).click();
    const check = page.getByRole('alert').filter({ hasText: "Blood pressure over the clinic's limits" });
    await check.getByRole('button', { name: 'Save the dose anyway' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Dose recorded' }).count()).toBe(1);
    const doses = await doseService.loadForPatient(ctx, patientId);
    expect(doses).toHaveLength(1);
    expect(doses[0]).toMatchObject({
      systolicBefore: 185,
      diastolicBefore: 112,
      systolicAfter: 195,
      diastolicAfter: 118,
    });
    const alerts = await listAlerts(ctx, { patientId, status: 'open', limit: 10, offset: 0 });
    const summaries = alerts.map((a) => `${a.rule} ${a.severity}: ${String(a.evidence.summary)}`);
    expect(summaries).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^bp-pre-dose warning: .* was 185\/112 mmHg: systolic 185 above 140 and diastolic 112 above 90\.$/,
        ),
        expect.stringMatching(
          /^bp-post-dose urgent: .* was 195\/118 mmHg \(before: 185\/112\), over the post-dose limit: systolic 195 above 180 and diastolic 118 above 110\.$/,
        ),
      ]),
    );
  });

  it('saves a dose within the limits without asking', async () => {
    await page.getByRole('button', { name: 'Record a dose' }).click();
    await page.getByLabel('Systolic (mmHg)').nth(0).fill('140');
    await page.getByLabel('Diastolic (mmHg)').nth(0).fill('90');
    await page.getByRole('button', { name: 'Save dose' }).click();
    await expect.poll(async () => (await doseService.loadForPatient(ctx, patientId)).length).toBe(2);
    expect(await page.getByRole('alert').filter({ hasText: "Blood pressure over the clinic's limits" }).count()).toBe(
      0,
    );
  });
});
