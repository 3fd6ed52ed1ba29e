// Records entered and corrected in a real browser against the real app: a clinician-rated questionnaire
// entered on the patient page (a missing answer named at its item, then the score on the page), an
// instrument whose licensed wording is not loaded, the C-SSRS screener's skip logic; a patient's e-mail
// address and phone (the API's words for a bad one) and what the link form says about e-mail; a course's
// measurement schedule chosen after a confirmation and shown in words. axe on every state; 390 px wide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { patientService } from '../../src/patients/patient.service.js';
import { listDue } from '../../src/schedules/due-list.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext, aCourse, aPatient } from '../support/builders.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';
import { axeViolations, type BrowserSession, openBrowserSession, signIn } from './browser.js';

const EMAIL = 'records.web@example.org';
const PASSWORD = 'correct horse battery staple';

describe('entering records in a browser', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let page: Page;
  let ctx: ServiceContext;
  let patientId: string;

  beforeAll(async () => {
    db = await freshSqlite();
    ctx = await aClinicContext(db.handle, 'Records test clinic');
    await createUser(ctx, { email: EMAIL, role: 'clinician', password: PASSWORD, displayName: 'Dr Records' });
    const patient = await aPatient(ctx, { label: 'P-REC-1', weightKg: 70, conditions: ['gad'] });
    patientId = patient.id;
    await aCourse(ctx, patient.id, { usualDrug: 'racemic-ketamine', usualRoute: 'iv', usualMg: 35 });
    session = await openBrowserSession(db.handle, { signInAs: { email: EMAIL, password: PASSWORD } });
    ({ page } = session);
  });

  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  const openPatient = async (): Promise<void> => {
    await page.goto(`${session.running.url}/patients/${patientId}`);
    await page.getByRole('heading', { level: 1, name: 'P-REC-1' }).waitFor();
  };

  it('enters a HAM-A: a missing answer is named at its item, then the score is on the page', async () => {
    await openPatient();
    expect(await page.getByText('No questionnaires yet').textContent()).toContain('enter a clinician rating');
    await page.getByRole('button', { name: 'Clinician rating' }).click();
    const form = page.getByRole('form', { name: 'Enter a clinician rating' });
    await form.getByLabel('Questionnaire').selectOption({ label: 'HAM-A – Hamilton Anxiety Rating Scale' });
    // Items 1–14 with their words; answers 3,2,2,3,(5 left out),2,1,1,2,1,1,0,2,2.
    const answers = [3, 2, 2, 3, null, 2, 1, 1, 2, 1, 1, 0, 2, 2];
    const group = (item: number): ReturnType<Page['getByRole']> =>
      form.getByRole('group', { name: new RegExp(`^${item}\\. `) });
    expect(await group(1).locator('legend').textContent()).toMatch(/^1\. Anxious mood — worries/);
    for (const [index, value] of answers.entries()) {
      if (value !== null)
        await group(index + 1)
          .getByRole('radio', { name: new RegExp(`^${value} – `) })
          .check();
    }
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Save rating' }).click();
    const summary = form.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Choose an answer for item 5');
    expect(await group(5).locator('.error-message').textContent()).toContain('Choose an answer for item 5');
    expect(await assessmentService.list(ctx, { patientId })).toHaveLength(0);
    expect(await axeViolations(page)).toEqual([]);

    // A time in the future: the API's own words at the field.
    await form.getByLabel('Completed at').fill('2099-01-01T09:00');
    await group(5).getByRole('radio', { name: '1 – Mild' }).check();
    await form.getByRole('button', { name: 'Save rating' }).click();
    await expect.poll(() => summary.textContent()).toContain('Completed at: is in the future');
    expect(await form.locator('#rating-completedAt-error').textContent()).toContain('is in the future');

    await form.getByLabel('Completed at').fill('2026-01-05T09:30');
    await form.getByRole('button', { name: 'Save rating' }).click();
    // 3+2+2+3+1+2+1+1+2+1+1+0+2+2 = 23: HAM-A 18–24 is "mild to moderate".
    await expect
      .poll(() => page.locator('.record .saved').textContent())
      .toBe('HAM-A saved: total 23 of 56 (mild to moderate).');
    await page.getByText('HAM-A: 1 score').waitFor();
    const stored = await assessmentService.list(ctx, { patientId });
    expect(stored.map((a) => [a.instrument, a.total, a.source, a.completedAt])).toEqual([
      ['hama', 23, 'clinician', new Date(2026, 0, 5, 9, 30).toISOString()],
    ]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('says when an instrument’s licensed wording is not loaded, and asks by item number', async () => {
    await openPatient();
    await page.getByRole('button', { name: 'Clinician rating' }).click();
    const form = page.getByRole('form', { name: 'Enter a clinician rating' });
    await form.getByLabel('Questionnaire').selectOption({ label: 'Y-BOCS – Yale-Brown Obsessive Compulsive Scale' });
    expect(await form.locator('.rating-no-text').textContent()).toContain(
      'The Y-BOCS item wording is licensed and not loaded',
    );
    expect(await form.getByRole('group', { name: 'Item 1', exact: true }).getByRole('radio').count()).toBe(5);
    expect(
      await form.getByRole('group', { name: 'Item 10' }).getByRole('radio', { name: '4', exact: true }).count(),
    ).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('asks the C-SSRS screener’s questions 3–5 only after a yes to question 2', async () => {
    const form = page.getByRole('form', { name: 'Enter a clinician rating' });
    await form.getByLabel('Questionnaire').selectOption({ value: 'cssrs' });
    expect(await form.getByRole('group', { name: 'Item 3', exact: true }).count()).toBe(0);
    await form.getByRole('group', { name: 'Item 2', exact: true }).getByRole('radio', { name: 'Yes' }).check();
    await form.getByRole('group', { name: 'Item 3', exact: true }).waitFor();
    await form.getByRole('group', { name: 'Item 2', exact: true }).getByRole('radio', { name: 'No' }).check();
    expect(await form.getByRole('group', { name: 'Item 3', exact: true }).count()).toBe(0);
  });

  it('keeps the rating form working at 390 px wide', async () => {
    const phone = await session.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(phone, session.running.url, EMAIL, PASSWORD);
    await phone.goto(`${session.running.url}/patients/${patientId}`);
    await phone.getByRole('button', { name: 'Clinician rating' }).click();
    const form = phone.getByRole('form', { name: 'Enter a clinician rating' });
    await form.getByLabel('Questionnaire').selectOption({ value: 'hama' });
    await form.getByRole('group', { name: /^14\. / }).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await axeViolations(phone)).toEqual([]);
    await phone.close();
  });

  it('adds a patient with e-mail and phone: a bad address gets the API’s words, a good one is saved', async () => {
    await page.goto(`${session.running.url}/`);
    await page.getByRole('button', { name: 'Add a patient' }).first().click();
    const form = page.getByRole('form', { name: 'Add a patient' });
    await form.getByLabel('Label').fill('P-REC-2');
    await form.getByLabel('E-mail address').fill('not-an-address');
    await form.getByLabel('Phone').fill('+1 555 0100');
    await form.getByRole('button', { name: 'Add patient' }).click();
    const summary = form.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('E-mail address: must be an e-mail address');
    expect(await form.locator('#patient-email-error').textContent()).toContain('must be an e-mail address');
    expect(await axeViolations(page)).toEqual([]);
    await form.getByLabel('E-mail address').fill('rec2@example.org');
    await form.getByRole('button', { name: 'Add patient' }).click();
    await page.getByRole('heading', { level: 1, name: 'P-REC-2' }).waitFor();
    const contact = page.locator('.facts div', { has: page.locator('dt', { hasText: /^Contact$/ }) });
    expect(await contact.locator('dd').textContent()).toBe('rec2@example.org · +1 555 0100');
    const [stored] = (await patientService.list(ctx)).filter((p) => p.label === 'P-REC-2');
    expect([stored?.email, stored?.phone]).toEqual(['rec2@example.org', '+1 555 0100']);

    // The link form names the address scheduled questionnaires go to.
    await page.getByRole('button', { name: 'Send a link' }).click();
    expect(await page.locator('.link-mail').textContent()).toContain(
      'Scheduled questionnaires are e-mailed to rec2@example.org',
    );
    await page.getByRole('button', { name: 'Send a link' }).click();

    // Contact details changed: the phone too short in the API's words, then the phone removed.
    await page.getByRole('button', { name: 'Contact details' }).click();
    const edit = page.getByRole('form', { name: 'Contact details' });
    await edit.getByLabel('Phone').fill('12');
    await edit.getByRole('button', { name: 'Save contact details' }).click();
    await expect.poll(() => edit.locator('.error-summary').textContent()).toMatch(/^There is a problemPhone: .+/);
    expect(await edit.locator('#contact-phone-error').count()).toBe(1);
    await edit.getByLabel('Phone').fill('');
    await edit.getByRole('button', { name: 'Save contact details' }).click();
    await expect.poll(() => page.locator('.record .saved').textContent()).toBe('Contact details saved.');
    await expect.poll(() => contact.locator('dd').textContent()).toBe('rec2@example.org');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('says plainly when a patient has no e-mail address', async () => {
    await openPatient();
    expect(
      await page.locator('.facts div', { has: page.locator('dt', { hasText: /^Contact$/ }) }).textContent(),
    ).toContain('no e-mail address or phone recorded');
    await page.getByRole('button', { name: 'Send a link' }).click();
    expect(await page.locator('.link-mail').textContent()).toContain('This patient has no e-mail address');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('chooses a course’s schedule after a confirmation that says what changes, then shows it in words', async () => {
    await openPatient();
    const card = page.locator('.course-schedule').first();
    await card.getByText('No measurement schedule yet — choose one below.').waitFor();
    await card.getByText('Nothing due or missed.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // Nothing chosen: said at the field.
    await card.getByRole('button', { name: 'Use this schedule' }).click();
    await expect.poll(() => card.locator('.error-summary').textContent()).toContain('Choose a schedule');
    await card.getByLabel('Schedule', { exact: true }).selectOption({ label: 'Anxiety — intensive after each dose' });
    await card.getByRole('button', { name: 'Use this schedule' }).click();
    const confirm = card.locator('.schedule-confirm');
    expect(await confirm.textContent()).toContain(
      'Give this course the schedule “Anxiety — intensive after each dose”?',
    );
    expect(await confirm.textContent()).toContain('Will be asked:Before the first dose (baseline): GAD-7, PHQ-9');
    expect(await axeViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Choose the schedule' }).click();
    await expect
      .poll(() => card.locator('.saved').textContent())
      .toBe('Schedule set: Anxiety — intensive after each dose.');
    const words = card.locator('.schedule-words');
    await expect.poll(() => words.textContent()).toContain('Schedule: Anxiety — intensive after each dose');
    expect(await words.locator('li').allTextContents()).toContain('After each dose, at 4, 24, 72, 168 hours: GAD-7');
    // The baseline (GAD-7, PHQ-9, anxiety check-in at the course start, 5 January) has no answer and no dose
    // followed it: listed as the API holds it for the course.
    const held = await listDue(ctx, { patientId, statuses: ['due', 'overdue', 'missed'], limit: 100, offset: 0 });
    expect(held.map((d) => d.instrument).sort()).toEqual(['anxiety-vas', 'gad7', 'phq9']);
    await expect.poll(() => card.locator('.due-list li').count()).toBe(3);
    expect(await card.locator('.due-list').textContent()).toMatch(/GAD-7: (due now|overdue|missed), due 5 Jan/);

    // A change asks first and names what is no longer asked; keeping the current one changes nothing.
    await card.getByLabel('Schedule', { exact: true }).selectOption({ label: 'Maintenance — weekly' });
    await card.getByRole('button', { name: 'Change to this schedule' }).click();
    const change = card.locator('.schedule-confirm');
    expect(await change.textContent()).toContain(
      "Change this course's schedule from “Anxiety — intensive after each dose” to “Maintenance — weekly”?",
    );
    expect(await change.textContent()).toContain('No longer asked:Before the first dose (baseline)');
    await change.getByRole('button', { name: 'Keep the current one' }).click();
    expect(await words.textContent()).toContain('Schedule: Anxiety — intensive after each dose');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('keeps the schedules and the contact form working at 390 px wide', async () => {
    const phone = await session.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(phone, session.running.url, EMAIL, PASSWORD);
    await phone.goto(`${session.running.url}/patients/${patientId}`);
    await phone.locator('.schedule-words').waitFor();
    await phone.locator('.due-list').waitFor();
    await phone.getByRole('button', { name: 'Contact details' }).click();
    await phone.getByRole('form', { name: 'Contact details' }).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await axeViolations(phone)).toEqual([]);
    await phone.close();
  });
});
