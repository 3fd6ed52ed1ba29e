import { fileURLToPath } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app/compose.js';
import { adverseEventService } from '../../src/adverse-events/adverse-event.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { listEntries } from '../../src/audit/audit.repository.js';
import { doseService } from '../../src/doses/dose.service.js';
import type { OnsetApp } from '../../src/http/app.js';
import type { PayerReport } from '../../src/outcomes/cohort/payer.js';
import type { ServiceContext } from '../../src/records/context.js';
import { submitRemsForm } from '../../src/rems/rems-form.service.js';
import { remsSessionService } from '../../src/rems/rems-session.service.js';
import { createUser } from '../../src/users/user.service.js';
import { PASSWORD, signInHeaders } from '../support/api-world.js';
import {
  aClinicContext,
  aCourse,
  aDose,
  anEsketamineDoseBody,
  aPatient,
  aRemsSessionBody,
  FIXED_NOW,
} from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

// Worked by hand (docs/outcomes.md "Outcomes for payers"). The period is 1 January – 28 February 2026; the
// report is made at the test clock, 2026-03-01T12:00Z (07:00 in the clinic's New York).
// - P1: GAD-7 baseline 16, doses 5 and 8 Jan (course price $450). 6 Jan scores 6 and 9 Jan 7 (both
//   responses, ≤ 8), 13 Jan 14: 3 + 4 = 7 days in response. 2 doses, the last 52 days before: a dropout.
// - P2: four esketamine doses, 10, 12, 20 and 27 Feb ($450 each), no GAD-7: no baseline, no days. Last
//   dose 2 days before: still in induction. Forms: 10 Feb has no session (missing, due 17 Feb); 12 Feb
//   submitted 20 Feb (late, due 19 Feb); 20 Feb submitted 22 Feb (on time); 27 Feb not yet due (6 Mar).
// - P3: six doses from 10 Jan ($450 each), baseline 10, 26 Jan 9 (no response); one adverse event (nausea).
// ITT n = 3. Cost $900 + $1,800 + $2,700 = $5,400: ÷ 7 days = $771.43; ÷ 1 responder (P1) = $5,400.
// Response after dose 1 and dose 2: P1 only, 1 of 3; remission (≤ 4): nobody. Adverse events: 1 ÷ 12 doses
// × 100 = 8.3. Dropout 1 of 3 (P1); P3 completed the series; P2 is still in induction. REMS: 1 on time of
// 3 judged (late 1, missing 1), 1 not yet due.
const QUERY = 'from=2026-01-01&to=2026-03-01';
// pdf.js reads the standard fonts' metrics from its own package when it extracts text.
const STANDARD_FONTS = fileURLToPath(new URL('../../node_modules/pdfjs-dist/standard_fonts/', import.meta.url));

const day =
  (iso: string): ServiceContext['now'] =>
  () =>
    new Date(iso);

