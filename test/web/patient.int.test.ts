// The patient page at 360 px in a real browser: a questionnaire one question per screen (GOV.UK
// patterns), the crisis message first, pages for used and expired links; the score appearing on the
// clinician's timeline; and the page's JavaScript within 80 KB gzipped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { issuePatientLink } from '../../src/auth/patient-link.service.js';
import { courseService } from '../../src/courses/course.service.js';
import { doseService } from '../../src/doses/dose.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext, aPatient } from '../support/builders.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';
import {
  axeViolations,
  type BrowserSession,
  openBrowserSession,
  pageCspViolations,
  type RunningApp,
  signIn,
} from './browser.js';
import { DAY_MS, HOUR_MS } from '../../src/shared/time.js';

const EMAIL = 'clinician.patient-page@example.org';
const PASSWORD = 'correct horse battery staple';
const PHONE = { width: 360, height: 740 };

describe('patient page in a browser at 360 px', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;
  let seen: BrowserSession['seen'];
  let live: ServiceContext;
  let patientId: string;
  const scripts = new Set<string>();

  beforeAll(async () => {
    db = await freshSqlite();
    const ctx = await aClinicContext(db.handle, 'Patient page clinic');
    // Links are checked against the real clock, so the records around them use it too.
    live = { ...ctx, now: () => new Date() };
    await createUser(live, { email: EMAIL, role: 'clinician', password: PASSWORD });
    const patient = await aPatient(live, { label: 'P-PHONE-1', weightKg: 64 });
    patientId = patient.id;
    const now = Date.now();
    const course = await courseService.create(live, {
      patientId,
      startedAt: new Date(now - 3 * DAY_MS).toISOString(),
      primaryInstrument: 'gad7',
    });
    await assessmentService.create(live, {
      patientId,
      instrument: 'gad7',
      completedAt: new Date(now - 3 * DAY_MS).toISOString(),
      answers: [3, 3, 3, 2, 2, 2, 2],
    });
    await doseService.create(live, {
      patientId,
      courseId: course.id,
      givenAt: new Date(now - 2 * DAY_MS).toISOString(),
      drug: 'racemic-ketamine',
      route: 'iv',
      mg: 32,
      setting: 'clinic',
    });
    session = await openBrowserSession(db.handle, { page: { viewport: PHONE, isMobile: true, hasTouch: true } });
    ({ running, page, seen } = session);
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.endsWith('.js')) scripts.add(path);
    });
  });

  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  const link = async (body: Record<string, unknown>, ctx = live): Promise<string> =>
    `${running.url}/p/#${(await issuePatientLink(ctx, patientId, body)).token}`;
  const fitsThePhone = async (): Promise<boolean> =>
    page.evaluate('document.documentElement.scrollWidth <= window.innerWidth');

  it('asks one question per screen, says what to fix, and sends nothing until the end', async () => {
    await page.goto(await link({ purpose: 'questionnaire', instrument: 'gad7' }));

    await page.getByRole('heading', { level: 1, name: 'Your GAD-7 questionnaire' }).waitFor();
    expect(
      await page
        .getByText('Over the last 2 weeks, how often have you been bothered by the following problems?')
        .count(),
    ).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Start now' }).click();

    // Continue without an answer: the error summary comes first and links to the radios.
    await page.getByRole('group', { name: /Question 1 of 7/ }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.getByRole('alert');
    expect(await summary.textContent()).toContain('Choose an answer to question 1');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await axeViolations(page)).toEqual([]);
    await summary.getByRole('link').click();
    expect(await page.evaluate('document.activeElement.id')).toBe('q0-0');
    expect(page.url()).toContain('/p/#lnk_'); // the token stays in the address

    // Answers 1,1,1,0,0,1,1 → GAD-7 total 5. Each option row is a large tap target.
    const answers = [
      'Several days',
      'Several days',
      'Several days',
      'Not at all',
      'Not at all',
      'Several days',
      'Several days',
    ];
    for (const [i, label] of answers.entries()) {
      await page.getByRole('group', { name: new RegExp(`Question ${i + 1} of 7`) }).waitFor();
      const option = page.getByLabel(label, { exact: true });
      const box = await page.locator('.radio-label', { hasText: new RegExp(`^${label}$`) }).boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
      await option.check();
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.getByRole('heading', { level: 1, name: 'Check your answers before sending' }).waitFor();
    expect(await fitsThePhone()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // Nothing is stored before "Send answers".
    expect((await assessmentService.loadForPatient(live, patientId)).length).toBe(1);

    // Change an answer from the check page, and come back to it.
    await page.getByRole('button', { name: 'Change your answer to: Trouble relaxing' }).click();
    await page.getByLabel('Several days', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your answers before sending' }).waitFor();

    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your answers have been sent' }).waitFor();
    const stored = await assessmentService.loadForPatient(live, patientId);
    // 1+1+1+1+0+1+1 = 6 after the change on item 4.
    expect(stored.map((a) => a.total)).toEqual([17, 6]);
  });

  it('says plainly that a used link has been used', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'You have already sent your answers' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('says plainly that an expired link has expired', async () => {
    const issuedEarlier = { ...live, now: () => new Date(Date.now() - 2 * HOUR_MS) };
    await page.goto(await link({ purpose: 'questionnaire', instrument: 'gad7', expiresInHours: 1 }, issuedEarlier));
    await page.getByRole('heading', { level: 1, name: 'This link has expired' }).waitFor();
    expect(await page.getByText('Ask your care team to send you a new link.').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the patient their own progress in plain words, a chart and a table', async () => {
    await page.goto(await link({ purpose: 'progress' }));
    await page.getByRole('heading', { level: 1, name: 'Your progress' }).waitFor();
    // Baseline 17 before the first dose, 6 after it (the questionnaire sent above).
    expect(await page.getByText(/Your GAD-7 score was 17 before your first session and 6 on/).count()).toBe(1);
    expect(
      await page
        .getByText('Your answers suggest your symptoms are lower than when you started.', { exact: false })
        .count(),
    ).toBe(1);
    expect(await page.locator('svg.progress-chart circle').count()).toBe(2);
    expect(await fitsThePhone()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the crisis message first, before anything else, after a positive item 9 on the PHQ-9', async () => {
    await page.goto(await link({ purpose: 'questionnaire', instrument: 'phq9' }));
    await page.getByRole('button', { name: 'Start now' }).click();
    for (let i = 0; i < 9; i++) {
      await page.getByRole('group', { name: new RegExp(`Question ${i + 1} of 9`) }).waitFor();
      await page.getByLabel(i === 8 ? 'Several days' : 'Not at all', { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.getByRole('button', { name: 'Send answers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Help is available right now' }).waitFor();
    const order = await page.locator('main h1, main h2, main p').allTextContents();
    expect(order[0]).toBe('Help is available right now');
    expect(order[1]).toMatch(/988/);
    expect(await page.evaluate('document.activeElement.id')).toBe('crisis-title');
    expect(await page.getByRole('link', { name: 'Call 988' }).getAttribute('href')).toBe('tel:988');
    expect(await fitsThePhone()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('follows the C-SSRS skip logic: no to 2 goes to 6, and only the questions asked are checked and sent', async () => {
    await page.goto(await link({ purpose: 'questionnaire', instrument: 'cssrs' }));
    await page.getByRole('button', { name: 'Start now' }).click();
    for (const question of [1, 2, 6]) {
      await page.getByRole('group', { name: new RegExp(`Question ${question} of 7`) }).waitFor();
      await page.getByLabel('No', { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.getByRole('heading', { level: 1, name: 'Check your answers before sending' }).waitFor();
    expect(await page.locator('.summary-row .summary-key').allTextContents()).toEqual(['Item 1', 'Item 2', 'Item 6']);

    // A yes to 2 from the check page asks 3–5 before coming back to it.
    await page.getByRole('button', { name: 'Change your answer to: Item 2' }).click();
    await page.getByLabel('Yes', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    for (const question of [3, 4, 5]) {
      await page.getByRole('group', { name: new RegExp(`Question ${question} of 7`) }).waitFor();
      await page.getByLabel('No', { exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.getByRole('heading', { level: 1, name: 'Check your answers before sending' }).waitFor();
    expect(await page.locator('.summary-row .summary-key').allTextContents()).toEqual([
      'Item 1',
      'Item 2',
      'Item 3',
      'Item 4',
      'Item 5',
      'Item 6',
    ]);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Send answers' }).click();
    // Yes to 2 and no to 3–5 is low risk on the screener: no crisis message.
    await page.getByRole('heading', { level: 1, name: 'Your answers have been sent' }).waitFor();
    const screener = (await assessmentService.loadForPatient(live, patientId)).filter((a) => a.instrument === 'cssrs');
    expect(screener).toHaveLength(1);
    // One yes; 6b, left out by the skip logic, is stored as not asked and the screener is complete.
    expect(screener[0]).toMatchObject({
      total: 1,
      band: 'low',
      complete: true,
      answers: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 0, '6': 0, '6b': null },
    });
  }, 90_000);

  it('loads at most 80 KB of gzipped JavaScript', () => {
    expect(scripts.size).toBeGreaterThan(0);
    const bytes = [...scripts].reduce((sum, path) => sum + gzipSync(readFileSync(join(session.dist, path))).length, 0);
    expect(bytes).toBeLessThanOrEqual(80 * 1024);
  });

  it('puts the score on the clinician’s timeline', async () => {
    const clinician = await session.newPage();
    await signIn(clinician, running.url, EMAIL, PASSWORD);
    await clinician.getByRole('link', { name: 'P-PHONE-1' }).click();
    await clinician.locator('svg.plot').first().waitFor();
    // The GAD-7 panel's dots carry their score in their hover title; the table alternative lists it too.
    expect(await clinician.locator('svg.plot title').allTextContents()).toContainEqual(
      expect.stringMatching(/^GAD-7 6 \(mild\)/),
    );
    await clinician.getByText('Show the timeline as a table').click();
    expect(await clinician.getByRole('row').filter({ hasText: 'GAD-7' }).allTextContents()).toContainEqual(
      expect.stringContaining('6 mild'),
    );
    await clinician.close();
  });

  it('raised no Content-Security-Policy violation and no page error', async () => {
    expect(seen.csp).toEqual([]);
    expect(await pageCspViolations(page)).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
