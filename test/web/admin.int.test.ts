// The admin area in a real browser against the real app, on the demo clinic: an administrator changes the clinic,
// adds a user (a bad e-mail address first), makes and revokes an API token, revokes a patient link and reads the
// e-mail status; a clinician is told the area is for admins; a researcher lands on a page of their own; an
// unknown path shows the app's not-found page. axe on every page; the admin area at 390 px wide.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoClinic } from '../../src/demo/demo-clinic.js';
import { NOT_CONFIGURED } from '../../src/mail/mail-status.service.js';
import { signInHeaders } from '../support/api-world.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';
import {
  axeViolations,
  openBrowserSession,
  pageCspViolations,
  signIn,
  type BrowserSession,
  type RunningApp,
} from './browser.js';

const ADMIN = 'admin@onset.local';
const CLINICIAN = 'demo@onset.local';
const RESEARCHER = 'research@onset.local';

describe('the admin area in a browser', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;
  let password: string;
  let linkLabel: string;

  beforeAll(async () => {
    db = await freshSqlite();
    ({ password } = await createDemoClinic(db.handle, { patients: 6, seed: 3 }));
    session = await openBrowserSession(db.handle, { signInAs: { email: ADMIN, password } });
    ({ running, page } = session);
    // One patient link to revoke, issued through the API as a clinician would.
    const headers = await signInHeaders(running.app, CLINICIAN, password);
    const patients = await running.app.inject({ method: 'GET', url: '/api/v1/patients?limit=1', headers });
    const patient = patients.json<{ items: { id: string; label: string }[] }>().items[0];
    if (patient === undefined) throw new Error('the demo clinic has no patient');
    linkLabel = patient.label;
    const issued = await running.app.inject({
      method: 'POST',
      url: `/api/v1/patients/${patient.id}/links`,
      headers,
      payload: { purpose: 'progress' },
    });
    expect(issued.statusCode).toBe(201);
  });
  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  const heading = (name: string): ReturnType<Page['getByRole']> => page.getByRole('heading', { level: 1, name });
  const section = async (name: string, title: string): Promise<void> => {
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name }).click();
    await heading(`Admin: ${title}`).waitFor();
  };

  it('reaches the admin area from the navigation, which lists its sections', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await heading('Admin').waitFor();
    const sections = page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link');
    expect(await sections.allTextContents()).toEqual([
      'Clinic',
      'Users and roles',
      'API tokens',
      'Patient links',
      'Schedule templates',
      'E-mail',
    ]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('changes the clinic’s time zone and a safety threshold, refusing a wrong zone in the API’s words', async () => {
    await section('Clinic', 'Clinic');
    const clinic = page.getByRole('form', { name: 'The clinic' });
    await clinic.getByLabel('Time zone').fill('Mars/Olympus');
    await clinic.getByRole('button', { name: 'Save the clinic' }).click();
    const summary = clinic.getByRole('alert');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Time zone: "Mars/Olympus" is not an IANA time zone');
    expect(await clinic.locator('#clinic-timeZone-error').textContent()).toContain('is not an IANA time zone');
    expect(await axeViolations(page)).toEqual([]);

    await clinic.getByLabel('Time zone').fill('Europe/London');
    await clinic.getByRole('button', { name: 'Save the clinic' }).click();
    await clinic.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await clinic.getByRole('status').textContent()).toContain('time zone Europe/London');

    const safety = page.getByRole('form', { name: 'Crisis message and safety thresholds' });
    const systolic = safety.getByLabel('Before a dose: alert when the systolic is above (mmHg)');
    expect(await systolic.inputValue()).toBe('140');
    await systolic.fill('150');
    await safety.getByRole('button', { name: 'Save the safety settings' }).click();
    await safety.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    // Read back after a reload: both were stored.
    await page.reload();
    await heading('Admin: Clinic').waitFor();
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/London');
    const reloaded = page.getByLabel('Before a dose: alert when the systolic is above (mmHg)');
    await expect.poll(() => reloaded.inputValue()).toBe('150');
  });

  it('refuses an EHR address that is not an https origin, saying why, and saves a good one', async () => {
    const frame = page.getByRole('form', { name: 'Embedding in an EHR' });
    const box = frame.getByLabel('EHR addresses allowed to embed Onset');
    await box.fill('http://ehr.clinic.example');
    await frame.getByRole('button', { name: 'Save the addresses' }).click();
    await frame.getByRole('alert').waitFor();
    expect(await frame.getByRole('alert').textContent()).toContain(
      'The address on line 1 (http://ehr.clinic.example) must start with https://',
    );
    await box.fill('https://EHR.clinic.example/');
    await frame.getByRole('button', { name: 'Save the addresses' }).click();
    await frame.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await frame.getByRole('status').textContent()).toBe('Saved: https://ehr.clinic.example may embed Onset.');
    expect(await box.inputValue()).toBe('https://ehr.clinic.example');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('adds a user: a bad e-mail address is refused at the field in the API’s words, then a good one is added', async () => {
    await section('Users and roles', 'Users and roles');
    const form = page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('Email address').fill('not-an-email');
    await form.getByLabel('Name').fill('Nurse Example');
    await form.getByLabel('Role').selectOption('clinician');
    await form.getByLabel('Initial password').fill('a long enough passphrase');
    await form.getByRole('button', { name: 'Add the user' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.locator('#new-user-email-error').textContent()).toBe('Error: must be an e-mail address');
    expect(await form.getByRole('alert').textContent()).toContain('Email address: must be an e-mail address');
    expect(await axeViolations(page)).toEqual([]);

    await form.getByLabel('Email address').fill('nurse.example@onset.local');
    await form.getByRole('button', { name: 'Add the user' }).click();
    await form.getByRole('status').filter({ hasText: 'Added Nurse Example' }).waitFor();
    await page.getByRole('row', { name: /nurse\.example@onset\.local/ }).waitFor();
  });

  it('shows the API’s words when the last administrator would demote themself', async () => {
    await page.getByRole('button', { name: 'Change Demo administrator' }).click();
    const form = page.getByRole('form', { name: 'Change Demo administrator' });
    await form.getByLabel('Role').selectOption('clinician');
    await form.getByRole('button', { name: 'Save the change' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.locator('#change-user-role-error').textContent()).toContain(
      'the clinic’s last active administrator must stay one',
    );
    expect(await form.getByRole('alert').textContent()).toContain('Role: the clinic’s last active administrator');
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('disables a user only after a confirmation', async () => {
    await page.getByRole('button', { name: 'Change Nurse Example' }).click();
    const form = page.getByRole('form', { name: 'Change Nurse Example' });
    await form.getByLabel('Account disabled: may not sign in').check();
    await form.getByRole('button', { name: 'Save the change' }).click();
    const confirm = form.getByRole('group', { name: 'Confirm disabling this account' });
    await confirm.waitFor();
    expect(await page.getByRole('row', { name: /nurse\.example/ }).textContent()).toContain('Active');
    await confirm.getByRole('button', { name: 'Yes, disable the account' }).click();
    await expect.poll(() => page.getByRole('row', { name: /nurse\.example/ }).textContent()).toContain('Disabled');
  });

  it('makes an API token whose secret is shown once, then revokes it after a confirmation', async () => {
    await section('API tokens', 'API tokens');
    await page.getByText('No API tokens yet.').waitFor();
    const form = page.getByRole('form', { name: 'Make a token' });
    await form.getByLabel('Name').fill('EHR sync');
    await form.getByRole('button', { name: 'Make the token' }).click();
    const secret = page.getByRole('region', { name: 'Token “EHR sync” made' });
    await secret.waitFor();
    expect(await secret.textContent()).toContain('The secret is shown once.');
    const value = await secret.getByLabel('Secret').inputValue();
    expect(value).toMatch(/^api_/);
    await secret.getByRole('button', { name: 'Copy the secret' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await secret.getByRole('button', { name: 'Done: I have stored it' }).click();
    // Gone from the page for good: only its hash is kept.
    expect(await page.content()).not.toContain(value);

    const row = page.getByRole('row', { name: /EHR sync/ });
    await row.getByRole('button', { name: 'Revoke the token EHR sync' }).click();
    await row.getByRole('group', { name: 'Confirm: Revoke the token EHR sync' }).waitFor();
    await row.getByRole('button', { name: 'Yes, revoke it' }).click();
    await expect.poll(() => row.textContent()).toContain('Revoked');
    const used = await running.app.inject({
      method: 'GET',
      url: '/api/v1/clinic',
      headers: { authorization: `Bearer ${value}` },
    });
    expect(used.statusCode).toBe(401);
  });

  it('revokes a patient link after a confirmation, and says so when none is left', async () => {
    await section('Patient links', 'Patient links');
    const row = page.getByRole('row', { name: new RegExp(linkLabel) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Progress page');
    expect(await axeViolations(page)).toEqual([]);
    await row.getByRole('button', { name: /^Revoke/ }).click();
    await row.getByRole('button', { name: 'Yes, revoke it' }).click();
    await page.getByText('No patient link works now').waitFor();
  });

  it('lists the schedule templates in words', async () => {
    await section('Schedule templates', 'Schedule templates');
    await page.getByRole('heading', { level: 3, name: 'Anxiety — intensive after each dose' }).waitFor();
    expect(await page.getByText('After each dose, at 4, 24, 72, 168 hours: GAD-7').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('says plainly that no e-mail will be sent on a server without SMTP', async () => {
    await section('E-mail', 'E-mail');
    const sentence = page.getByTestId('mail-sentence');
    await sentence.waitFor();
    expect(await sentence.textContent()).toBe(NOT_CONFIGURED);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('keeps working at 390 px wide', async () => {
    const phone = await session.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await signIn(phone, running.url, ADMIN, password);
    for (const path of ['/admin/clinic', '/admin/users', '/admin/mail']) {
      await phone.goto(`${running.url}${path}`);
      await phone.getByRole('heading', { level: 1, name: /^Admin: / }).waitFor();
      const width = await phone.evaluate('document.documentElement.scrollWidth');
      expect(width, path).toBeLessThanOrEqual(390);
      expect(await axeViolations(phone), path).toEqual([]);
    }
    await phone.close();
  });

  it('a clinician has no admin area in the navigation, and /admin says it is for admins', async () => {
    const clinician = await session.newPage();
    await signIn(clinician, running.url, CLINICIAN, password);
    const nav = clinician.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await clinician.goto(`${running.url}/admin/users`);
    await clinician.getByRole('heading', { level: 1, name: 'Admins only' }).waitFor();
    expect(await clinician.getByText('your role (clinician) may not open it').count()).toBe(1);
    expect(await clinician.getByRole('table').count()).toBe(0);
    expect(await axeViolations(clinician)).toEqual([]);
    await clinician.close();
  });

  it('a researcher lands on a page of their own, labelled synthetic, and the navigation shows what they may open', async () => {
    const researcher = await session.newPage();
    await researcher.goto(`${running.url}/sign-in`);
    await researcher.getByLabel('Email address').fill(RESEARCHER);
    await researcher.getByLabel('Password').fill(password);
    await researcher.getByRole('button', { name: 'Sign in' }).click();
    await researcher.getByRole('heading', { level: 1, name: 'Research' }).waitFor();
    expect(await researcher.getByText('may not do this').count()).toBe(0);
    expect(await researcher.getByRole('note').textContent()).toContain('Synthetic demo data');
    const nav = researcher.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Home',
      'Cohort outcomes',
      'Clinic report',
      'Evidence',
    ]);
    const main = researcher.getByRole('main');
    expect(await main.getByRole('link').allTextContents()).toEqual(['Cohort outcomes', 'Clinic report', 'Evidence']);
    expect(await axeViolations(researcher)).toEqual([]);
    await main.getByRole('link', { name: 'Cohort outcomes' }).click();
    await researcher.getByRole('heading', { level: 1, name: /Cohort outcomes/ }).waitFor();
    await researcher.close();
  });

  it('shows the app’s own not-found page at an unknown path, and the API keeps answering problem+json', async () => {
    for (const path of ['/settings/x', '/admin/nope']) {
      const response = await page.goto(`${running.url}${path}`);
      expect(response?.status(), path).toBe(404);
      await heading('Page not found').waitFor();
      expect(await axeViolations(page), path).toEqual([]);
    }
    const api = await page.goto(`${running.url}/api/v1/nothing-here`);
    expect(api?.headers()['content-type']).toMatch(/application\/problem\+json/);
    expect(await pageCspViolations(page)).toEqual([]);
    expect(session.seen.csp).toEqual([]);
    expect(session.seen.errors).toEqual([]);
  });
});
