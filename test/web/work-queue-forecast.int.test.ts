// The work queue's "relief likely ending" items in a real browser, on the synthetic demo clinic (every
// patient answers the check-in): before the first fit the queue says the forecast is pending; once the
// clinic's forecast is fitted, a patient in holding relief whose predicted end is within 3 days (or past)
// shows the item in words with the forecast's n; axe on the page; no Content-Security-Policy violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createDemoClinic, DEMO_EMAIL } from '../../src/demo/demo-clinic.js';
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
  signIn,
} from './browser.js';
import { DAY_MS } from '../../src/shared/time.js';

describe('work queue: relief likely ending, in a browser', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;
  let seen: BrowserSession['seen'];
  let ctx: ServiceContext;
  let password: string;

  beforeAll(async () => {
    db = await freshSqlite();
    const demo = await createDemoClinic(db.handle, { patients: 60 });
    password = demo.password;
    ctx = systemContext(db.handle, demo.clinicId);
    session = await openBrowserSession(db.handle);
    ({ running, page, seen } = session);
  });

  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  it('before the first fit: says the relief forecast is being fitted', async () => {
    await signIn(page, running.url, DEMO_EMAIL, password);
    await page.getByRole('heading', { name: 'Work queue' }).waitFor();
    // The queue's first read found no fit and started one; either the pending line or (if it finished) the basis line.
    await expect
      .poll(() => page.locator('.forecast-status').textContent())
      .toMatch(/being fitted|Relief forecast from \d+ relief episodes/);
  });

  it('once fitted: a patient in holding relief ending within 3 days shows the item in words, with the n', async () => {
    const fit = await refreshClinicForecast(ctx, RELIEF_INSTRUMENT);
    expect(fit.relief).not.toBeNull();
    const now = Date.now();
    const due = fit.reliefEndings.filter((e) => Math.abs(e.medianEndAt - now) <= 3 * DAY_MS);
    expect(due.length).toBeGreaterThan(0);
    const first = due[0];
    const patient = await db.handle.db
      .selectFrom('patients')
      .select('label')
      .where('id', '=', first?.patientId ?? '')
      .executeTakeFirstOrThrow();
    await page.reload();
    const row = page.getByRole('row', { name: new RegExp(patient.label) });
    const item = row.locator('.relief-ending');
    await item.waitFor();
    expect(await item.textContent()).toMatch(
      /^Relief likely (ending within 3 days|ended or ending) \(predicted around \d{1,2} [A-Z][a-z]{2}; 80% window \d{1,2}( [A-Z][a-z]{2} )?–( )?\d{1,2} [A-Z][a-z]{2}\)/,
    );
    expect(await item.getAttribute('title')).toBe(
      `Relief forecast from ${fit.relief?.n.episodes} relief episodes of this clinic (${fit.relief?.n.patients} patients; median predicted end of relief after the latest dose, with its 80% window); docs: Forecast.`,
    );
    await expect
      .poll(() => page.locator('.forecast-status').textContent())
      .toContain(`Relief forecast from ${fit.relief?.n.episodes} relief episodes of this clinic`);
    // Urgent alerts first, then relief likely ending: no row without an urgent alert and without the item comes before
    // this one.
    const rows: { urgent: boolean; ending: boolean }[] = [];
    for (const tr of await page.locator('table.queue tbody tr').all()) {
      rows.push({
        urgent: /urgent/.test((await tr.textContent()) ?? ''),
        ending: (await tr.locator('.relief-ending').count()) > 0,
      });
    }
    const lastEnding = rows.map((r) => r.ending).lastIndexOf(true);
    expect(rows.slice(0, lastEnding + 1).every((r) => r.urgent || r.ending)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(seen.csp).toEqual([]);
    expect(await pageCspViolations(page)).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it('the settings page: an admin changes the horizon, and a bad one reads as the API says it', async () => {
    const admin = await session.newPage();
    await signIn(admin, running.url, 'admin@onset.local', password);
    await admin.goto(`${running.url}/settings`);
    const box = admin.getByLabel(/relief likely ending within/);
    await box.waitFor();
    expect(await box.inputValue()).toBe('3');
    await box.fill('0');
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => admin.locator('#forecast-reliefEndingWithinDays-error').textContent())
      .toContain('must be at least 1');
    await box.fill('5');
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => admin.getByRole('status').textContent()).toContain('relief likely ending within 5 days');
    const stored = await db.handle.db
      .selectFrom('clinics')
      .select('settings')
      .where('clinic_id', '=', ctx.clinicId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.settings)).toMatchObject({
      forecast: { reliefEndingWithinDays: 5, showOnProgressPage: false },
    });
    expect(await axeViolations(admin)).toEqual([]);
    await admin.close();
  });
});
