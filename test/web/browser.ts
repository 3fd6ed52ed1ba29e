/**
 * Shared set-up for the browser tests: build the web app once per test file (into its own folder, so
 * test files running side by side never share one), start the real app on a free port, drive Debian's
 * chromium with playwright-core, run axe-core, and catch Content-Security-Policy violations.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import type { DatabaseHandle } from '../../src/db/database.js';
import { buildApp } from '../../src/app/compose.js';
import type { OnsetApp } from '../../src/http/app.js';

/**
 * The chromium the browser tests, scripts/lighthouse.ts and scripts/screenshots.ts drive: `CHROME_PATH` when
 * set, else `chromium` (or `chromium-browser`) on the PATH. Without one they fail with this message rather
 * than skip, so a run without a browser never passes as green (`apt-get install chromium`; `.ci/run` installs it).
 */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!existsSync(fromEnv))
      throw new Error(
        `CHROME_PATH=${fromEnv} does not exist: point CHROME_PATH at a chromium, or unset it to use chromium from the PATH`,
      );
    return fromEnv;
  }
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (found !== '') return found;
    } catch {
      // `which` exits non-zero when the name is not on the PATH; try the next name.
    }
  }
  throw new Error(
    "No chromium found: set CHROME_PATH, or install Debian's chromium (apt-get install chromium) so `which chromium` finds it, to run the browser tests in test/web",
  );
}

/** Builds the front end with vite's API into a fresh folder; returns the folder. */
export async function buildWeb(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'onset-web-'));
  await build({ configFile: 'web/vite.config.ts', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  return outDir;
}

export interface RunningApp {
  app: OnsetApp;
  url: string;
  close(): Promise<void>;
}

/** The real app on a free port, serving the build in `dist` (ONSET_WEB_DIST). */
export async function startApp(database: DatabaseHandle, dist: string): Promise<RunningApp> {
  process.env.ONSET_WEB_DIST = dist;
  const app = await buildApp({ database, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: origin(app), close: () => app.close() };
}

function origin(server: { server: { address(): unknown } }): string {
  const address = server.server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

/** Debian's chromium, headless, with a fresh profile and no background traffic. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Records Content-Security-Policy violations (the page event, and chromium's console report) and
 * uncaught page errors; a test fails if any appear.
 */
export function watch(page: Page): { csp: string[]; errors: string[] } {
  const seen = { csp: [] as string[], errors: [] as string[] };
  void page.addInitScript(
    "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
  );
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) seen.csp.push(message.text());
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  return seen;
}

/** CSP violations the page itself observed (securitypolicyviolation events). */
export async function pageCspViolations(page: Page): Promise<string[]> {
  return page.evaluate('window.__cspViolations ?? []');
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core's serious and critical violations on the page as it is now (WCAG 2.0–2.2 A and AA rules).
 * axe is injected through the DevTools protocol, which the page's CSP does not govern.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const found: AxeViolation[] = await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`,
  );
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Signs in through the sign-in page. */
export async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Work queue' }).waitFor();
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The page size of a desktop browser test; the phone-sized tests pass their own. */
export const DESKTOP = { width: 1280, height: 900 };

export type PageOptions = NonNullable<Parameters<Browser['newPage']>[0]>;

export interface BrowserSessionOptions {
  /** Options of the watched page (default: a 1280×900 viewport), e.g. a phone's viewport and touch. */
  page?: PageOptions;
  /** Signs the watched page in through the sign-in page before the tests start. */
  signInAs?: { email: string; password: string };
}

/** What a browser test drives: the app serving a fresh build, chromium, and one watched page. */
export interface BrowserSession {
  running: RunningApp;
  browser: Browser;
  page: Page;
  seen: ReturnType<typeof watch>;
  /** The folder of the build the app serves. */
  dist: string;
  /** Another page in a context of its own (its own cookies), 1280×900 unless `options` say otherwise. */
  newPage(options?: PageOptions): Promise<Page>;
  /** Closes the browser and the app and removes the build (the database is the caller's). */
  close(): Promise<void>;
}

/** Builds the web app, starts the real app on `database`, and opens chromium on one watched page. */
export async function openBrowserSession(
  database: DatabaseHandle,
  options: BrowserSessionOptions = {},
): Promise<BrowserSession> {
  const dist = await buildWeb();
  const running = await startApp(database, dist);
  const browser = await launch();
  const newPage = (pageOptions: PageOptions = {}): Promise<Page> =>
    browser.newPage({ viewport: DESKTOP, ...pageOptions });
  const page = await newPage(options.page);
  const seen = watch(page);
  if (options.signInAs !== undefined)
    await signIn(page, running.url, options.signInAs.email, options.signInAs.password);
  return {
    running,
    browser,
    page,
    seen,
    dist,
    newPage,
    close: async () => {
      await browser.close();
      await running.close();
      removeDir(dist);
    },
  };
}
