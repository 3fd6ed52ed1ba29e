// The cohort page and the printable clinic report in a real browser, on the synthetic demo clinic:
// every chart drawn with its n, definitions one click away, CSV downloads, filters in the address;
// axe on each page; no Content-Security-Policy violations.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cohortReport } from '../../src/cohort/cohort.service.js';
import { createDemoClinic, DEMO_EMAIL } from '../../src/demo/demo-clinic.js';
import { systemContext } from '../../src/records/context.js';
import { CONDITIONS } from '../../src/shared/vocabulary.js';
import { createUser } from '../../src/users/user.service.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';
import {
  axeViolations,
  type BrowserSession,
  openBrowserSession,
  pageCspViolations,
  type RunningApp,
} from './browser.js';

describe('cohort outcomes in a browser', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;
  let seen: BrowserSession['seen'];
  let itt: number;
  let researcher: { email: string; password: string };
  let smallCondition: string | undefined;

  beforeAll(async () => {
    db = await freshSqlite();
    const demo = await createDemoClinic(db.handle, { patients: 40, seed: 11 });
    const ctx = systemContext(db.handle, demo.clinicId);
    itt = (await cohortReport(ctx, { instrument: 'gad7' })).report.n;
    researcher = { email: 'researcher@demo.example.org', password: 'a researcher reads aggregates' };
    await createUser(ctx, { email: researcher.email, role: 'researcher', password: researcher.password });
    // A condition that a few demo patients (1–10) have: a researcher may not see their figures.
    for (const condition of CONDITIONS) {
      const n = (await cohortReport(ctx, { instrument: 'gad7', filter: { condition } })).report.n;
      if (n >= 1 && n <= 10) smallCondition ??= condition;
    }
    session = await openBrowserSession(db.handle, {
      page: { acceptDownloads: true },
      signInAs: { email: DEMO_EMAIL, password: demo.password },
    });
    ({ running, page, seen } = session);
  });

  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  it('labels the synthetic demo data on the work queue', async () => {
    expect(await page.locator('.synthetic-banner').textContent()).toContain('Synthetic demo data');
  });

  it('draws every cohort chart with its n and definitions', async () => {
    await page.getByRole('link', { name: 'Cohort outcomes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cohort outcomes' }).waitFor();
    await page.locator('.figure-block svg.plot, .error-panel').first().waitFor();
    expect(await page.locator('.error-panel').count(), (await page.locator('main').textContent()) ?? '').toBe(0);
    expect(await page.locator('.lede').textContent()).toContain(`n = ${itt} patients who started (intention to treat)`);
    const blocks = page.locator('.figure-block');
    // Response by dose, onset, relief, adverse events, booster rate.
    expect(await blocks.count()).toBe(5);
    for (let i = 0; i < 5; i++) {
      const block = blocks.nth(i);
      expect(await block.textContent(), `figure ${i}`).toMatch(/n = \d+/);
      expect(await block.locator('details.definition').count(), `figure ${i}`).toBeGreaterThan(0);
    }
    // ITT and per protocol side by side.
    expect(await blocks.nth(0).locator('.chart-row svg.plot').count()).toBe(2);
    // Onset and relief: a curve with its band, and the numbers at risk, per condition (small multiples).
    expect(await blocks.nth(1).locator('svg.plot').count()).toBeGreaterThanOrEqual(2);
    expect(await blocks.nth(1).getByText('At risk').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.synthetic-banner').textContent()).toContain('Synthetic demo data');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('downloads a table as CSV, made in the browser', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .locator('.figure-block')
        .first()
        .getByRole('button', { name: /Download CSV/ })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe('response-by-dose.csv');
    const text = readFileSync(await download.path(), 'utf8');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'After dose,Response (ITT),Remission (ITT),Response (per protocol),Remission (per protocol),Per-protocol n',
    );
    expect(lines).toHaveLength(1 + 8); // doses 1–8 (DEFAULT_MAX_DOSE)
  });

  it('keeps the filters in the address', async () => {
    await page.getByLabel('Condition', { exact: true }).selectOption('gad');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('condition')).toBe('gad');
    await expect.poll(() => page.locator('.lede').textContent()).toContain('GAD');
  });

  it("says a wrong period at its field, in the labels' words, and keeps the report it has", async () => {
    const before = page.url();
    await page.getByLabel('Doses from').fill('2026-03-01');
    await page.getByLabel('Doses before').fill('2026-02-01');
    await page.getByRole('button', { name: 'Apply' }).click();
    expect(await page.locator('#cohort-to-error').textContent()).toBe(
      'Error: "Doses before" must be a later date than "Doses from"',
    );
    expect(await page.evaluate('document.activeElement.id')).toBe('cohort-to');
    expect(page.url()).toBe(before);
    expect(await page.locator('.lede').textContent()).toContain('GAD');

    // An address with a wrong period (typed, shared, or gone back to) is refused by the server; the page
    // says why in the labels' words, offers no "Try again" that would fail again, and keeps the last report.
    await page.evaluate(
      "history.pushState({}, '', '/cohort?condition=gad&from=2026-03-01&to=2026-02-01');" +
        "dispatchEvent(new PopStateEvent('popstate'));",
    );
    const refused = page.getByRole('alert').filter({ hasText: 'This filter cannot be applied' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Doses before: must be after "Doses from"');
    expect(await refused.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(await page.locator('.lede').textContent()).toContain('GAD');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => refused.count()).toBe(0);
  });

  it('prints the clinic outcome report', async () => {
    await page.getByRole('link', { name: 'Printable clinic report' }).click();
    await page.getByRole('heading', { level: 1, name: /Clinic outcome report/ }).waitFor();
    await page.locator('.figure-block svg.plot').first().waitFor();
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).count()).toBe(1);
    expect(await page.locator('.synthetic-banner').textContent()).toContain('Synthetic demo data');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows a researcher a small cohort as suppressed, with the reason, and no figure', async () => {
    expect(smallCondition, 'the demo clinic has a condition with 1–10 patients').toBeDefined();
    const other = await session.newPage();
    await other.goto(`${running.url}/sign-in`);
    await other.getByLabel('Email address').fill(researcher.email);
    await other.getByLabel('Password').fill(researcher.password);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => new URL(other.url()).pathname).not.toBe('/sign-in');
    await other.goto(`${running.url}/cohort?condition=${smallCondition ?? ''}`);
    await other.getByRole('heading', { level: 1, name: 'Cohort outcomes' }).waitFor();
    const notice = other.locator('p.suppressed');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('n: suppressed (n < 11)');
    expect(await other.locator('.figure-block').count()).toBe(0);
    expect(await axeViolations(other)).toEqual([]);
    await other.close();
  });

  it('raised no Content-Security-Policy violation and no page error', async () => {
    expect(seen.csp).toEqual([]);
    expect(await pageCspViolations(page)).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
