// The header counts the patients who need action today (issue 25, item 2; docs/safety.md): an open urgent
// alert or an open warning counts, an information alert does not; acknowledging the warning takes its
// patient off the count as soon as the user moves on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { raiseAlert } from '../../src/alerts/alert.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext, aPatient } from '../support/builders.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';
import { axeViolations, type BrowserSession, openBrowserSession, type RunningApp, signIn } from './browser.js';

const EMAIL = 'triage.web@example.org';
const PASSWORD = 'correct horse battery staple';

describe('who needs action today, in the header', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;
  let ctx: ServiceContext;

  beforeAll(async () => {
    db = await freshSqlite();
    session = await openBrowserSession(db.handle);
    ({ running, page } = session);
    ctx = await aClinicContext(db.handle, 'Triage clinic');
    await createUser(ctx, { email: EMAIL, role: 'clinician', password: PASSWORD, displayName: 'Dr Triage' });
    const alert = async (label: string, severity: 'urgent' | 'warning' | 'info'): Promise<void> => {
      const patientId = (await aPatient(ctx, { label })).id;
      await raiseAlert(ctx, {
        patientId,
        rule: severity === 'urgent' ? 'suicidality' : severity === 'warning' ? 'craving' : 'missed-follow-up',
        severity,
        episodeKey: label,
        raisedAt: '2026-02-28T09:00:00Z',
        evidence: { summary: `${severity} for ${label}.` },
      });
    };
    await alert('P-URGENT', 'urgent');
    await alert('P-WARNING', 'warning');
    await alert('P-INFO', 'info');
    await aPatient(ctx, { label: 'P-QUIET' });
    await signIn(page, running.url, EMAIL, PASSWORD);
  });
  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  it('counts the urgent and the warning patient, not the information one', async () => {
    const count = page.locator('header .needs-action');
    await expect.poll(() => count.textContent()).toBe('2 patients need action today');
    expect(await page.locator('.lede').textContent()).toContain('2 need action today');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('drops the warning patient once the warning is acknowledged and the user moves on', async () => {
    await page.getByRole('link', { name: 'P-WARNING' }).click();
    await page.getByRole('heading', { level: 1, name: 'P-WARNING' }).waitFor();
    await page.getByRole('button', { name: 'Acknowledge' }).first().click();
    await page.getByText(/acknowledged .* by Dr Triage/).waitFor();
    await page.getByRole('link', { name: 'Work queue' }).click();
    await expect.poll(() => page.locator('header .needs-action').textContent()).toBe('1 patient needs action today');
  });

  it('says there is no timeline for a patient with nothing recorded, instead of an axis around 1970', async () => {
    await page.getByRole('link', { name: 'P-QUIET' }).click();
    await page.getByRole('heading', { level: 1, name: 'P-QUIET' }).waitFor();
    await page.getByText('Nothing recorded yet. The timeline starts with the first dose').waitFor();
    expect(await page.locator('.timeline svg').count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toMatch(/Dec 31|31 Dec|1970/);
    expect(await axeViolations(page)).toEqual([]);
  });
});
