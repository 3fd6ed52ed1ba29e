import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../../test/support/databases.js';
import { aClinicContext, aCourse, aPatient } from '../../test/support/builders.js';
import { assessmentService } from '../assessments/assessment.service.js';
import { doseService } from '../doses/dose.service.js';
import type { ServiceContext } from '../records/context.js';
import { isOnsetError, type FieldProblem } from '../shared/errors.js';
import { importCsv } from './csv-import.js';

/** The problems an import is refused with, as "field: reason" lines. */
async function refusal(work: Promise<unknown>): Promise<string[]> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isOnsetError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.problems.map((p: FieldProblem) => `${p.field}: ${p.reason}`);
}

const DOSE_HEADER = 'patient_label,given_at,drug,route,mg,setting,systolic_before,diastolic_before,notes';

describeEachEngine('CSV import', (engine) => {
  let test: TestDatabase;
  let ctx: ServiceContext;
  let patientId: string;
  beforeAll(async () => {
    test = await freshDatabase(engine);
    ctx = await aClinicContext(test.handle);
    const patient = await aPatient(ctx, { label: 'P-1' });
    patientId = patient.id;
    await aCourse(ctx, patient.id, { startedAt: '2026-01-05T09:00:00Z' });
  });
  afterAll(async () => {
    await test.drop();
  });

  it('imports doses into the course in progress, with spreadsheet-style cells', async () => {
    const csv = `${DOSE_HEADER}\nP-1,2026-01-06T10:00:00Z,racemic-ketamine,iv,35,clinic,128,82,"Calm, slept after"\n`;
    expect(await importCsv(ctx, 'doses', csv)).toEqual({ kind: 'doses', imported: 1 });
    const [dose] = await doseService.loadForPatient(ctx, patientId);
    expect(dose).toMatchObject({ mg: 35, systolicBefore: 128, notes: 'Calm, slept after' });
  });

  it('refuses the whole file, naming every bad row, column and reason, and writes nothing', async () => {
    const before = (await doseService.loadForPatient(ctx, patientId)).length;
    const csv = [
      DOSE_HEADER,
      'P-1,2026-01-07T10:00:00Z,racemic-ketamine,iv,35,clinic,,,fine row',
      'P-1,2026-01-08T10:00:00Z,racemic-ketamine,iv,-5,clinic,,,',
      'P-9,2026-01-08T10:00:00Z,racemic-ketamine,iv,35,clinic,,,',
      'P-1,2026-01-09T10:00:00Z,racemic-ketamine,iv,35,clinic,120,125,',
      'P-1,2026-01-10T10:00:00Z,racemic-ketamine,nasal,35,clinic,,,',
      'P-1,yesterday,racemic-ketamine,iv,thirty,clinic,,,',
      'P-1,2025-12-01T10:00:00Z,racemic-ketamine,iv,35,clinic,,,',
    ].join('\n');
    expect(await refusal(importCsv(ctx, 'doses', csv))).toEqual([
      'line 3, column mg: must be greater than 0',
      'line 4, column patient_label: no patient labelled "P-9" in this clinic (import patients.csv first)',
      'line 5, column diastolic_before: must be lower than systolicBefore (120 mmHg)',
      'line 6, column route: must be one of: iv, im, intranasal, sublingual, oral',
      'line 7, column given_at: "yesterday" must be an ISO-8601 date-time with a time zone, in the years 1900–2100, e.g. 2026-01-05T10:00:00Z',
      'line 7, column mg: "thirty" is not a number',
      expect.stringMatching(
        /^line 8, column course_started_at: is empty and patient "P-1" has no course in progress at 2025-12-01T10:00:00Z \(their courses started: 2026-01-05T09:00:00\.000Z\)/,
      ),
    ]);
    expect((await doseService.loadForPatient(ctx, patientId)).length).toBe(before);
  });

  it('names an unknown or missing column before reading any row', async () => {
    expect(await refusal(importCsv(ctx, 'doses', 'patient_label,given_at,drug,route,dose_mg,setting\n'))).toEqual([
      expect.stringMatching(
        /^column "dose_mg": is not a column of doses\.csv; columns: patient_label, course_started_at, given_at/,
      ),
      'column "mg": is required and missing from the first line',
    ]);
  });

  it('checks answers against the instrument, by item column', async () => {
    const header = 'patient_label,instrument,completed_at,item_1,item_2,item_3,item_4,item_5,item_6,item_7,item_8';
    const csv = `${header}\nP-1,gad7,2026-01-04T09:00:00Z,1,1,4,0,0,0,0,2\nP-1,gad7,2026-01-05T09:00:00Z,1,1,1,0,0,0,0,\n`;
    expect(await refusal(importCsv(ctx, 'assessments', csv))).toEqual([
      'line 2, column item_8: unknown item for gad7 (items 1–7)',
      'line 2, column item_3: 4 is outside 0–3',
    ]);
    expect(await assessmentService.loadForPatient(ctx, patientId)).toEqual([]);
    expect(
      await importCsv(
        ctx,
        'assessments',
        csv
          .split('\n')
          .filter((_, i) => i !== 1)
          .join('\n'),
      ),
    ).toEqual({ kind: 'assessments', imported: 1 });
    expect((await assessmentService.loadForPatient(ctx, patientId))[0]).toMatchObject({ total: 3, source: 'import' });
  });

  it('refuses a label repeated within the file', async () => {
    const csv = 'label,birth_year,sex,conditions\nN-1,1980,female,gad;ptsd\nN-1,1981,male,\n';
    expect(await refusal(importCsv(ctx, 'patients', csv))).toEqual([
      'line 3, column label: another patient in this clinic already has the label "N-1"',
    ]);
  });
});
