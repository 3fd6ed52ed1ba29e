// The link form and list on a patient's page in a real browser against the real app: a questionnaire
// without its item text is not offered (and the form says why), and a link is revoked after a
// confirmation, after which it answers as an expired link does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { issuePatientLink, resolvePatientLink } from '../../src/auth/patient-link.service.js';
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
} from './browser.js';

const EMAIL = 'clinician.links@example.org';
const PASSWORD = 'correct horse battery staple';

describe('patient links in the clinician app', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;
  let seen: BrowserSession['seen'];
  let ctx: ServiceContext;
  let patientId: string;
  let progress: { token: string; id: string };

  beforeAll(async () => {
    db = await freshSqlite();
    ctx = { ...(await aClinicContext(db.handle, 'Link test clinic')), now: () => new Date() };
    await createUser(ctx, { email: EMAIL, role: 'clinician', password: PASSWORD, displayName: 'Dr Links' });
    patientId = (await aPatient(ctx, { label: 'P-LINKS-1' })).id;
    const issued = await issuePatientLink(ctx, patientId, { purpose: 'progress' });
    progress = { token: issued.token, id: issued.link.id };
    session = await openBrowserSession(db.handle, { signInAs: { email: EMAIL, password: PASSWORD } });
    ({ running, page, seen } = session);
    await page.goto(`${running.url}/patients/${patientId}`);
    await page.getByRole('heading', { level: 1, name: 'P-LINKS-1' }).waitFor();
  });

  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  it('offers only questionnaires whose item text is loaded, and says how to send the others', async () => {
    await page.getByRole('button', { name: 'Send a link' }).click();
    const select = page.getByLabel('Questionnaire');
    await expect.poll(async () => (await select.locator('option').allTextContents()).length).toBeGreaterThan(1);
    const offered = await select.locator('option').allTextContents();
    expect(offered.some((label) => label.startsWith('GAD-7'))).toBe(true);
    expect(offered.some((label) => label.startsWith('Mini-SPIN'))).toBe(false);
    const hint = page.locator('#link-instrument-hint');
    expect(await hint.textContent()).toMatch(
      /Not offered: .*Mini-SPIN.*licensed and not loaded.*Load the licensed item text/,
    );
    expect(await select.getAttribute('aria-describedby')).toContain('link-instrument-hint');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('a link issued from the form appears in the list', async () => {
    await page.getByRole('button', { name: 'Create link' }).click();
    await page.getByRole('heading', { name: 'Link to the GAD-7 questionnaire created' }).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    const items = page.locator('.link-item');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.first().textContent()).toMatch(/^GAD-7 questionnaire.*works until/);
  });

  it('revokes a link only after a confirmation, and the list then shows it revoked', async () => {
    const item = page.locator('.link-item', { hasText: 'Progress page' });
    await item.getByRole('button', { name: 'Revoke' }).click();
    const confirm = item.getByRole('group', { name: 'Confirm revoking this link' });
    expect(await confirm.textContent()).toContain('It stops working at once');
    // "Keep it" changes nothing.
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    expect((await resolvePatientLink(db.handle.db, progress.token)).state).toBe('valid');
    expect(await axeViolations(page)).toEqual([]);

    await item.getByRole('button', { name: 'Revoke' }).click();
    await item.getByRole('button', { name: 'Yes, revoke it' }).click();
    await expect.poll(() => page.locator('.link-item', { hasText: 'Progress page' }).textContent()).toMatch(/revoked /);
    expect(await page.locator('.link-item', { hasText: 'Progress page' }).getByRole('button').count()).toBe(0);
    expect((await resolvePatientLink(db.handle.db, progress.token)).state).toBe('revoked');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the revoked link, opened on the phone, says it was cancelled and to ask for a new one', async () => {
    const phone = await session.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${running.url}/p/#${progress.token}`);
    await phone.getByRole('heading', { level: 1, name: 'This link has been cancelled' }).waitFor();
    expect(await phone.locator('main').textContent()).toContain('Ask your care team to send you a new link.');
    await phone.close();
  });

  it('no Content-Security-Policy violations or page errors', async () => {
    expect(seen.csp).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(await pageCspViolations(page)).toEqual([]);
  });
});
