// The forecast on the patient page in a real browser, for a clinic where the relief model can be fitted:
// a patient in relief sees the predicted end of relief on the card (median, 80% interval, P(still in
// relief) at days 7 and 14, the next-session window, the basis with its n) and as a shaded interval
// after the last dose on the timeline; a patient with no response after a dose sees "keep going?" with
// this clinic's rows (n at risk, 95% CI) and, set apart, the published figures with their sources.
// axe on every view; no Content-Security-Policy violations or page errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { refreshClinicForecast } from '../../src/patients/forecast-cache.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext } from '../support/builders.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';
import { aTreatedPatient } from '../support/forecast-patients.js';
import {
  axeViolations,
  type BrowserSession,
  openBrowserSession,
  pageCspViolations,
  type RunningApp,
  signIn,
} from './browser.js';

const EMAIL = 'forecast.web@example.org';
const PASSWORD = 'correct horse battery staple';

describe('the forecast card and the timeline in a browser', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;
  let seen: BrowserSession['seen'];
  let inRelief: string;
  let noResponse: string;

  beforeAll(async () => {
    db = await freshSqlite();
    const ctx = await aClinicContext(db.handle, 'Forecast web clinic');
    await createUser(ctx, { email: EMAIL, role: 'clinician', password: PASSWORD, displayName: 'Dr Forecast' });
    // Synthetic records (baseline 18; a total of 9 or less is a response). 12 patients who respond
    // after each of two doses and lose relief between day 3 and 7 or day 1.5 and 3 after the dose:
    // 24 ended relief episodes, enough for the model (20, 10 of them ended).
    for (let i = 0; i < 12; i++) {
      const lostBy = i % 2 === 0 ? 7 : 3;
      await aTreatedPatient(
        ctx,
        [0, 10],
        [
          [1, 6],
          [lostBy === 7 ? 3 : 1.5, 7],
          [lostBy, 16],
          [11, 6],
          [13, 7],
          [10 + lostBy, 16],
        ],
      );
    }
    // 22 patients with no response after dose 1 (day 1: 16): 8 respond after dose 2 (i % 3 = 0), 7 after
    // dose 3 (i % 3 = 1), 7 never do. Each response is lost 3 days later (one ended episode each).
    for (let i = 0; i < 22; i++) {
      const scores: [number, number][] =
        i % 3 === 0
          ? [
              [1, 16],
              [11, 6],
              [14, 16],
            ]
          : i % 3 === 1
            ? [
                [1, 16],
                [11, 15],
                [21, 6],
                [24, 16],
              ]
            : [
                [1, 16],
                [11, 15],
                [21, 15],
              ];
      await aTreatedPatient(ctx, [0, 10, 20], scores);
    }
    // In relief: relief after dose 1 lost by day 7, relief after dose 2 shown on days 11 and 12.
    inRelief = await aTreatedPatient(
      ctx,
      [0, 10],
      [
        [1, 6],
        [3, 7],
        [7, 16],
        [11, 6],
        [12, 7],
      ],
      { label: 'P-RELIEF' },
    );
    // One dose, and the check-in after it is no response (16 > 9).
    noResponse = await aTreatedPatient(ctx, [0], [[1, 16]], { label: 'P-NO-RESPONSE' });
    await refreshClinicForecast(ctx, 'gad7');
    session = await openBrowserSession(db.handle);
    ({ running, page, seen } = session);
    // A missing element fails its test with the locator named, well before the test's own timeout.
    page.setDefaultTimeout(10_000);
    await signIn(page, running.url, EMAIL, PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  async function openPatient(id: string, label: string): Promise<void> {
    await page.goto(`${running.url}/patients/${id}`);
    await page.getByRole('heading', { level: 1, name: label }).waitFor();
    await page.locator('.forecast-card').waitFor();
  }

  it('shows the predicted end of relief with its numbers, basis and n on the card', async () => {
    await openPatient(inRelief, 'P-RELIEF');
    const card = page.locator('.forecast-card');
    const text = (await card.textContent()) ?? '';
    // Episodes: 12 × 2 ended; P-RELIEF 1 ended + 1 holding; 8 + 7 late responders, 1 ended each.
    // 41 episodes (40 ended) of 28 patients; P-RELIEF's one earlier episode informs its forecast.
    expect(text).toContain("Based on this patient's 1 earlier relief episode and the clinic's 41 (28 patients).");
    expect(text).toContain('model: n = 41 episodes (40 ended) of 28 patients');
    const metric = (label: RegExp) => card.locator('.metric', { has: page.locator('dt', { hasText: label }) });
    // Dose 2 was on day 10: 15 January 2026.
    expect(await metric(/^Relief after dose 2$/).textContent()).toMatch(
      /^Relief after dose 2about \d+(\.\d)? days?model: n = 41 episodes \(40 ended\) of 28 patients · dose 15 Jan 202680% interval \d+(\.\d)? (days?|hours) – \d+(\.\d)? days?$/,
    );
    // Relief was last seen on day 12, two days after dose 2.
    expect(await metric(/^Remaining$/).textContent()).toMatch(/relief has held 2 days; 80% interval/);
    expect(await metric(/^Still in relief at day 7 \/ day 14$/).textContent()).toMatch(/\d{1,3}% \/ \d{1,3}%/);
    expect(await metric(/^Next session likely needed$/).textContent()).toMatch(
      /\d{1,2} Jan 2026 – \d{1,2} (Jan|Feb) 2026the remaining 80% interval, as dates/,
    );
    await card.locator('summary', { hasText: 'Definition' }).first().click();
    expect(await card.textContent()).toContain('The interval holds 80% of such episodes.');
    // In relief, "keep going?" does not arise.
    expect(await card.getByRole('heading', { name: /Keep going\?/ }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('draws the 80% window of the predicted end of relief after the last dose on the timeline, with its text', async () => {
    await openPatient(inRelief, 'P-RELIEF');
    const strip = page.locator('.timeline svg.plot').first();
    await strip.waitFor();
    const window = strip.locator('.relief-end-window rect');
    expect(await window.count()).toBe(1);
    expect(await strip.locator('.relief-end-median line').count()).toBe(1);
    expect(await strip.getAttribute('aria-label')).toBe(
      'Doses, adverse events, alerts and the predicted end of relief, 80% window over time',
    );
    expect(await strip.textContent()).toContain('Predicted end of relief, 80% window');
    // Geometry: the window starts after the last dose's triangle, the median tick lies inside it and the
    // axis reaches past its end (it was extended to hold it).
    const box = async (selector: string) => (await strip.locator(selector).last().boundingBox())!;
    const lastDose = await box('.timeline-dose path');
    const shaded = await box('.relief-end-window rect');
    const tick = await box('.relief-end-median line');
    const frame = (await strip.boundingBox())!;
    expect(shaded.x).toBeGreaterThan(lastDose.x);
    expect(tick.x).toBeGreaterThanOrEqual(shaded.x);
    expect(tick.x).toBeLessThanOrEqual(shaded.x + shaded.width);
    expect(shaded.x + shaded.width).toBeLessThanOrEqual(frame.x + frame.width);
    // The text equivalent gives the same dates as the card's next-session window.
    const next =
      (await page
        .locator('.forecast-card .metric', { has: page.locator('dt', { hasText: /^Next session likely needed$/ }) })
        .locator('.metric-value')
        .textContent()) ?? '';
    const caption = (await page.locator('.relief-end-text').textContent()) ?? '';
    expect(caption).toMatch(/^ Predicted end of relief, 80% window after dose 2 \(shaded, forecast\): /);
    expect(caption).toContain(next);
    expect(caption).toContain('model of 41 relief episodes in this clinic');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('after a dose without response: keep going? with n and 95% CI, beside the published figures', async () => {
    await openPatient(noResponse, 'P-NO-RESPONSE');
    const card = page.locator('.forecast-card');
    const panel = card.locator('section', {
      has: page.getByRole('heading', { name: 'Keep going? After 1 dose without response' }),
    });
    await panel.waitFor();
    expect(await card.locator('.callout').first().textContent()).toContain(
      'No check-in since dose 1 has shown a response',
    );
    // 22 judged at dose 2 without an earlier response, 8 respond: 8/22 = 36%. At dose 3, 14 at risk and
    // 7 respond: 1 − (14/22)(7/14) = 15/22 = 68%.
    const row = (dose: number) =>
      panel.locator('.metric', { has: page.locator('dt', { hasText: `First response by dose ${dose}` }) });
    expect(await row(2).textContent()).toMatch(/^First response by dose 236%n = 22 at risk95% CI \d{1,2}% – \d{1,2}%$/);
    expect(await row(3).textContent()).toMatch(/^First response by dose 368%n = 14 at risk95% CI \d{1,2}% – \d{1,2}%$/);
    // The published figures, set apart, each with its short citation and DOI link.
    const published = panel.locator('.published-figures');
    await published.waitFor();
    expect(await published.textContent()).toContain(
      'These published figures come from studies in depression, not anxiety',
    );
    const figures = published.locator('.published-figure');
    expect(await figures.count()).toBe(3);
    expect(await figures.nth(0).textContent()).toMatch(
      /^Published: Of patients who had not responded at day 2, 54\.9% on esketamine .*\(Turkoz et al\. 2021, doi:10\.4088\/JCP\.20m13800\) n = 518 /,
    );
    expect(await figures.nth(1).textContent()).toContain('(Ekstrand et al. 2022, doi:10.1093/ijnp/pyab088) n = 186');
    expect(await figures.nth(2).textContent()).toContain(
      '(Lipsitz et al. 2021, doi:10.1016/j.pnpbp.2020.110126) n = 134',
    );
    expect(await figures.nth(0).getByRole('link').getAttribute('href')).toBe('https://doi.org/10.4088/JCP.20m13800');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lists the published late-responder figures on the evidence page', async () => {
    await page.getByRole('link', { name: 'Evidence' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Late responders: published figures' }).waitFor();
    expect(await page.locator('.published-figure').count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('had no Content-Security-Policy violations and no page errors', async () => {
    expect(seen.csp).toEqual([]);
    expect(await pageCspViolations(page)).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
