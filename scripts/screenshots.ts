/**
 * Screenshots of every page at 1280 px and 390 px into docs/screenshots/, on a fresh synthetic demo
 * clinic. Run by hand after changing the web app: `npx tsx scripts/screenshots.ts` (needs
 * chromium: CHROME_PATH, else `which chromium`). Builds the front end into a temporary folder; leaves nothing else
 * behind.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { issuePatientLink } from '../src/auth/patient-link.service.js';
import { createDemoClinic, DEMO_EMAIL } from '../src/demo/demo-clinic.js';
import { systemContext, type ServiceContext } from '../src/records/context.js';
import { refreshClinicForecast } from '../src/patients/forecast-cache.js';
import { RELIEF_INSTRUMENT } from '../src/patients/patient-forecast.service.js';
import { freshSqlite } from '../test/support/databases.js';
import { buildWeb, launch, removeDir, signIn, startApp } from '../test/web/browser.js';
import { HOUR_MS } from '../src/shared/time.js';
import { wireServices } from '../src/app/compose.js';

wireServices();

const OUT = 'docs/screenshots';
const WIDTHS = [1280, 390] as const;

interface Shot {
  name: string;
  /** Goes to the page and waits until it is drawn. */
  open: (page: Page) => Promise<void>;
}

async function settle(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor({ timeout: 20_000 });
  // Charts are drawn after layout (they need the width); give them a frame or two.
  await page.waitForTimeout(400);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const dist = await buildWeb();
  const db = await freshSqlite();
  const demo = await createDemoClinic(db.handle, { patients: 60 });
  const running = await startApp(db.handle, dist);
  const base = running.url;
  const ctx: ServiceContext = systemContext(db.handle, demo.clinicId);
  // The forecast is fitted in the background; fit it before the pages are drawn so that they show it.
  await refreshClinicForecast(ctx, RELIEF_INSTRUMENT);
  const browser: Browser = await launch();
  try {
    const staff = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(staff, base, DEMO_EMAIL, demo.password);
    const firstPatient = await staff.locator('table.queue tbody tr th a').first().getAttribute('href');
    if (firstPatient === null) throw new Error('the demo work queue is empty');
    const patientId = firstPatient.split('/')[2] ?? '';
    // A patient in relief likely ending, for the forecast card and the timeline's window (else the first).
    const inRelief =
      (await staff
        .locator('table.queue tbody tr', { hasText: 'Relief likely ending' })
        .locator('th a')
        .first()
        .getAttribute('href', { timeout: 2_000 })
        .catch(() => null)) ?? firstPatient;
    const link = async (body: Record<string, unknown>, at = ctx): Promise<string> =>
      `${base}/p/#${(await issuePatientLink(at, patientId, body)).token}`;
    const earlier = { ...ctx, now: () => new Date(Date.now() - 2 * HOUR_MS) };

    const clinician: Shot[] = [
      {
        name: 'work-queue',
        open: async (p) => {
          await p.goto(`${base}/`);
          await settle(p, 'table.queue');
        },
      },
      {
        name: 'patient',
        open: async (p) => {
          await p.goto(`${base}${firstPatient}`);
          await settle(p, 'svg.plot');
        },
      },
      {
        name: 'patient-forecast',
        open: async (p) => {
          await p.goto(`${base}${inRelief}`);
          await settle(p, '.forecast-card');
          await p.locator('.forecast-card').scrollIntoViewIfNeeded();
        },
      },
      {
        name: 'patient-record-dose',
        open: async (p) => {
          await p.goto(`${base}${firstPatient}`);
          await settle(p, 'svg.plot');
          await p.getByRole('button', { name: 'Record a dose' }).click();
          await p.locator('#record-panel').scrollIntoViewIfNeeded();
        },
      },
      {
        name: 'patient-summary',
        open: async (p) => {
          await p.goto(`${base}${firstPatient}/summary`);
          await settle(p, 'svg.plot');
        },
      },
      {
        name: 'cohort',
        open: async (p) => {
          await p.goto(`${base}/cohort`);
          await settle(p, '.figure-block svg.plot, .error-panel');
        },
      },
      {
        name: 'clinic-report',
        open: async (p) => {
          await p.goto(`${base}/report`);
          await settle(p, '.figure-block svg.plot, .error-panel');
        },
      },
      {
        name: 'payer-report',
        open: async (p) => {
          await p.goto(`${base}/report/payer`);
          await settle(p, '.payer-figures, .error-panel');
        },
      },
      {
        name: 'rems-board',
        open: async (p) => {
          await p.goto(`${base}/rems`);
          await settle(p, 'h1');
        },
      },
      {
        name: 'settings',
        open: async (p) => {
          await p.goto(`${base}/settings`);
          await settle(p, 'h1');
        },
      },
      {
        name: 'evidence',
        open: async (p) => {
          await p.goto(`${base}/evidence`);
          await settle(p, 'table.evidence-table, .error-panel');
        },
      },
    ];
    const patient: Shot[] = [
      {
        name: 'patient-questionnaire-start',
        open: async (p) => {
          await p.goto(await link({ purpose: 'questionnaire', instrument: 'gad7' }));
          await settle(p, 'h1');
        },
      },
      {
        name: 'patient-questionnaire-question',
        open: async (p) => {
          await p.goto(await link({ purpose: 'questionnaire', instrument: 'gad7' }));
          await p.getByRole('button', { name: 'Start now' }).click();
          await p.getByRole('button', { name: 'Continue' }).click();
          await settle(p, '.error-summary');
        },
      },
      {
        name: 'patient-questionnaire-check',
        open: async (p) => {
          await p.goto(await link({ purpose: 'questionnaire', instrument: 'gad7' }));
          await p.getByRole('button', { name: 'Start now' }).click();
          for (const label of [
            'Several days',
            'Several days',
            'Not at all',
            'More than half the days',
            'Not at all',
            'Several days',
            'Not at all',
          ]) {
            await p.getByLabel(label, { exact: true }).check();
            await p.getByRole('button', { name: 'Continue' }).click();
          }
          await settle(p, '.summary-list');
        },
      },
      {
        name: 'patient-crisis',
        open: async (p) => {
          await p.goto(await link({ purpose: 'questionnaire', instrument: 'phq9' }));
          await p.getByRole('button', { name: 'Start now' }).click();
          for (let i = 0; i < 9; i++) {
            await p.getByLabel(i === 8 ? 'Several days' : 'Not at all', { exact: true }).check();
            await p.getByRole('button', { name: 'Continue' }).click();
          }
          await p.getByRole('button', { name: 'Send answers' }).click();
          await settle(p, '.crisis');
        },
      },
      {
        name: 'patient-link-expired',
        open: async (p) => {
          await p.goto(await link({ purpose: 'questionnaire', instrument: 'gad7', expiresInHours: 1 }, earlier));
          await settle(p, 'h1');
        },
      },
      {
        name: 'patient-progress',
        open: async (p) => {
          await p.goto(await link({ purpose: 'progress' }));
          await settle(p, 'h1');
        },
      },
    ];

    for (const width of WIDTHS) {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        storageState: await staff.context().storageState(),
      });
      for (const shot of clinician) await capture(await context.newPage(), shot, width);
      await context.close();
      const phone = await browser.newContext({ viewport: { width, height: 800 } });
      for (const shot of patient) await capture(await phone.newPage(), shot, width);
      await phone.close();
    }
    const signInPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signInPage.goto(`${base}/sign-in`);
    await settle(signInPage, 'h1');
    await save(await signInPage.screenshot(), 'sign-in-1280');
  } finally {
    await browser.close();
    await running.close();
    await db.drop();
    removeDir(dist);
  }
}

async function capture(page: Page, shot: Shot, width: number): Promise<void> {
  await shot.open(page);
  await save(await page.screenshot({ fullPage: true }), `${shot.name}-${width}`);
  await page.close();
}

/** Lossless WebP: the same pixels as the PNG Chromium gives, at about a quarter of the bytes. */
async function save(png: Buffer, name: string): Promise<void> {
  const path = join(OUT, `${name}.webp`);
  await sharp(png).webp({ lossless: true, effort: 6 }).toFile(path);
  process.stdout.write(`${path}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
