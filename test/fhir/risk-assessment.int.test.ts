// The forecast as a FHIR RiskAssessment (docs/fhir.md): a patient in relief gets the API's numbers as
// predictions, with the scores and the latest dose as basis; a patient without a forecast gets the
// reason as a note; "keep going?" rows become "first response by dose k"; the search names one patient,
// is audited as a read of the forecast, and another clinic's patient is not found.
import type { Bundle, CapabilityStatement, OperationOutcome, RiskAssessment } from '@medplum/fhirtypes';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listEntries } from '../../src/audit/audit.repository.js';
import { doseService } from '../../src/doses/dose.service.js';
import type { PatientForecastView } from '../../src/forecast/types.js';
import { refreshClinicForecast } from '../../src/patients/forecast-cache.js';
import { describeEachEngine } from '../support/databases.js';
import { aClinicWithReliefHistory, aPatientInRelief, aTreatedPatient } from '../support/forecast-patients.js';
import { bundleSchemaErrors, schemaErrors } from './fhir-schema.js';
import { buildFhirWorld, type FhirWorld } from './fhir-world.js';

const UCUM = 'http://unitsofmeasure.org';
const days = (value: number) => ({ value, unit: 'days', system: UCUM, code: 'd' });

describeEachEngine('FHIR RiskAssessment (the forecast)', (engine) => {
  let w: FhirWorld;
  let inRelief: string;
  let notResponding: string;

  beforeAll(async () => {
    w = await buildFhirWorld(engine);
    await aClinicWithReliefHistory(w.a);
    inRelief = await aPatientInRelief(w.a, { synthetic: true });
    // 20 patients with no response after dose 1 ("keep going?" needs 20); 10 of them respond after dose 2,
    // and that relief ends by day 3.
    for (let i = 0; i < 20; i++)
      await aTreatedPatient(
        w.a,
        [0, 10],
        i < 10
          ? [
              [1, 16],
              [11, 6],
              [13, 16],
            ]
          : [
              [1, 16],
              [11, 16],
            ],
      );
    notResponding = await aTreatedPatient(w.a, [0], [[1, 16]]);
    await refreshClinicForecast(w.a, 'gad7');
  }, 120_000);

  afterAll(async () => {
    await w.close();
  });

  const get = (url: string, headers = w.clinician) => w.app.inject({ method: 'GET', url, headers });

  async function search(query: string): Promise<{ bundle: Bundle<RiskAssessment>; risk: RiskAssessment }> {
    const response = await get(`/fhir/R4/RiskAssessment?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = response.json<Bundle<RiskAssessment>>();
    expect(bundleSchemaErrors(bundle)).toEqual([]);
    expect(bundle.total).toBe(1);
    const risk = bundle.entry?.[0]?.resource;
    if (risk === undefined) throw new Error('no RiskAssessment in the Bundle');
    return { bundle, risk };
  }

  async function apiForecast(patientId: string): Promise<PatientForecastView> {
    const response = await get(`/api/v1/patients/${patientId}/forecast`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<PatientForecastView>();
  }

  it('a patient in relief: the API forecast as predictions, the scores and latest dose as basis, tagged synthetic', async () => {
    const { risk } = await search(`subject=Patient/${inRelief}`);
    const api = await apiForecast(inRelief);
    const relief = api.relief;
    if (relief === null || api.model === null)
      throw new Error(`the API gives no relief forecast: ${JSON.stringify(api.noRelief)}`);
    expect(risk).toMatchObject({
      resourceType: 'RiskAssessment',
      id: `forecast-${inRelief}`,
      status: 'preliminary',
      subject: { reference: `Patient/${inRelief}` },
      method: {
        text: 'Onset relief-duration model: log-normal AFT with per-patient frailty, docs/outcomes.md Forecast',
      },
      meta: { tag: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HTEST' }] },
    });
    expect(Math.abs(Date.parse(risk.occurrenceDateTime ?? '') - Date.now())).toBeLessThan(60_000);
    const [still7, still14, end, ...rest] = risk.prediction ?? [];
    expect(rest).toEqual([]);
    expect(still7).toMatchObject({
      outcome: { text: 'Relief still holding' },
      probabilityDecimal: relief.pStill7,
      whenRange: { low: days(7), high: days(7) },
    });
    expect(still14).toMatchObject({
      outcome: { text: 'Relief still holding' },
      probabilityDecimal: relief.pStill14,
      whenRange: { low: days(14), high: days(14) },
    });
    expect(end).toMatchObject({
      outcome: { text: 'End of relief' },
      whenRange: { low: days(relief.remainingLowerDays), high: days(relief.remainingUpperDays) },
    });
    expect(end?.probabilityDecimal).toBeUndefined();
    // Hand-worked bounds: every episode in the clinic ended by day 7, so relief is unlikely to hold to day
    // 7 and less likely to day 14; the remaining interval is ordered around its median.
    expect(still7?.probabilityDecimal).toBeLessThan(0.05);
    expect(still14?.probabilityDecimal).toBeLessThanOrEqual(still7?.probabilityDecimal ?? 0);
    expect(relief.remainingLowerDays).toBeLessThan(relief.remainingMedianDays);
    expect(relief.remainingMedianDays).toBeLessThan(relief.remainingUpperDays);
    // Every rationale gives the model's n; the end of relief also its median, from where it counts.
    for (const p of [still7, still14, end])
      expect(p?.rationale).toContain(
        `${api.model.episodes} relief episodes (${api.model.events} seen to end) of ${api.model.patients} patients`,
      );
    expect(end?.rationale).toContain(`median ${relief.remainingMedianDays.toFixed(1)} days`);
    expect(end?.rationale).toContain('counted from day 2.0 after dose 2');
    // The hand-built history: a baseline and five GAD-7 scores, and the day-10 dose as the latest.
    const doses = await doseService.loadForPatient(w.a, inRelief);
    const latest = doses.find((d) => d.givenAt === '2026-01-15T10:00:00.000Z');
    expect(latest).toBeDefined();
    const basis = (risk.basis ?? []).map((b) => b.reference ?? '');
    expect(basis.filter((r) => r.startsWith('Observation/'))).toHaveLength(6);
    expect(basis.at(-1)).toBe(`MedicationAdministration/${latest?.id ?? ''}`);
    expect(basis).toHaveLength(7);
    // Each basis reference resolves on the facade.
    for (const reference of basis) expect((await get(`/fhir/R4/${reference}`)).statusCode, reference).toBe(200);
    expect(risk.note?.map((n) => n.text)).toEqual([relief.basisText]);
  });

  it('a patient with no relief forecast: no predictions, the reason as the note, in the API words', async () => {
    const { risk } = await search(`patient=${w.ids.patient}`);
    const api = await apiForecast(w.ids.patient);
    expect(api.noRelief?.code).toBe('no-baseline');
    expect(risk.prediction).toBeUndefined();
    expect(risk.note).toEqual([
      {
        text: 'No baseline score before the first dose, so response (and relief) cannot be judged on this instrument.',
      },
    ]);
    expect(risk.note?.[0]?.text).toBe(api.noRelief?.text);
    expect(risk.meta?.tag).toBeUndefined();
    expect(risk.basis).toEqual([{ reference: `MedicationAdministration/${w.ids.dose}` }]);
  });

  it('a patient not yet responding: "first response by dose k" with p, n and the 95% CI of keep going?', async () => {
    const { risk } = await search(`subject=Patient/${notResponding}`);
    const api = await apiForecast(notResponding);
    if (api.keepGoing?.status !== 'estimated')
      throw new Error(`keep going? not estimated: ${JSON.stringify(api.keepGoing)}`);
    const predictions = risk.prediction ?? [];
    expect(predictions.length).toBeGreaterThan(0);
    expect(predictions).toHaveLength(api.keepGoing.rows.length);
    api.keepGoing.rows.forEach((row, i) => {
      const p = predictions[i];
      expect(p?.outcome?.text).toBe(`First response by dose ${row.byDose}`);
      expect(p?.probabilityDecimal).toBe(row.p);
      expect(p?.rationale).toContain(`${row.n} at risk at dose ${row.byDose}`);
      expect(p?.rationale).toContain(`(n = ${api.keepGoing?.n ?? -1})`);
    });
    // Hand-worked: of the 21 without a response after dose 1, 10 responded at dose 2; the subject itself
    // was not judged at dose 2, so 20 are at risk there and 10/20 responded.
    expect(predictions[0]).toMatchObject({ outcome: { text: 'First response by dose 2' }, probabilityDecimal: 0.5 });
    expect(predictions[0]?.rationale).toContain('20 at risk at dose 2');
    const first = api.keepGoing.rows[0];
    if (first?.lower == null || first.upper == null) throw new Error('no CI on the first row');
    expect(predictions[0]?.rationale).toContain(
      `95% confidence interval ${first.lower.toFixed(3)}–${first.upper.toFixed(3)}`,
    );
    expect(risk.note?.[0]?.text).toBe(api.noRelief?.text);
  });

  it('is audited as a read of the patient forecast', async () => {
    await search(`subject=Patient/${inRelief}`);
    const entries = await listEntries(w.a.db, w.a.clinicId, { patientId: inRelief });
    const last = entries.at(-1);
    expect(last).toMatchObject({
      action: 'read',
      entity: 'patient-forecast',
      entity_id: inRelief,
      patient_id: inRelief,
    });
  });

  it('refuses a search that names no patient, or two, or an unknown parameter, naming the field', async () => {
    const refusals: [string, string][] = [
      ['', 'subject'],
      [`subject=Patient/${inRelief},Patient/${notResponding}`, 'subject'],
      [`subject=Patient/${inRelief}&patient=${notResponding}`, 'subject'],
      [`subject=Patient/${inRelief}&code=x`, 'code'],
    ];
    for (const [query, field] of refusals) {
      const response = await get(`/fhir/R4/RiskAssessment?${query}`);
      expect(response.statusCode, query).toBe(400);
      const outcome = response.json<OperationOutcome>();
      expect(outcome.issue[0]?.expression, query).toEqual([field]);
      expect(schemaErrors(outcome)).toEqual([]);
    }
  });

  it("another clinic's patient, or an unknown one, is not found, in the API's words", async () => {
    for (const [id, headers] of [
      [inRelief, w.otherClinic],
      ['no-such-patient', w.clinician],
    ] as const) {
      const response = await get(`/fhir/R4/RiskAssessment?subject=Patient/${id}`, headers);
      expect(response.statusCode).toBe(404);
      const issue = response.json<OperationOutcome>().issue[0];
      expect(issue).toMatchObject({
        code: 'not-found',
        expression: ['subject'],
        diagnostics: `patient ${id} was not found`,
      });
      expect(response.body).not.toContain('Relief');
    }
    const api = await w.app.inject({
      method: 'GET',
      url: `/api/v1/patients/${inRelief}/forecast`,
      headers: w.otherClinic,
    });
    expect(api.statusCode).toBe(404);
    expect(api.body).toContain(`patient ${inRelief} was not found`);
  });

  it('is in the CapabilityStatement: search by subject or patient', async () => {
    const statement = (await get('/fhir/R4/metadata')).json<CapabilityStatement>();
    const resource = statement.rest?.[0]?.resource?.find((r) => r.type === 'RiskAssessment');
    expect(resource?.interaction).toEqual([{ code: 'search-type' }]);
    expect(resource?.searchParam?.map((p) => p.name)).toEqual(['subject', 'patient']);
    expect(schemaErrors(statement)).toEqual([]);
  });
});
