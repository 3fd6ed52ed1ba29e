// The alert burden stays in the bands docs/safety.md states ("Alert burden"): every rule's alerts per 100
// patient-months on a 1,000-patient synthetic clinic, read from the table in the doc, so the doc and the
// rules cannot drift apart unnoticed.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app/compose.js';
import { createClinic } from '../../src/clinics/clinic.service.js';
import type { OnsetApp } from '../../src/http/app.js';
import { systemContext } from '../../src/records/context.js';
import type { AlertBurden } from '../../src/safety/burden.js';
import { clinicAlertBurden } from '../../src/safety/burden.service.js';
import { RULE_IDS } from '../../src/safety/index.js';
import { generatePatients } from '../../src/synthetic/generate.js';
import { loadSyntheticCohort } from '../../src/synthetic/load.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';

interface Band {
  rule: string;
  low: number;
  high: number;
}

/** The rows of docs/safety.md's burden table: | rule | severity | expected | low–high |. */
function bandsOfTheDoc(): Band[] {
  const doc = readFileSync(new URL('../../docs/safety.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Alert burden'));
  return [...section.matchAll(/^\| ([a-z -]+?) \| [^|]+ \| [\d.]+ \| ([\d.]+)–([\d.]+) \|$/gm)].map((m) => ({
    rule: m[1] ?? '',
    low: Number(m[2]),
    high: Number(m[3]),
  }));
}

let db: TestDatabase;
let app: OnsetApp;
let burden: AlertBurden;

beforeAll(async () => {
  db = await freshSqlite();
  app = await buildApp({ database: db.handle, logLevel: 'silent' });
  const clinic = await createClinic(db.handle.db, { name: 'Burden clinic (synthetic)', timeZone: 'UTC' });
  await loadSyntheticCohort(db.handle, {
    clinicId: clinic.id,
    patients: generatePatients({ seed: 20_260_301, patients: 1000, start: Date.UTC(2025, 0, 1) }),
    total: 1000,
  });
  burden = await clinicAlertBurden(systemContext(db.handle, clinic.id, { now: new Date('2026-06-01T00:00:00Z') }));
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

it('the doc gives a band for every rule and for all rules together', () => {
  expect(
    bandsOfTheDoc()
      .map((b) => b.rule)
      .sort(),
  ).toEqual([...RULE_IDS, 'all rules'].sort());
});

it('keeps every rule, and all rules together, inside the band docs/safety.md states', () => {
  expect(burden.patients).toBe(1000);
  const rate = (rule: string): number =>
    rule === 'all rules'
      ? burden.per100PatientMonths
      : burden.rows.filter((r) => r.rule === rule).reduce((sum, r) => sum + r.per100PatientMonths, 0);
  const outside = bandsOfTheDoc()
    .map((band) => ({ ...band, rate: Math.round(rate(band.rule) * 100) / 100 }))
    .filter((band) => band.rate < band.low || band.rate > band.high);
  expect(outside).toEqual([]);
});
