import type { Bundle, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAlerts } from '../../src/alerts/alert.service.js';
import { listEntries } from '../../src/audit/audit.repository.js';
import { exportCsv } from '../../src/exchange/csv-export.js';
import { importCsv } from '../../src/exchange/csv-import.js';
import { shiftDays } from '../../src/exchange/deidentify.js';
import { exportFhir } from '../../src/exchange/export-fhir.js';
import { importFhir } from '../../src/exchange/import-fhir.js';
import { loadPatientRecords, patientIds } from '../../src/fhir/load.js';
import type { ServiceContext } from '../../src/records/context.js';
import { aClinicContext } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';
import { populateClinic, withoutIds, type FixtureIds } from './clinic-fixture.js';
import { bundleSchemaErrors } from './fhir-schema.js';
import { DAY_MS } from '../../src/shared/time.js';

/** Every stored record of a clinic, without what a clinic assigns itself (ids, the clinic, who entered it). */
async function storedRecords(ctx: ServiceContext): Promise<string> {
  const all = [];
  for (const id of await patientIds(ctx)) all.push(await loadPatientRecords(ctx, id));
  return withoutIds(
    JSON.parse(
      JSON.stringify(all, (key, value: unknown) => (key === 'clinicId' || key === 'enteredBy' ? undefined : value)),
    ),
  );
}