describeEachEngine('the outcomes report for payers', (engine) => {
  let test: TestDatabase;
  let app: OnsetApp;
  let a: ServiceContext;
  let headers: Record<string, string>;
  let otherClinic: Record<string, string>;

  const gad7 = (total: number): number[] => {
    const answers = [0, 0, 0, 0, 0, 0, 0];
    for (let left = total, i = 0; left > 0; i = (i + 1) % 7) {
      answers[i] = (answers[i] ?? 0) + 1;
      left--;
    }
    return answers;
  };

  beforeAll(async () => {
    // The routes read the system clock: it stands at the test clock, timers still run.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(FIXED_NOW);
    test = await freshDatabase(engine);
    app = await buildApp({ database: test.handle, logLevel: 'silent' });
    const clinic = await aClinicContext(test.handle, 'Harbour Clinic');
    const email = `payer.${engine}@example.org`;
    const user = await createUser(clinic, { email, role: 'clinician', password: PASSWORD, displayName: 'Dana Reyes' });
    a = { ...clinic, actor: { type: 'user', id: user.id, ip: null } };
    headers = await signInHeaders(app, email);
    const b = await aClinicContext(test.handle, 'Clinic B');
    await createUser(b, { email: `b.${engine}@example.org`, role: 'admin', password: PASSWORD });
    otherClinic = await signInHeaders(app, `b.${engine}@example.org`);

    const score = async (patientId: string, completedAt: string, total: number): Promise<void> => {
      await assessmentService.create(a, { patientId, instrument: 'gad7', completedAt, answers: gad7(total) });
    };
    const p1 = (await aPatient(a)).id;
    const c1 = (await aCourse(a, p1)).id;
    await score(p1, '2026-01-04T10:00:00Z', 16);
    await aDose(a, p1, c1, { givenAt: '2026-01-05T10:00:00Z' });
    await score(p1, '2026-01-06T10:00:00Z', 6);
    await aDose(a, p1, c1, { givenAt: '2026-01-08T10:00:00Z' });
    await score(p1, '2026-01-09T10:00:00Z', 7);
    await score(p1, '2026-01-13T10:00:00Z', 14);

    const p3 = (await aPatient(a)).id;
    const c3 = (await aCourse(a, p3)).id;
    await score(p3, '2026-01-09T10:00:00Z', 10);
    for (const d of [10, 13, 16, 19, 22, 25]) await aDose(a, p3, c3, { givenAt: `2026-01-${d}T10:00:00Z` });
    await score(p3, '2026-01-26T10:00:00Z', 9);
    await adverseEventService.create(a, {
      patientId: p3,
      category: 'nausea',
      grade: 1,
      onsetAt: '2026-01-10T11:00:00Z',
    });

    const p2 = (await aPatient(a, { name: 'Alice Example' })).id;
    const c2 = (await aCourse(a, p2, { startedAt: '2026-02-01T09:00:00Z' })).id;
    const esketamine = async (givenAt: string, session: boolean): Promise<string | null> => {
      const at = { ...a, now: day(new Date(Date.parse(givenAt) + 3 * 3600_000).toISOString()) };
      const dose = await doseService.create(at, anEsketamineDoseBody(p2, c2, { givenAt }));
      return session ? (await remsSessionService.create(at, aRemsSessionBody(dose.id, dose.givenAt))).id : null;
    };
    await esketamine('2026-02-10T15:00:00.000Z', false);
    const late = await esketamine('2026-02-12T15:00:00.000Z', true);
    const onTime = await esketamine('2026-02-20T15:00:00.000Z', true);
    await esketamine('2026-02-27T15:00:00.000Z', true);
    await submitRemsForm({ ...a, now: day('2026-02-20T14:00:00.000Z') }, late ?? '');
    await submitRemsForm({ ...a, now: day('2026-02-22T14:00:00.000Z') }, onTime ?? '');
  });
  afterAll(async () => {
    vi.useRealTimers();
    await app.close();
    await test.drop();
  });

  it('gives every figure with its n, worked by hand, and audits one read naming no patient', async () => {
    const before = (await listEntries(a.db, a.clinicId, {})).length;
    const response = await app.inject({ method: 'GET', url: `/api/v1/reports/payer?${QUERY}`, headers });
    expect(response.statusCode).toBe(200);
    const report = response.json<PayerReport>();
    expect(report).toMatchObject({
      clinic: { name: 'Harbour Clinic', timeZone: 'America/New_York' },
      synthetic: false,
      instrument: { id: 'gad7', name: 'GAD-7' },
      period: { from: '2026-01-01', to: '2026-03-01' },
      asOf: '2026-03-01T12:00:00.000Z',
      n: 3,
      withoutBaseline: 1,
    });
    expect(report.responseByDose.slice(0, 3)).toMatchObject([
      { dose: 1, itt: { response: { numerator: 1, denominator: 3 }, remission: { numerator: 0, denominator: 3 } } },
      { dose: 2, itt: { response: { numerator: 1, denominator: 3 }, remission: { numerator: 0, denominator: 3 } } },
      { dose: 3, itt: { response: { numerator: 0, denominator: 3 } } },
    ]);
    expect(report.dropout).toMatchObject({
      n: 3,
      definition: 'dropout',
      share: { numerator: 1, denominator: 3 },
      inductionDoses: 6,
      completedInduction: 1,
      stillInInduction: 1,
    });
    expect(report.costPerReliefDay).toMatchObject({ n: 3, totalCostUsd: 5400, patientsWithUnknownCost: 0 });
    expect(report.costPerReliefDay.reliefDays).toBeCloseTo(7, 9);
    expect(report.costPerReliefDay.valueUsd).toBeCloseTo(5400 / 7, 6);
    expect(report.costPerResponder).toMatchObject({ n: 3, valueUsd: 5400, responders: 1 });
    expect(report.adverseEvents).toMatchObject({ n: 12, doses: 12, events: 1 });
    expect(report.remsFormsOnTime).toMatchObject({
      n: 3,
      definition: 'remsFormsOnTime',
      onTime: 1,
      judged: 3,
      late: 1,
      missing: 1,
      notYetDue: 1,
      share: { numerator: 1, denominator: 3 },
    });
    expect(Object.keys(report.definitions)).toContain('remsFormsOnTime');

    const entries = (await listEntries(a.db, a.clinicId, {})).slice(before);
    expect(entries.map((e) => [e.action, e.entity, e.patient_id])).toEqual([['read', 'payer-report', null]]);
  });

  it('asks for another induction series when told (with 2 doses, P1 completed it)', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/payer?${QUERY}&inductionDoses=2`,
      headers,
    });
    expect(response.json<PayerReport>().dropout).toMatchObject({
      share: { numerator: 0 },
      completedInduction: 3,
      stillInInduction: 0,
    });
  });

  it('draws one PDF page that carries every figure with its n, and who prepared it', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/reports/payer/pdf?${QUERY}`, headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="onset-payer-report-2026-01-01-2026-03-01.pdf"',
    );
    const pdf = await getDocument({
      data: new Uint8Array(response.rawPayload),
      isEvalSupported: false,
      standardFontDataUrl: STANDARD_FONTS,
    }).promise;
    expect(pdf.numPages).toBe(1);
    const content = await (await pdf.getPage(1)).getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join('\n');
    for (const expected of [
      'Outcomes for payers: Harbour Clinic',
      'Patients with a dose from 1 Jan 2026 to 28 Feb 2026: 3',
      'Prepared by Dana Reyes.',
      'Response and remission by dose number (intention to treat, n = 3)',
      '1 of 3 (33%; 95% CI',
      '0 of 3 (0%; 95% CI 0–56%)',
      '1 of 3 patients (33%; 95% CI 6–79%)',
      'Induction series: 6 doses; 1 completed it, 1 still in induction.',
      '$771 (n = 3 patients)',
      '$5,400 ÷ 7 days in response.',
      '$5,400 (n = 3 patients)',
      '8.3 (1 event over 12 doses)',
      'By category, per 100 doses: nausea 8.3.',
      '1 of 3 forms (33%; 95% CI 6–79%)',
      '1 late, 1 missing past the due date, 1 not yet due.',
      'Dropout: Patients who started',
    ]) {
      expect(text.replace(/\n/g, ' ')).toContain(expected);
    }
    expect(text).not.toContain('SYNTHETIC');
  });

  it('refuses a missing or reversed period with the field and the reason, and audits nothing', async () => {
    const before = (await listEntries(a.db, a.clinicId, {})).length;
    const missing = await app.inject({ method: 'GET', url: '/api/v1/reports/payer?from=2026-01-01', headers });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ problems: unknown[] }>().problems).toEqual([
      expect.objectContaining({ field: 'querystring.to', reason: 'is required' }),
    ]);
    const reversed = await app.inject({
      method: 'GET',
      url: '/api/v1/reports/payer/pdf?from=2026-03-01&to=2026-03-01',
      headers,
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json<{ problems: unknown[] }>().problems).toEqual([
      expect.objectContaining({ field: 'to', reason: 'must be after from' }),
    ]);
    const series = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/payer?${QUERY}&inductionDoses=0`,
      headers,
    });
    expect(series.statusCode).toBe(400);
    expect((await listEntries(a.db, a.clinicId, {})).length).toBe(before);
  });

  it("another clinic's report counts none of clinic A's patients", async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/reports/payer?${QUERY}`,
      headers: otherClinic,
    });
    expect(response.json<PayerReport>()).toMatchObject({
      clinic: { name: 'Clinic B' },
      n: 0,
      remsFormsOnTime: { judged: 0 },
    });
  });
});
