import type { Bundle, Observation, OperationOutcome } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { listEntries } from '../../src/audit/audit.repository.js';
import { doseService } from '../../src/doses/dose.service.js';
import { exportFhir } from '../../src/exchange/export-fhir.js';
import { importFhir } from '../../src/exchange/import-fhir.js';
import { remsSessionService } from '../../src/rems/rems-session.service.js';
import { aClinicContext, anEsketamineDoseBody, aRemsSessionBody } from '../support/builders.js';
import { describeEachEngine } from '../support/databases.js';
import { bundleSchemaErrors, schemaErrors } from './fhir-schema.js';
import { buildFhirWorld, type FhirWorld } from './fhir-world.js';

// The world's racemic dose (2026-01-05T10:00Z, observed 120 minutes, 128/82 before, nothing else), and an
// esketamine dose given 2026-02-20T15:00Z (heart rate 76 before) whose REMS session has the builder's
// readings: 128/82 at 14:50, 136/86 at 15:40, 124/80 at 16:58, SpO2 97 at 15:30, discharge at 17:05.
// Every expected value is written by hand from those.
const GIVEN = '2026-02-20T15:00:00.000Z';

describeEachEngine('FHIR vital-sign Observations', (engine) => {
  let w: FhirWorld;
  let esketamine: string;
  let sessionId: string;
  beforeAll(async () => {
    w = await buildFhirWorld(engine);
    const dose = await doseService.create(
      w.a,
      anEsketamineDoseBody(w.ids.patient, w.ids.course, {
        givenAt: GIVEN,
        heartRateBefore: 76,
      }),
    );
    esketamine = dose.id;
    sessionId = (await remsSessionService.create(w.a, aRemsSessionBody(dose.id, GIVEN))).id;
    await assessmentService.create(w.a, {
      patientId: w.ids.patient,
      instrument: 'gad7',
      completedAt: '2026-02-21T09:00:00Z',
      answers: [1, 1, 1, 1, 0, 0, 0],
    });
  });
  afterAll(async () => {
    await w.close();
  });

  const get = (url: string) => w.app.inject({ method: 'GET', url, headers: w.clinician });
  const ids = async (query: string): Promise<string[]> => {
    const response = await get(`/fhir/R4/Observation?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json<Bundle<Observation>>().entry ?? []).map((e) => e.resource?.id ?? '').sort();
  };

  it('reads a session reading by id, at its own time, and audits the dose and the session read', async () => {
    const response = await get(`/fhir/R4/Observation/${esketamine}.bp-40min`);
    expect(response.statusCode, response.body).toBe(200);
    const observation = response.json<Observation>();
    expect(observation).toMatchObject({
      id: `${esketamine}.bp-40min`,
      status: 'final',
      category: [{ coding: [{ code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      subject: { reference: `Patient/${w.ids.patient}` },
      partOf: [{ reference: `MedicationAdministration/${esketamine}` }],
      effectiveDateTime: '2026-02-20T15:40:00.000Z',
      component: [
        {
          code: { coding: [{ code: '8480-6' }] },
          valueQuantity: { value: 136, code: 'mm[Hg]' },
        },
        {
          code: { coding: [{ code: '8462-4' }] },
          valueQuantity: { value: 86, code: 'mm[Hg]' },
        },
      ],
    });
    expect(schemaErrors(observation as never)).toEqual([]);
    const entries = await listEntries(w.a.db, w.a.clinicId, {
      patientId: w.ids.patient,
    });
    const reads = entries.filter((e) => e.action === 'read').slice(-2);
    expect(reads.map((e) => [e.entity, e.entity_id])).toEqual([
      ['dose', esketamine],
      ['rems-session', sessionId],
    ]);
  });

  it('a dose’s own reading has the period it falls in; the session’s summary pair is not an Observation', async () => {
    const before = (await get(`/fhir/R4/Observation/${w.ids.dose}.bp-before`)).json<Observation>();
    expect(before).toMatchObject({
      effectivePeriod: { end: '2026-01-05T10:00:00.000Z' },
      component: [{ valueQuantity: { value: 128 } }, { valueQuantity: { value: 82 } }],
    });
    expect(before.effectiveDateTime).toBeUndefined();
    // The session wrote 136/86 (the highest of 136/86 and 124/80) into the dose; that pair is no reading.
    expect((await doseService.get(w.a, esketamine)).systolicAfter).toBe(136);
    const refused = await get(`/fhir/R4/Observation/${esketamine}.bp-after`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json<OperationOutcome>().issue[0]?.code).toBe('not-found');
    expect((await get(`/fhir/R4/Observation/${esketamine}.spo2-after`)).statusCode).toBe(404);
    // An id that is neither a score's nor a vital sign's is refused as the id it is not.
    const odd = await get(`/fhir/R4/Observation/not-a-record`);
    expect(odd.statusCode).toBe(400);
    expect(odd.json<OperationOutcome>().issue[0]?.diagnostics).toBe(
      "must be a record id (UUID), or a vital sign's: {dose id}.{reading}, e.g. {dose id}.bp-before",
    );
    expect((await get(`/fhir/R4/Observation/${esketamine}.bp-7`)).statusCode).toBe(404);
  });

  it('searches them by code, category and date beside the scores', async () => {
    const patient = `patient=Patient/${w.ids.patient}`;
    expect(await ids(`${patient}&code=85354-9`)).toEqual(
      [
        `${w.ids.dose}.bp-before`,
        `${esketamine}.bp-before`,
        `${esketamine}.bp-40min`,
        `${esketamine}.bp-discharge`,
      ].sort(),
    );
    expect(await ids(`${patient}&code=http://loinc.org|8867-4`)).toEqual([`${esketamine}.hr-before`]);
    expect(await ids(`subject=${w.ids.patient}&code=59408-5`)).toEqual([`${esketamine}.spo2-1`]);
    const vitals = [
      `${w.ids.dose}.bp-before`,
      `${esketamine}.bp-before`,
      `${esketamine}.bp-40min`,
      `${esketamine}.bp-discharge`,
      `${esketamine}.hr-before`,
      `${esketamine}.spo2-1`,
    ].sort();
    expect(await ids(`${patient}&category=vital-signs`)).toEqual(vitals);
    expect(
      await ids(`${patient}&category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs`),
    ).toEqual(vitals);
    const scores = await ids(`${patient}&category=survey`);
    expect(scores).toHaveLength(1);
    expect(scores[0]).not.toContain('.');
    // The session's readings of 20 February at their times, and the heart rate taken at some time up to the
    // dose at 15:00 that day (its period overlaps the day); the world dose's period ended on 5 January.
    expect(await ids(`${patient}&category=vital-signs&date=ge2026-02-20&date=lt2026-02-21`)).toEqual(
      [
        `${esketamine}.bp-before`,
        `${esketamine}.bp-40min`,
        `${esketamine}.bp-discharge`,
        `${esketamine}.hr-before`,
        `${esketamine}.spo2-1`,
      ].sort(),
    );
    const searchset = (await get(`/fhir/R4/Observation?${patient}`)).json<Bundle>();
    expect(searchset.total).toBe(7);
    expect(bundleSchemaErrors(searchset as never)).toEqual([]);
    const list = (await listEntries(w.a.db, w.a.clinicId, { patientId: w.ids.patient })).filter(
      (e) => e.action === 'list',
    );
    expect(list.slice(-2).map((e) => [e.entity, JSON.parse(e.detail) as unknown])).toEqual([
      ['assessment', { via: 'fhir-search', count: 1 }],
      ['dose', { via: 'fhir-search', count: 6 }],
    ]);
  });

  it('lists the category parameter in the CapabilityStatement', async () => {
    const statement = (await get('/fhir/R4/metadata')).json<{
      rest: {
        resource: { type: string; searchParam?: { name: string }[] }[];
      }[];
    }>();
    const observation = statement.rest[0]?.resource.find((r) => r.type === 'Observation');
    expect(observation?.searchParam?.map((p) => p.name)).toEqual([
      '_id',
      'patient',
      'subject',
      'code',
      'category',
      'date',
    ]);
  });

  describe('export and import', () => {
    it('the export carries them and validates; an import checks them against their dose and keeps the dose', async () => {
      const { bundle } = await exportFhir(w.a);
      expect(bundleSchemaErrors(bundle as never)).toEqual([]);
      const exported = (bundle.entry ?? []).map((e) => e.resource?.id ?? '');
      expect(exported).toEqual(expect.arrayContaining([`${esketamine}.bp-40min`, `${esketamine}.spo2-1`]));
      expect(exported).not.toContain(`${esketamine}.bp-after`);

      const target = await aClinicContext(w.test.handle, 'Vital signs target');
      const result = await importFhir(target, JSON.stringify(bundle));
      const locations = (result.response.entry ?? []).map((e) => e.response?.location ?? '');
      const patient = await target.db
        .selectFrom('patients')
        .select('id')
        .where('clinic_id', '=', target.clinicId)
        .executeTakeFirstOrThrow();
      const newDose = (await doseService.loadForPatient(target, patient.id)).find((d) => d.drug === 'esketamine');
      expect(newDose).toMatchObject({
        systolicBefore: 128,
        diastolicBefore: 82,
        systolicAfter: 136,
        diastolicAfter: 86,
        spo2After: 97,
        heartRateBefore: 76,
      });
      // The 40-minute reading answers with the Observation the stored dose gives for the post-dose pressure.
      expect(locations).toContain(`Observation/${newDose!.id}.bp-after`);
      expect(locations).toContain(`Observation/${newDose!.id}.spo2-after`);

      // Onset does not import REMS sessions: the copy's dose carries the session's summary, over its periods.
      const again = await exportFhir(target);
      const copies = (again.bundle.entry ?? [])
        .map((e) => e.resource as Observation)
        .filter((r) => r.id?.startsWith(`${newDose!.id}.`));
      expect(copies.map((o) => o.id)).toEqual([
        `${newDose!.id}.bp-before`,
        `${newDose!.id}.bp-after`,
        `${newDose!.id}.hr-before`,
        `${newDose!.id}.spo2-after`,
      ]);
      expect(copies[1]).toMatchObject({
        effectivePeriod: { start: GIVEN, end: '2026-02-20T17:05:00.000Z' },
        component: [{ valueQuantity: { value: 136 } }, { valueQuantity: { value: 86 } }],
      });
    });

    it('refuses a vital sign that disagrees with its dose, or is part of no dose of the Bundle, naming the element', async () => {
      const { bundle } = await exportFhir(w.a);
      const entries = bundle.entry ?? [];
      const at = (id: string): number => entries.findIndex((e) => e.resource?.id === id);
      const doseAt = entries.findIndex(
        (e) => e.resource?.resourceType === 'MedicationAdministration' && e.resource.id === esketamine,
      );
      const discharge = entries[at(`${esketamine}.bp-discharge`)]?.resource as Observation;
      discharge.component![0]!.valueQuantity!.value = 150;
      const heart = entries[at(`${esketamine}.hr-before`)]?.resource as Observation;
      heart.partOf = [
        {
          reference: 'MedicationAdministration/00000000-0000-4000-8000-000000000000',
        },
      ];
      const target = await aClinicContext(w.test.handle, 'Vital signs refused');
      const refused = importFhir(target, JSON.stringify(bundle));
      await expect(refused).rejects.toMatchObject({
        problems: [
          {
            field: `Bundle.entry[${at(`${esketamine}.bp-discharge`)}].resource.component[0].valueQuantity.value`,
            reason: `is the highest post-dose systolic pressure stated for the dose it is part of (150 mm[Hg]), but that dose (Bundle.entry[${doseAt}]) records a post-dose systolic pressure of 136 mm[Hg]: Onset keeps the highest post-dose reading on the dose`,
          },
          {
            field: `Bundle.entry[${at(`${esketamine}.hr-before`)}].resource.partOf[0]`,
            reason:
              'must name a MedicationAdministration entry of this transaction Bundle by its fullUrl: Onset keeps the vital signs on the dose (its dose-monitoring extension)',
          },
        ],
      });
      expect(
        await target.db.selectFrom('doses').select('id').where('clinic_id', '=', target.clinicId).execute(),
      ).toEqual([]);
    });
  });
});
