/**
 * Lighthouse 12 on the work queue (desktop) and the patient questionnaire (mobile, throttled), on a
 * fresh synthetic demo clinic; prints the scores as JSON. Run by hand, not a test:
 *   npx tsx scripts/lighthouse.ts   (chromium: CHROME_PATH, else `which chromium`)
 * Targets: performance ≥ 90, accessibility ≥ 95 (exit code 1 when a page misses one).
 */
import { createServer } from 'node:net';
import lighthouse, { desktopConfig } from 'lighthouse';
import { chromium } from 'playwright-core';
import { issuePatientLink } from '../src/auth/patient-link.service.js';
import { createDemoClinic, DEMO_EMAIL } from '../src/demo/demo-clinic.js';
import { patientService } from '../src/patients/patient.service.js';
import { systemContext, type ServiceContext } from '../src/records/context.js';
import { freshSqlite } from '../test/support/databases.js';
import { buildWeb, chromiumPath, removeDir, startApp } from '../test/web/browser.js';
import { wireServices } from '../src/app/compose.js';

wireServices();

const TARGETS = { performance: 0.9, accessibility: 0.95 };
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function main(): Promise<void> {
  const dist = await buildWeb();
  const db = await freshSqlite();
  const demo = await createDemoClinic(db.handle, { patients: 60 });
  const running = await startApp(db.handle, dist);
  const ctx: ServiceContext = systemContext(db.handle, demo.clinicId);
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--remote-debugging-port=${port}`,
    ],
  });
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

    const run = async (url: string, desktop: boolean): Promise<Record<string, number | null | string[]>> => {
      const result = await lighthouse(
        url,
        {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: CATEGORIES,
          ...(desktop ? { extraHeaders: { Cookie: cookie } } : {}),
        },
        desktop ? desktopConfig : undefined,
      );
      if (result === undefined) throw new Error(`lighthouse returned nothing for ${url}`);
      // Proof of what was measured: the API calls the page made and their statuses.
      const requests =
        (
          result.lhr.audits['network-requests']?.details as
            | { items?: { url: string; statusCode: number }[] }
            | undefined
        )?.items ?? [];
      const api = requests
        .filter((r) => r.url.includes('/api/'))
        .map((r) => `${r.statusCode} ${new URL(r.url).pathname}`);
      return { ...Object.fromEntries(CATEGORIES.map((c) => [c, result.lhr.categories[c]?.score ?? null])), api };
    };
    const scores = {
      'work queue (desktop)': await run(`${running.url}/`, true),
      'patient questionnaire (mobile, throttled)': await run(`${running.url}/p/#${token}`, false),
    };
    process.stdout.write(`${JSON.stringify({ lighthouse: '12.2.3', targets: TARGETS, scores }, null, 2)}\n`);
    const score = (s: Record<string, unknown>, key: string): number => (typeof s[key] === 'number' ? s[key] : 0);
    const missed = Object.values(scores).some(
      (s) => score(s, 'performance') < TARGETS.performance || score(s, 'accessibility') < TARGETS.accessibility,
    );
    if (missed) process.exitCode = 1;
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
