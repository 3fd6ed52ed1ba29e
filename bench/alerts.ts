/**
 * `npm run bench:alerts` (tsx bench/alerts.ts): the alert burden (docs/safety.md "Alert burden").
 *
 * 1. The demo clinic as `npm start` makes it (50 synthetic patients): the alerts its records raised, per
 *    100 patient-months by rule and severity; how many are open after the demo's handling (information
 *    alerts past the 14-day expiry, warnings older than a week reviewed) against all raised (nothing
 *    closed: what the queue showed before expiry), both read in the same run; and the share of patients
 *    who need action today.
 * 2. A 20,000-patient synthetic clinic (fixed seed), bulk-loaded and evaluated whole by the safety rules
 *    without writing (src/safety/burden.service.ts): the same burden table, and the information alerts
 *    that would be open with and without the 14-day expiry at the end of its follow-up.
 *
 * Prints one JSON object on stdout; progress on stderr. SQLite, in a temporary folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app/compose.js';
import { createClinic } from '../src/clinics/clinic.service.js';
import { clinicStatus } from '../src/dashboard/dashboard.service.js';
import { openSqlite } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createDemoClinic } from '../src/demo/demo-clinic.js';
import { systemContext } from '../src/records/context.js';
import { alertBurden, followUpMonths, type AlertBurden } from '../src/safety/burden.js';
import { clinicFindings } from '../src/safety/burden.service.js';
import { loadHistoryWithAlerts } from '../src/safety/history.service.js';
import { DEFAULT_SAFETY_SETTINGS, type RuleId, type Severity } from '../src/safety/index.js';
import { DAY_MS } from '../src/shared/time.js';
import { generatePatients } from '../src/synthetic/generate.js';
import { loadSyntheticCohort } from '../src/synthetic/load.js';

const PATIENTS = 20_000;
const SEED = 20_260_301;
const START = Date.UTC(2025, 0, 1);

const progress = (text: string): void => {
  process.stderr.write(`${text}\n`);
};
const round = (n: number): number => Math.round(n * 100) / 100;
const table = (b: AlertBurden): Record<string, unknown> => ({
  patients: b.patients,
  patientMonths: round(b.patientMonths),
  alerts: b.alerts,
  per100PatientMonths: round(b.per100PatientMonths),
  byRule: b.rows.map((r) => ({ ...r, per100PatientMonths: round(r.per100PatientMonths) })),
});

async function demo(folder: string): Promise<Record<string, unknown>> {
  const handle = openSqlite(join(folder, 'demo.sqlite'));
  await migrateToLatest(handle);
  const app = await buildApp({ database: handle, logLevel: 'silent' });
  try {
    const now = new Date();
    const made = await createDemoClinic(handle, { now });
    const ctx = systemContext(handle, made.clinicId, { now });
    const alerts = await handle.db.selectFrom('alerts').select(['patient_id', 'rule', 'severity', 'status']).execute();
    const patients = [];
    for (const p of await handle.db.selectFrom('patients').select('id').execute()) {
      const { history } = await loadHistoryWithAlerts(ctx, p.id, 'America/New_York');
      patients.push({
        months: followUpMonths(history),
        findings: alerts
          .filter((a) => a.patient_id === p.id)
          .map((a) => ({ rule: a.rule as RuleId, severity: a.severity as Severity })),
      });
    }
    const burden = alertBurden(patients);
    const open = alerts.filter((a) => a.status !== 'resolved');
    const status = await clinicStatus(ctx);
    return {
      raised: table(burden),
      openNow: { withHandling: open.length, nothingClosed: alerts.length, ratio: round(open.length / alerts.length) },
      patientsWithOpenAlerts: {
        withHandling: new Set(open.map((a) => a.patient_id)).size,
        nothingClosed: new Set(alerts.map((a) => a.patient_id)).size,
      },
      needsActionToday: {
        patients: status.needsAction,
        of: status.patients,
        share: round(status.needsAction / status.patients),
      },
    };
  } finally {
    await app.close();
    await handle.close();
  }
}

async function large(folder: string): Promise<Record<string, unknown>> {
  const handle = openSqlite(join(folder, 'large.sqlite'));
  await migrateToLatest(handle);
  const app = await buildApp({ database: handle, logLevel: 'silent' });
  try {
    const clinic = await createClinic(handle.db, { name: 'Benchmark clinic (synthetic)', timeZone: 'UTC' });
    progress(`[alerts] loading ${PATIENTS} synthetic patients…`);
    let start = performance.now();
    await loadSyntheticCohort(handle, {
      clinicId: clinic.id,
      patients: generatePatients({ seed: SEED, patients: PATIENTS, start: START }),
      total: PATIENTS,
    });
    const loadSeconds = (performance.now() - start) / 1000;
    const last = await handle.db
      .selectFrom('doses')
      .select((eb) => eb.fn.max('given_at').as('at'))
      .executeTakeFirst();
    const now = new Date(Date.parse(last?.at ?? new Date().toISOString()) + DAY_MS);
    const ctx = systemContext(handle, clinic.id, { now });
    progress('[alerts] evaluating every history…');
    start = performance.now();
    const patients = await clinicFindings(ctx);
    const burden = alertBurden(patients);
    const evaluateSeconds = (performance.now() - start) / 1000;
    // Information alerts still open at the end with and without the 14-day expiry (nobody closes any).
    const cutoff = now.getTime() - DEFAULT_SAFETY_SETTINGS.infoAlertExpiryDays * DAY_MS;
    const info = patients.flatMap((p) => p.findings).filter((f) => f.severity === 'info');
    const infoAfterExpiry = info.filter((f) => Date.parse(f.raisedAt) >= cutoff).length;
    return {
      ...table(burden),
      infoOpenAtEnd: { withoutExpiry: info.length, withExpiry: infoAfterExpiry },
      loadSeconds: round(loadSeconds),
      evaluateSeconds: round(evaluateSeconds),
    };
  } finally {
    await app.close();
    await handle.close();
  }
}

const folder = mkdtempSync(join(tmpdir(), 'onset-bench-alerts-'));
try {
  progress('[alerts] the demo clinic…');
  const demoResult = await demo(folder);
  const largeResult = await large(folder);
  process.stdout.write(`${JSON.stringify({ bench: 'alerts', demo: demoResult, synthetic20000: largeResult })}\n`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
