/**
 * `npm run timings` (tsx scripts/page-timings.ts): time to main content of every page, measured in headless
 * Chromium on a fresh synthetic demo clinic — not a test (the machine is shared and noisy). For each page,
 * RUNS loads (a new tab each, signed in): milliseconds from the start of navigation until the page's main
 * content is on screen (its selector below is visible), as `performance.now()` in the page reads it; the
 * median is printed. Desktop pages at 1280 px; the patient questionnaire at 390 px with the CPU throttled 4×
 * (Chrome DevTools Protocol, Emulation.setCPUThrottlingRate). Targets: ≤ 600 ms desktop, ≤ 1,500 ms for the
 * questionnaire. Prints one JSON object.
 */
import type { Browser, Page } from 'playwright-core';
import { issuePatientLink } from '../src/auth/patient-link.service.js';
import { wireServices } from '../src/app/compose.js';
import { createDemoClinic, DEMO_EMAIL } from '../src/demo/demo-clinic.js';
import { patientService } from '../src/patients/patient.service.js';
import { systemContext } from '../src/records/context.js';
import { freshSqlite } from '../test/support/databases.js';
import { buildWeb, launch, removeDir, startApp } from '../test/web/browser.js';

wireServices();

const RUNS = Number(process.env.TIMING_RUNS ?? 5);
const TARGETS = { desktopMs: 600, questionnaireThrottledMs: 1500 };

interface PageSpec {
  name: string;
  path: string;
  /** Visible when the page's main content has arrived (not its loading message). */
  ready: string;
}

async function timeOnce(
  browser: Browser,
  cookie: string,
  url: string,
  spec: PageSpec,
  mobile: boolean,
): Promise<number> {
  const context = await browser.newContext(
    mobile ? { viewport: { width: 390, height: 844 } } : { viewport: { width: 1280, height: 900 } },
  );
  if (cookie !== '') {
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name: name ?? '', value: value ?? '', url }]);
  }
  const page: Page = await context.newPage();
  if (mobile) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  try {
    await page.goto(`${url}${spec.path}`, { waitUntil: 'commit' });
    await page.locator(spec.ready).first().waitFor({ state: 'visible', timeout: 30_000 });
    return Math.round(Number(await page.evaluate('performance.now()')));
  } finally {
    await context.close();
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

async function main(): Promise<void> {
  const dist = await buildWeb();
  const db = await freshSqlite();
  const demo = await createDemoClinic(db.handle, { patients: 50, seed: 20260301 });
  const running = await startApp(db.handle, dist);
  const ctx = systemContext(db.handle, demo.clinicId);
  const browser = await launch();
  try {
    const signIn = await fetch(`${running.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_EMAIL, password: demo.password }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const [patient] = await patientService.list(ctx, { limit: 1 });
    if (patient === undefined) throw new Error('the demo clinic has no patients');
    const { token } = await issuePatientLink(ctx, patient.id, { purpose: 'questionnaire', instrument: 'gad7' });
    const desktop: PageSpec[] = [
      { name: 'work queue', path: '/', ready: 'table.queue tbody tr' },
      { name: 'patient', path: `/patients/${patient.id}`, ready: '.outcome-card' },
      { name: 'patient summary', path: `/patients/${patient.id}/summary`, ready: '.outcome-card' },
      { name: 'cohort outcomes', path: '/cohort', ready: 'main svg' },
      { name: 'clinic report', path: '/report', ready: 'main svg' },
      { name: 'evidence', path: '/evidence', ready: 'table.evidence-table' },
      { name: 'REMS forms', path: '/rems', ready: 'main h2' },
      { name: 'settings', path: '/settings', ready: 'main form' },
    ];
    const timings: Record<string, { medianMs: number; runsMs: number[] }> = {};
    for (const spec of desktop) {
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await timeOnce(browser, cookie, running.url, spec, false));
      timings[`${spec.name} (1280 px)`] = { medianMs: median(runs), runsMs: runs };
      process.stderr.write(`${spec.name}: ${median(runs)} ms\n`);
    }
    const questionnaire: PageSpec = { name: 'patient questionnaire', path: `/p/#${token}`, ready: 'main h1, main h2' };
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await timeOnce(browser, '', running.url, questionnaire, true));
    timings['patient questionnaire (390 px, CPU 4× slower)'] = { medianMs: median(runs), runsMs: runs };
    const slowestDesktop = Math.max(
      ...Object.entries(timings)
        .filter(([k]) => k.endsWith('(1280 px)'))
        .map(([, v]) => v.medianMs),
    );
    process.stdout.write(
      `${JSON.stringify({ timings, targets: TARGETS, slowestDesktopMs: slowestDesktop, questionnaireMs: median(runs) }, null, 2)}\n`,
    );
  } finally {
    await browser.close();
    await running.close();
    await db.drop();
    removeDir(dist);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
