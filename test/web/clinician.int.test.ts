// The clinician app in a real browser against the real app: sign-in, the work queue, a patient's page,
// recording a dose (defaults and mg/kg as you type), alerts, the evidence page; axe on every page; no
// Content-Security-Policy violations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { listAlerts, raiseAlert } from '../../src/alerts/alert.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { doseService } from '../../src/doses/dose.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext, aCourse, aDose, aPatient } from '../support/builders.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';
import {
  axeViolations,
  type BrowserSession,
  openBrowserSession,
  pageCspViolations,
  type RunningApp,
  signIn,
} from './browser.js';

const EMAIL = 'clinician.web@example.org';
const PASSWORD = 'correct horse battery staple';

describe('clinician app in a browser', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;
  let seen: BrowserSession['seen'];
  let ctx: ServiceContext;
  let patientId: string;

  beforeAll(async () => {
    db = await freshSqlite();
    ctx = await aClinicContext(db.handle, 'Web test clinic');
    await createUser(ctx, { email: EMAIL, role: 'clinician', password: PASSWORD, displayName: 'Dr Web' });
    const patient = await aPatient(ctx, { label: 'P-WEB-1', weightKg: 70, conditions: ['gad'] });
    patientId = patient.id;
    const course = await aCourse(ctx, patient.id, { usualDrug: 'racemic-ketamine', usualRoute: 'iv', usualMg: 35 });
    await aDose(ctx, patient.id, course.id);
    // GAD-7 16 the day before the dose (baseline), 7 the day after: a response (7 ≤ 16 × 0.5).
    await assessmentService.create(ctx, {
      patientId: patient.id,
      instrument: 'gad7',
      completedAt: '2026-01-04T09:00:00Z',
      answers: [3, 3, 2, 2, 2, 2, 2],
    });
    await assessmentService.create(ctx, {
      patientId: patient.id,
      instrument: 'gad7',
      completedAt: '2026-01-06T09:00:00Z',
      answers: [1, 1, 1, 1, 1, 1, 1],
    });
    await raiseAlert(ctx, {
      patientId: patient.id,
      rule: 'craving',
      severity: 'warning',
      episodeKey: 'web-test',
      raisedAt: '2026-01-07T10:00:00Z',
      evidence: {
        summary: 'Craving rated 7 of 10 on 7 January.',
        definition: 'A craving rating of 6 or more.',
        source: 'test',
        values: {},
      },
    });
    session = await openBrowserSession(db.handle);
    ({ running, page, seen } = session);
  });

  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  it('signs in and opens the work queue, patients with open alerts first', async () => {
    await page.goto(`${running.url}/`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await signIn(page, running.url, EMAIL, PASSWORD);
    // Our craving alert and whatever the safety rules raised over the records: all open warnings.
    const warnings = (await listAlerts(ctx, { patientId, status: 'open', limit: 100, offset: 0 })).filter(
      (a) => a.severity === 'warning',
    ).length;
    expect(warnings).toBeGreaterThanOrEqual(1);
    const row = page.getByRole('row', { name: /P-WEB-1/ });
    await expect.poll(() => row.textContent()).toContain(`${warnings} warning`);
    // Latest GAD-7 7 against a baseline of 16: 9 points down, reliable change being 4 (docs/outcomes.md).
    expect(await row.textContent()).toMatch(/GAD-7\s*7.*reliably better than baseline \(16\)/);
    // The row names what ranks it: its most recent open warning and how long ago it was raised.
    expect(await row.locator('.top-alert').textContent()).toMatch(/^[A-Z][a-z].* · (\d+ days ago|yesterday)$/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the patient: facts, alerts, the timeline with bands, and outcomes with definitions', async () => {
    await page.getByRole('link', { name: 'P-WEB-1' }).click();
    await page.getByRole('heading', { level: 1, name: 'P-WEB-1' }).waitFor();
    await page.locator('svg.plot').first().waitFor();
    // The strip (doses, events, alerts) and one GAD-7 panel.
    expect(await page.locator('svg.plot').count()).toBe(2);
    expect(await page.getByText('response ≤ 8', { exact: true }).count()).toBe(1); // 16 × (1 − 0.5)
    await expect.poll(() => page.locator('.outcome-card').first().textContent()).toContain('Onset');
    const onset = page.locator('.metric', { has: page.locator('dt', { hasText: /^Onset$/ }) }).first();
    expect(await onset.textContent()).toContain('after 1 dose');
    await onset.getByText('Definition').click();
    expect(await onset.textContent()).toContain(
      'The first complete questionnaire after the first dose that is a response',
    );
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the forecast card, and says why there is no forecast', async () => {
    const card = page.locator('.forecast-card');
    // The first read starts the clinic's model fit in the background and may say so ("Check again",
    // test/api/forecast.int.test.ts); once fitted: one patient with one relief episode is too few for a
    // model (20 episodes, 10 ended, are needed).
    await expect
      .poll(async () => {
        await card
          .getByRole('button', { name: 'Check again' })
          .click({ timeout: 1000 })
          .catch(() => undefined);
        return card.textContent();
      })
      .toContain(
        'Too few relief episodes in this clinic to fit a model: at least 20, with 10 whose end was seen, are needed.',
      );
    expect(await axeViolations(page)).toEqual([]);
  });

  it('records a dose with the course defaults, working out mg/kg as the dose is typed', async () => {
    await page.getByRole('button', { name: 'Record a dose' }).click();
    const mg = page.getByLabel('Dose (mg)');
    expect(await mg.inputValue()).toBe('35');
    expect(await page.getByLabel('Route').inputValue()).toBe('iv');
    // 35 mg ÷ 70 kg = 0.5 mg/kg; 42 ÷ 70 = 0.6.
    expect(await page.locator('#dose-mgkg').textContent()).toBe('= 0.5 mg/kg (weight 70 kg)');
    await mg.fill('42');
    expect(await page.locator('#dose-mgkg').textContent()).toBe('= 0.6 mg/kg (weight 70 kg)');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Systolic (mmHg)').first().fill('128');
    await page.getByLabel('Diastolic (mmHg)').first().fill('82');
    await page.getByRole('button', { name: 'Save dose' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Dose recorded' }).textContent())
      .toMatch(/^Dose recorded: IV 42 mg \(0\.6 mg\/kg\)/);
    const doses = await doseService.loadForPatient(ctx, patientId);
    expect(doses.map((d) => d.mg).sort()).toEqual([35, 42]);
    expect(doses.find((d) => d.mg === 42)).toMatchObject({
      route: 'iv',
      mgPerKg: 0.6,
      systolicBefore: 128,
      diastolicBefore: 82,
    });
  });

  it('refuses a bad dose before sending, with an error summary linking to the field', async () => {
    await page.getByRole('button', { name: 'Record a dose' }).click();
    await page.getByLabel('Dose (mg)').fill('0');
    await page.getByLabel('Heart rate (bpm)').first().fill('300');
    await page.getByRole('button', { name: 'Save dose' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.textContent()).toContain(
      'The dose: 0 mg is outside the allowed range (more than 0 mg and at most 1000 mg)',
    );
    expect(await summary.textContent()).toContain(
      'Heart rate before: 300 bpm is outside the allowed range (at least 20 bpm and at most 250 bpm)',
    );
    expect(await page.getByLabel('Dose (mg)').getAttribute('aria-invalid')).toBe('true');
    await summary.getByRole('link', { name: /The dose/ }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('dose-mg');
    expect((await doseService.loadForPatient(ctx, patientId)).length).toBe(2);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('acknowledges an alert with a comment', async () => {
    const alert = page.locator('.alert', { hasText: 'Craving rated 7 of 10' });
    await alert.getByLabel('Comment on this alert (optional)').fill('Discussed at the session.');
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await expect
      .poll(() => page.locator('.alert', { hasText: 'Craving rated 7 of 10' }).textContent())
      .toContain('Acknowledged: Discussed at the session.');
    const acknowledged = page.locator('.alert', { hasText: 'Craving rated 7 of 10' });
    expect(await acknowledged.textContent()).toMatch(/acknowledged .* by Dr Web/);
    expect(await acknowledged.getByLabel('Comment on this alert (optional)').inputValue()).toBe('');
  });

  it('closes an urgent alert only with the follow-up taken, a note and a confirmation', async () => {
    const { alert: raised } = await raiseAlert(ctx, {
      patientId,
      rule: 'suicidality',
      severity: 'urgent',
      episodeKey: 'web-test-urgent',
      raisedAt: '2026-01-08T10:00:00Z',
      evidence: { summary: 'PHQ-9 item 9 answered 2 on 8 January.', values: {} },
    });
    await page.reload();
    const alert = page.locator('.alert', { hasText: 'PHQ-9 item 9 answered 2' });
    await alert.waitFor();
    expect(await alert.getByRole('button', { name: 'Resolve' }).count()).toBe(0);
    await alert.getByRole('button', { name: 'Close alert…' }).click();
    const form = alert.getByRole('form', { name: 'Close this urgent alert' });
    const followUp = form.getByLabel('Follow-up taken');
    expect(await followUp.locator('option').allTextContents()).toEqual([
      'Choose…',
      'C-SSRS screen completed',
      'Patient contacted (documented)',
      'Referred to emergency services',
    ]);
    await form.getByRole('button', { name: 'Review and close' }).click();
    const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' });
    expect(await summary.textContent()).toContain('Follow-up: is required to close an urgent alert');
    expect(await summary.textContent()).toContain('Note: is required to close an urgent alert');
    await followUp.selectOption({ label: 'Patient contacted (documented)' });
    await form.getByLabel('Note: what was done').fill('Phoned at 14:10; safety plan reviewed, no intent.');
    await form.getByRole('button', { name: 'Review and close' }).click();
    await form.getByText('Close this urgent alert?').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // Nothing is closed until the clinician confirms.
    expect(
      (await listAlerts(ctx, { patientId, status: 'resolved', limit: 100, offset: 0 })).map((a) => a.id),
    ).not.toContain(raised.id);
    await form.getByRole('button', { name: 'Yes, close the alert' }).click();
    await expect
      .poll(
        async () =>
          (await listAlerts(ctx, { patientId, status: 'resolved', limit: 100, offset: 0 })).find(
            (a) => a.id === raised.id,
          )?.resolvedByName,
      )
      .toBe('Dr Web');
    await page.getByText(/Resolved alerts/).click();
    const closed = page.locator('.alert', { hasText: 'PHQ-9 item 9 answered 2' });
    await expect.poll(() => closed.textContent()).toMatch(/resolved .* by Dr Web/);
    expect(await closed.textContent()).toContain('Follow-up: Patient contacted (documented)');
  });

  it('prints a patient summary with every definition open on paper', async () => {
    await page.getByRole('link', { name: 'Printable summary' }).click();
    await page.getByRole('heading', { level: 1, name: 'Patient summary: P-WEB-1' }).waitFor();
    await page.locator('svg.plot').first().waitFor();
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    expect(await page.locator('details.definition:not([open])').count()).toBe(0);
    await page.evaluate("window.dispatchEvent(new Event('afterprint'))");
    expect(await page.locator('details.definition[open]').count()).toBe(0);
  });

  it('shows the evidence: every study with its confirmed DOI, the rows without one and the unverified row marked', async () => {
    await page.getByRole('link', { name: 'Evidence' }).click();
    await page.getByRole('heading', { level: 1, name: 'Evidence' }).waitFor();
    const table = page.locator('table.evidence-table');
    await page.locator('table.evidence-table, .error-panel').first().waitFor();
    // GET /api/v1/evidence serves src/evidence (evidenceView); an error panel here names what failed.
    expect(await page.locator('.error-panel').count(), (await page.locator('main').textContent()) ?? '').toBe(0);
    expect(await table.locator('tbody tr').count()).toBe(15);
    expect(await table.locator('a[href^="https://doi.org/"]').count()).toBe(13);
    expect(await table.getByText('no DOI confirmed').count()).toBe(2);
    expect(await table.locator('.mark-unverified').allTextContents()).toEqual(['UNVERIFIED beyond the citation']);
    expect(await page.getByText('NMDA receptor block', { exact: true }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("puts the server's refusal of a field beside that field: a label another patient has", async () => {
    await page.goto(`${running.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Work queue' }).waitFor();
    await page.getByRole('button', { name: 'Add a patient' }).click();
    const form = page.getByRole('form', { name: 'Add a patient' });
    await form.getByLabel('Label').fill('P-WEB-1');
    await form.getByRole('button', { name: 'Add patient' }).click();
    const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    const reason = 'another patient in this clinic already has the label "P-WEB-1"';
    expect(await summary.textContent()).toContain(`Label: ${reason}`);
    expect(await page.evaluate('document.activeElement.className')).toBe('error-summary');
    const label = form.getByLabel('Label');
    expect(await label.getAttribute('aria-invalid')).toBe('true');
    expect(await label.getAttribute('aria-describedby')).toBe('patient-label-hint patient-label-error');
    expect(await page.locator('#patient-label-error').textContent()).toBe(`Error: ${reason}`);
    await summary.getByRole('link', { name: /^Label:/ }).click();
    expect(await page.evaluate('document.activeElement.id')).toBe('patient-label');
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('form', { name: 'Add a patient' }).count()).toBe(0);
  });

  it('pages the work queue fifty patients at a time and finds a patient by label on the server', async () => {
    for (let i = 1; i <= 55; i++) await aPatient(ctx, { label: `Q-${String(i).padStart(3, '0')}` });
    await page.goto(`${running.url}/`);
    const pager = page.getByRole('navigation', { name: 'Pages of the work queue' });
    await expect.poll(() => pager.textContent()).toContain('Patients 1–50 of 56');
    expect(await page.locator('table.queue tbody tr').count()).toBe(50);
    await pager.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => pager.textContent()).toContain('Patients 51–56 of 56');
    expect(await page.locator('table.queue tbody tr').count()).toBe(6);
    expect(await pager.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await page.getByLabel('Find a patient').fill('q-054');
    await expect.poll(() => page.locator('table.queue tbody tr').count()).toBe(1);
    expect(await page.locator('table.queue tbody tr').textContent()).toContain('Q-054');
    expect(await pager.count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('raised no Content-Security-Policy violation and no page error', async () => {
    expect(seen.csp).toEqual([]);
    expect(await pageCspViolations(page)).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
