// "How far to trust the forecast" on the cohort page, in a real browser, on the synthetic demo clinic:
// before the clinic's first fit the answer says the fit is running and the page asks again; once fitted, the
// reliability plot (an SVG
// point per bin, with the diagonal), its table, the coverage sentence with its n, and the definitions;
// axe passes; no Content-Security-Policy violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createDemoClinic, DEMO_EMAIL } from '../../src/demo/demo-clinic.js';
import type { ClinicCalibration } from '../../src/forecast/index.js';
import { refreshClinicForecast } from '../../src/patients/forecast-cache.js';
import { RELIEF_INSTRUMENT } from '../../src/patients/patient-forecast.service.js';
import { systemContext, type ServiceContext } from '../../src/records/context.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';
import {
  axeViolations,
  type BrowserSession,
  openBrowserSession,
  pageCspViolations,
  type RunningApp,
} from './browser.js';

describe('the calibration of the clinic forecast in a browser', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;
  let seen: BrowserSession['seen'];
  let ctx: ServiceContext;

  beforeAll(async () => {
    db = await freshSqlite();
    const demo = await createDemoClinic(db.handle, { patients: 40, seed: 13 });
    ctx = systemContext(db.handle, demo.clinicId);
    session = await openBrowserSession(db.handle, { signInAs: { email: DEMO_EMAIL, password: demo.password } });
    ({ running, page, seen } = session);
  });

  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  const section = () => page.locator('section.calibration-block');

  it('before the first fit the answer says it is being fitted, and the page asks again until the plot is there', async () => {
    const first = page.waitForResponse((r) => r.url().includes('/api/v1/cohort/forecast-calibration'));
    await page.goto(`${running.url}/cohort`);
    expect(await (await first).json()).toMatchObject({ status: 'pending' });
    await page.getByRole('heading', { level: 2, name: 'How far to trust the forecast' }).waitFor();
    // The fit runs in this process and may block it past the pending text; the page must still reach the plot on its
    // own.
    await section().locator('svg.plot').waitFor({ timeout: 20_000 });
  });

  it('draws the reliability plot with its bins, the table and the coverage sentence with its n', async () => {
    const fit = await refreshClinicForecast(ctx, RELIEF_INSTRUMENT);
    const calibration: ClinicCalibration = fit.calibration;
    expect(calibration.status, calibration.status === 'too-few' ? calibration.text : '').toBe('ready');
    if (calibration.status !== 'ready') return;
    await page.goto(`${running.url}/cohort`);
    const plot = section().locator('svg.plot');
    await plot.waitFor();
    // One point per bin, labelled with its n; the diagonal.
    expect(await plot.locator('circle').count()).toBe(calibration.bins.length);
    for (const bin of calibration.bins) expect(await plot.textContent()).toContain(`n = ${bin.n}`);
    expect(await plot.locator('path, line').count()).toBeGreaterThan(0);
    expect(await plot.getAttribute('aria-label')).toContain('Reliability of past forecasts');
    // The same bins as a table.
    expect(await section().locator('table tbody tr').count()).toBe(calibration.bins.length);
    const { judged, share } = calibration.coverage;
    expect(judged).toBeGreaterThan(0);
    expect(await section().locator('p.coverage').textContent()).toBe(
      `Of ${judged} past forecasts whose outcome is known, ${Math.round((share ?? NaN) * 100)}% of ends fell inside the 80% window (target 80%).`,
    );
    expect(await section().textContent()).toContain(
      `n = ${calibration.forecasts} forecasts of ${calibration.patients} patients`,
    );
    expect(await section().locator('details.definition').count()).toBe(2);
    expect(await page.locator('.synthetic-banner').textContent()).toContain('Synthetic demo data');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('raised no Content-Security-Policy violation and no page error', async () => {
    expect(seen.csp).toEqual([]);
    expect(await pageCspViolations(page)).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