describeEachEngine('export and import round trip', (engine) => {
  let test: TestDatabase;
  let a: ServiceContext;
  let fixture: FixtureIds;
  beforeAll(async () => {
    test = await freshDatabase(engine);
    a = await aClinicContext(test.handle, 'Source clinic');
    fixture = await populateClinic(a);
  });
  afterAll(async () => {
    await test.drop();
  });

  it('FHIR: export, import into another clinic, export again: the same Bundle and the same records', async () => {
    const first = await exportFhir(a);
    expect(first.counts).toEqual({
      patients: 2,
      courses: 2,
      doses: 3,
      assessments: 8,
      adverseEvents: 3,
      therapySessions: 2,
      medications: 2,
      alerts: 0,
    });
    expect(bundleSchemaErrors(first.bundle as never)).toEqual([]);
    const b = await aClinicContext(test.handle, 'Target clinic');
    const result = await importFhir(b, JSON.stringify(first.bundle));
    expect(result.created).toEqual({
      Patient: 2,
      EpisodeOfCare: 2,
      MedicationStatement: 2,
      QuestionnaireResponse: 8,
      MedicationAdministration: 3,
      AdverseEvent: 3,
      Procedure: 2,
    });
    const second = await exportFhir(b);
    // Both clinics' clocks read FIXED_NOW, so even meta.lastUpdated and the timestamp agree: only ids differ.
    expect(withoutIds(second.bundle)).toEqual(withoutIds(first.bundle));
    expect(await storedRecords(b)).toEqual(await storedRecords(a));
  });

  it('an import raises no "missed follow-up" alert for a dose whose follow-up questionnaire is in the same Bundle', async () => {
    const c = await aClinicContext(test.handle, 'Alert check');
    await importFhir(c, JSON.stringify((await exportFhir(a)).bundle));
    const rules = (await listAlerts(c)).map((alert) => alert.rule);
    // Every dose in the fixture has a questionnaire within 8 days after it; the grade-3 urinary event is real.
    expect(rules).not.toContain('missed-follow-up');
    expect(rules).toContain('urinary-symptoms');
  });

  it('the export is audited: who, that it was an export, and how many records, never values', async () => {
    await exportFhir(a);
    const entries = await listEntries(a.db, a.clinicId);
    const last = entries.filter((e) => e.action === 'export').at(-1);
    expect(last).toMatchObject({ entity: 'clinic', entity_id: a.clinicId, actor_id: 'test-user' });
    expect(JSON.parse(last!.detail)).toMatchObject({ format: 'fhir', deidentified: false, patients: 2, doses: 3 });
  });

  describe('de-identified', () => {
    const key = { secret: Buffer.from('research secret for this test'), now: new Date('2026-03-01T00:00:00Z') };

    it('has no names, contacts, free text or real ids; birth year only under 90; valid FHIR', async () => {
      const { bundle } = await exportFhir(a, { deidentify: key });
      const text = JSON.stringify(bundle);
      for (const secret of [
        'Ada',
        'Lovelace',
        'ada@example.org',
        '7946',
        'A-001',
        'B-002',
        'Nausea at 30 min',
        'Settled',
        'Reviewed the week',
        'Sertraline',
        'Lorazepam',
        '100 mg mornings',
        'Induction of six',
        ...fixture.patients,
      ]) {
        expect(text).not.toContain(secret);
      }
      const patients = (bundle.entry ?? [])
        .map((e) => e.resource)
        .filter((r): r is Patient => r?.resourceType === 'Patient');
      expect(patients.map((p) => p.identifier?.[0]?.value)).toEqual(
        patients.map(() => expect.stringMatching(/^R-[0-9a-f]{12}$/) as unknown),
      );
      // Ben, born 1936, is 90 in 2026: HIPAA Safe Harbor aggregates ages over 89, so no birth year.
      expect(patients.map((p) => p.birthDate ?? null).sort()).toEqual(['1985', null]);
      expect(bundle.meta?.security?.[0]?.code).toBe('PSEUDED');
      expect(bundleSchemaErrors(bundle as never)).toEqual([]);
    });

    it('moves every date of a patient back by the same secret number of days, keeping intervals', async () => {
      const { bundle } = await exportFhir(a, { deidentify: key });
      const doses = (bundle.entry ?? [])
        .map((e) => e.resource)
        .filter((r) => r?.resourceType === 'MedicationAdministration') as {
        effectiveDateTime: string;
        subject: { reference: string };
      }[];
      const adaDays = shiftDays(key.secret, fixture.patients[0]!);
      const adaDoses = ['2026-01-05T10:00:00Z', '2026-01-08T10:00:00Z'].map((t) =>
        new Date(Date.parse(t) - adaDays * DAY_MS).toISOString(),
      );
      expect(adaDays).toBeGreaterThanOrEqual(1);
      expect(adaDays).toBeLessThanOrEqual(365);
      expect(doses.map((d) => d.effectiveDateTime)).toEqual(expect.arrayContaining(adaDoses));
    });

    it('gives the same pseudonyms for the same secret, different ones for another', async () => {
      const once = withoutTimestamp((await exportFhir(a, { deidentify: key })).bundle);
      const again = withoutTimestamp((await exportFhir(a, { deidentify: key })).bundle);
      const other = withoutTimestamp(
        (await exportFhir(a, { deidentify: { ...key, secret: Buffer.from('another secret') } })).bundle,
      );
      expect(again).toEqual(once);
      expect(other).not.toEqual(once);
    });

    it('imports into a research clinic', async () => {
      const research = await aClinicContext(test.handle, 'Research');
      const result = await importFhir(research, JSON.stringify((await exportFhir(a, { deidentify: key })).bundle));
      expect(result.created.Patient).toBe(2);
    });

    it('CSV: the same rules, alerts without evidence or comments', async () => {
      const { files } = await exportCsv(a, { deidentify: key });
      const all = files.map((f) => f.text).join('\n');
      for (const secret of ['Ada', 'ada@example.org', 'A-001', 'Sertraline', 'Nausea', ...fixture.patients])
        expect(all).not.toContain(secret);
      expect(files.find((f) => f.name === 'medications.csv')?.text).toContain('ssri (name withheld)');
    });
  });

  it('CSV: patients, courses, assessments and doses exported from one clinic import into another unchanged', async () => {
    const source = await exportCsv(a);
    const file = (name: string): string => source.files.find((f) => f.name === name)?.text ?? '';
    const target = await aClinicContext(test.handle, 'Spreadsheet clinic');
    for (const kind of ['patients', 'courses', 'assessments', 'doses'] as const) {
      expect(await importCsv(target, kind, file(`${kind}.csv`))).toEqual({
        kind,
        imported: { patients: 2, courses: 2, assessments: 8, doses: 3 }[kind],
      });
    }
    const copy = await exportCsv(target);
    for (const name of ['patients.csv', 'courses.csv', 'assessments.csv', 'doses.csv']) {
      expect(withoutIds(copy.files.find((f) => f.name === name)?.text)).toEqual(withoutIds(file(name)));
    }
  });
});

function withoutTimestamp(bundle: Bundle): Bundle {
  const { timestamp: _t, ...rest } = bundle;
  return rest;
}
