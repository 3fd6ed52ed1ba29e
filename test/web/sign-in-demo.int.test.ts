// The sign-in page of a demo server explains itself (issue 25, item 10): synthetic data, the three demo
// accounts, where their password is, and never the password; a server without the demo clinic says nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildApp } from '../../src/app/compose.js';
import { createDemoClinic } from '../../src/demo/demo-clinic.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';
import { axeViolations, type BrowserSession, openBrowserSession, type RunningApp, signIn } from './browser.js';

describe('the sign-in page of a demo server', () => {
  let db: TestDatabase;
  let session: BrowserSession;
  let running: RunningApp;
  let page: Page;
  let password: string;

  beforeAll(async () => {
    db = await freshSqlite();
    ({ password } = await createDemoClinic(db.handle, { patients: 6, seed: 3 }));
    session = await openBrowserSession(db.handle);
    ({ running, page } = session);
  });
  afterAll(async () => {
    await session.close();
    await db.drop();
  });

  it('names the three demo accounts and where the password is, and the password works', async () => {
    await page.goto(`${running.url}/sign-in`);
    const note = page.getByRole('note', { name: 'Demo server' });
    await note.waitFor();
    const text = (await note.textContent()) ?? '';
    expect(text).toContain('This is a demo server with synthetic patients: generated, not real people.');
    expect(await note.locator('li').allTextContents()).toEqual([
      'demo@onset.local (clinician)',
      'admin@onset.local (admin)',
      'research@onset.local (researcher)',
    ]);
    expect(text).toContain('kept in demo-credentials.txt in the data folder');
    expect(text).not.toContain(password);
    expect(await axeViolations(page)).toEqual([]);
    await signIn(page, running.url, 'demo@onset.local', password);
  });
});

describe('GET /api/v1/session/demo', () => {
  it('names no account on a server without the demo clinic, nor a disabled one on a demo server', async () => {
    const empty = await freshSqlite();
    const app = await buildApp({ database: empty.handle, logLevel: 'silent' });
    try {
      const answer = await app.inject({ method: 'GET', url: '/api/v1/session/demo' });
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toEqual({ accounts: [], password: null });

      await createDemoClinic(empty.handle, { patients: 3, seed: 5 });
      await empty.handle.db
        .updateTable('users')
        .set({ disabled_at: new Date().toISOString() })
        .where('email', '=', 'admin@onset.local')
        .execute();
      const demo = (await app.inject({ method: 'GET', url: '/api/v1/session/demo' })).json<{ accounts: unknown[] }>();
      expect(demo.accounts).toEqual([
        { email: 'demo@onset.local', role: 'clinician' },
        { email: 'research@onset.local', role: 'researcher' },
      ]);
    } finally {
      await app.close();
      await empty.drop();
    }
  });
});
