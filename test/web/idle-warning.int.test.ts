// An idle session warns before it ends and says why it ended (issue 25, item 9): the page's clock runs
// ahead (Playwright's clock); the server's session is real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext } from '../support/builders.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';
import { axeViolations, type BrowserSession, openBrowserSession, type RunningApp, signIn } from './browser.js';

const EMAIL = 'idle.web@example.org';
const PASSWORD = 'correct horse battery staple';

describe('an idle session', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;

  beforeAll(async () => {
    db = await freshSqlite();
    session = await openBrowserSession(db.handle);
    ({ running, page } = session);
    const ctx = await aClinicContext(db.handle, 'Idle clinic');
    await createUser(ctx, { email: EMAIL, role: 'clinician', password: PASSWORD, displayName: 'Dr Idle' });
    await page.clock.install({ time: new Date() });
    await signIn(page, running.url, EMAIL, PASSWORD);
    await page.getByRole('heading', { name: 'Work queue' }).waitFor();
  });
  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  it('says nothing for the first 25 minutes, then warns; staying signed in asks the server again', async () => {
    const warning = page.getByRole('alertdialog', { name: 'Still there?' });
    await page.clock.fastForward('25:30');
    expect(await warning.count()).toBe(0);
    await page.clock.fastForward('02:00'); // 27.5 minutes: 1.5 left of the 29 the page counts on
    await warning.waitFor();
    expect(await warning.textContent()).toContain('you will be signed out in about 2 minutes');
    expect(await axeViolations(page)).toEqual([]);
    const asked = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'GET');
    await warning.getByRole('button', { name: 'Stay signed in' }).click();
    expect((await asked).status()).toBe(200);
    await warning.waitFor({ state: 'hidden' });
  });

  it('signs out when the time is up and says why on the sign-in page', async () => {
    await page.clock.fastForward('29:10');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain(
      'You were signed out because nothing happened for a while',
    );
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });
});
