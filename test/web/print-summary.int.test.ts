// The printable patient summary (issue 25, item 9): outcomes come first, open alerts as one line each, and a
// typical demo patient prints on at most two A4 pages (Chromium's own PDF of the print layout, read back
// with pdf.js).
import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createDemoClinic } from '../../src/demo/demo-clinic.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';
import { type BrowserSession, openBrowserSession, type RunningApp, signIn } from './browser.js';

const STANDARD_FONTS = fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));

describe('the printed patient summary', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;
  let patientId: string;

  beforeAll(async () => {
    db = await freshSqlite();
    session = await openBrowserSession(db.handle);
    ({ running, page } = session);
    const { password } = await createDemoClinic(db.handle, { patients: 12, seed: 7 });
    // The typical patient: the median number of doses.
    const counts = await db.handle.db
      .selectFrom('doses')
      .select(['patient_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('patient_id')
      .orderBy('n')
      .execute();
    patientId = counts[Math.floor(counts.length / 2)]?.patient_id ?? '';
    await signIn(page, running.url, 'demo@onset.local', password);
  });
  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  it('puts the outcomes first and prints on at most two A4 pages', async () => {
    await page.goto(`${running.url}/patients/${patientId}/summary`);
    await page.locator('.outcome-card, .empty').first().waitFor();
    const headings = await page.locator('article.report h2').allTextContents();
    expect(headings.indexOf('Outcomes')).toBeLessThan(headings.findIndex((h) => h.startsWith('Open alerts')));
    expect(headings.indexOf('Outcomes')).toBe(0);
    // On screen the cards with their definitions; on paper one line per questionnaire and a glossary.
    expect(await page.locator('.outcome-card').first().isVisible()).toBe(true);
    expect(await page.getByRole('table', { name: 'Outcomes by questionnaire' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('table', { name: 'Outcomes by questionnaire' }).isVisible()).toBe(true);
    expect(await page.locator('.outcome-card').first().isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    await page.emulateMedia({ media: 'screen' });
    const document = await getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: STANDARD_FONTS }).promise;
    expect(document.numPages).toBeLessThanOrEqual(2);
  });
});
