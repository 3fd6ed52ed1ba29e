// Outcomes for payers in the browser (issue 24, item 5): reached from the clinic report, each figure with
// its n and its definition, a period refused at its field in the labels' words while the last report stays,
// and the one-page PDF behind the download link. The figures themselves are worked by hand in
// test/cohort/payer-report.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createDemoClinic } from '../../src/demo/demo-clinic.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';
import { axeViolations, type BrowserSession, openBrowserSession, type RunningApp, signIn } from './browser.js';

describe('the payer report page', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;
  let password: string;

  beforeAll(async () => {
    db = await freshSqlite();
    ({ password } = await createDemoClinic(db.handle, { patients: 12, seed: 7 }));
    session = await openBrowserSession(db.handle);
    ({ running, page } = session);
    await signIn(page, running.url, 'demo@onset.local', password);
  });
  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  it('opens from the clinic report with the twelve months to today, every figure with its definition', async () => {
    await page.goto(`${running.url}/report`);
    await page.getByRole('link', { name: 'Outcomes for payers, on one page' }).click();
    await page.getByRole('heading', { name: 'Outcomes for payers', exact: true }).waitFor();
    const report = page.getByRole('region', { name: 'Report' });
    await report.waitFor();
    expect(await report.getByRole('note').textContent()).toContain('Synthetic demo data');
    const meta = (await report.locator('.report-meta').first().textContent()) ?? '';
    const n = /: (\d+), each counted in every figure/.exec(meta)?.[1];
    expect(Number(n)).toBeGreaterThan(0);
    expect(await report.getByRole('table').locator('caption').textContent()).toBe(
      `Response and remission by dose number (intention to treat, n = ${n})`,
    );
    expect(await report.locator('.payer-figure dt').allTextContents()).toEqual([
      'Dropout',
      'Cost per relief-day',
      'Cost per responder',
      'Adverse events per 100 doses',
      'REMS forms on time',
    ]);
    expect(await report.locator('.payer-figure details summary').count()).toBe(5);
    expect(await report.getByText(`of ${n} patients (`).count()).toBe(1); // the dropout's n
    expect(await axeViolations(page)).toEqual([]);
  });

  it('says a reversed period at its field in the labels’ words and keeps the report on the page', async () => {
    const before = (await page.locator('.report-meta').first().textContent()) ?? '';
    await page.getByLabel('First day').fill('2026-06-01');
    await page.getByLabel('Last day').fill('2026-05-01');
    await page.getByRole('button', { name: 'Show the report' }).click();
    const error = page.locator('#payer-last-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('"Last day" must be on or after "First day"');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('payer-last');
    expect(await page.locator('.report-meta').first().textContent()).toBe(before);
    expect(new URL(page.url()).search).toBe('');
  });

  it('downloads the same period as a one-page PDF', async () => {
    const href = await page.getByRole('link', { name: 'Download the one-page PDF' }).getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/reports\/payer\/pdf\?instrument=gad7&from=\d{4}-\d{2}-\d{2}&to=/);
    const response = await page.request.get(`${running.url}${href ?? ''}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
