import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { formFields, formSections, missingForForm, splitName, type FormSource } from './form-fields.js';
import { winAnsi } from '../shared/pdf-text.js';
import { formPdf } from './form-pdf.js';
import type { RemsSession } from './rems-session.schema.js';

// A dose at 15:00 UTC in New York winter time is 10:00 local.
const GIVEN = '2026-01-20T15:00:00.000Z';
const after = (minutes: number): string => new Date(Date.parse(GIVEN) + minutes * 60_000).toISOString();

const session: RemsSession = {
  id: 'session-1',
  clinicId: 'clinic-1',
  doseId: 'dose-1',
  patientId: 'patient-1',
  beforeSystolic: 128,
  beforeDiastolic: 82,
  beforeAt: after(-10),
  fortyMinuteSystolic: 141,
  fortyMinuteDiastolic: 88,
  fortyMinuteAt: after(41),
  dischargeSystolic: 124,
  dischargeDiastolic: 79,
  dischargeAt: after(118),
  vitalsAcceptableBefore: true,
  vitalsAcceptableAtCompletion: true,
  sedation: false,
  sedationNote: null,
  dissociation: true,
  dissociationNote: 'mild, resolved by 70 minutes',
  respiratoryDepression: false,
  respiratoryDepressionNote: null,
  pulseOximetry: [
    { at: after(30), spo2: 97 },
    { at: after(75), spo2: 95 },
  ],
  readyToLeaveAt: after(90),
  dischargedAt: after(126),
  devicesUsed: 3,
  lotNumber: 'LOT-7731A',
  seriousAdverseEvent: false,
  seriousAdverseEventDescription: null,
  benzodiazepines: false,
  nonBenzodiazepineSedativeHypnotics: true,
  psychostimulants: false,
  maois: false,
  patientBirthDate: '1985-04-12',
  providerName: 'Dana Reyes, NP',
  providerPhone: '555-0142',
  providerEmail: 'dana.reyes@example.org',
  settingName: 'Harbour Ketamine Clinic',
  settingAddress: '12 Wharf Street, Portland, ME 04101',
  notes: null,
  formSubmittedAt: null,
  formSubmittedBy: null,
  formSha256: null,
  createdAt: GIVEN,
  updatedAt: GIVEN,
};
const source: FormSource = {
  session,
  dose: { givenAt: GIVEN, mg: 84, drug: 'esketamine' },
  patient: { name: 'Alice Mary Example', label: 'P-1', sex: 'female' },
  timeZone: 'America/New_York',
};

/** Every text field of a PDF by name, as a reader of the file finds it. */
async function readBack(bytes: Uint8Array): Promise<Record<string, string | undefined>> {
  const form = (await PDFDocument.load(bytes)).getForm();
  return Object.fromEntries(form.getFields().map((f) => [f.getName(), form.getTextField(f.getName()).getText()]));
}

describe('the Patient Monitoring Form PDF', () => {
  it('holds every recorded value in its named, read-only field', async () => {
    const bytes = await formPdf(formSections(source), { kind: 'draft' }, new Date(GIVEN));
    const fields = await readBack(bytes);
    expect(fields).toEqual({
      'form.status': 'DRAFT',
      'patient.firstName': 'Alice Mary',
      'patient.lastName': 'Example',
      'patient.birthDate': '04/12/1985',
      'patient.sex': 'Female',
      'medication.benzodiazepines': 'No',
      'medication.nonBenzodiazepineSedativeHypnotics': 'Yes',
      'medication.psychostimulants': 'No',
      'medication.maois': 'No',
      'provider.name': 'Dana Reyes, NP',
      'provider.phone': '555-0142',
      'provider.email': 'dana.reyes@example.org',
      'setting.name': 'Harbour Ketamine Clinic',
      'setting.address': '12 Wharf Street, Portland, ME 04101',
      'treatment.date': '01/20/2026',
      'treatment.dose': '84 mg',
      'treatment.lotNumber': 'LOT-7731A',
      'treatment.devices': '3',
      'treatment.totalMinutes': '126',
      'treatment.readyToLeaveMinutes': '90',
      'vitals.acceptableBefore': 'Yes',
      'vitals.acceptableAtCompletion': 'Yes',
      'bp.before': '128/82 mmHg at 09:50',
      'bp.fortyMinute': '141/88 mmHg at 10:41',
      'bp.discharge': '124/79 mmHg at 11:58',
      'vitals.pulseOximetry': '97% at 10:30; 95% at 11:15',
      'observed.sedation': 'No',
      'observed.dissociation': 'Yes: mild, resolved by 70 minutes',
      'observed.respiratoryDepression': 'No',
      'observed.seriousAdverseEvent': 'No',
    });
    const form = (await PDFDocument.load(bytes)).getForm();
    expect(form.getFields().every((f) => f.isReadOnly())).toBe(true);
  });

  it('a submitted form says who and when instead of DRAFT', async () => {
    const mark = { kind: 'submitted', submittedAt: '2026-01-21T09:00:00.000Z', submittedBy: 'Dana Reyes' } as const;
    const fields = await readBack(await formPdf(formSections(source), mark, new Date(GIVEN)));
    expect(fields['form.status']).toBe('SUBMITTED 2026-01-21T09:00:00.000Z by Dana Reyes');
  });

  it('offers 56 mg and 84 mg, and any other amount as Other', () => {
    const dose = (mg: number): string | undefined =>
      formFields({ ...source, dose: { ...source.dose, mg } }).find((f) => f.name === 'treatment.dose')?.value;
    expect([dose(56), dose(84), dose(28)]).toEqual(['56 mg', '84 mg', 'Other: 28 mg']);
  });

  it('names every missing required field, and nothing when the form is complete', () => {
    expect(missingForForm(source)).toEqual([]);
    const empty = missingForForm({
      session: { ...session, lotNumber: null, fortyMinuteAt: null, maois: null, dischargedAt: null },
      patient: { name: 'Alice', label: 'P-1', sex: null },
    });
    expect(empty.map((p) => p.field)).toEqual([
      'patient.name',
      'patient.sex',
      'maois',
      'lotNumber',
      'fortyMinuteAt',
      'dischargedAt',
    ]);
  });

  it('keeps a name in another script from stopping the PDF', async () => {
    expect(winAnsi('Zoë Ωmega')).toBe('Zoë ?mega');
    expect(splitName('  Jo   Smith ')).toEqual({ first: 'Jo', last: 'Smith' });
    const bytes = await formPdf(
      formSections({ ...source, patient: { ...source.patient, name: 'Ωmega Example' } }),
      { kind: 'draft' },
      new Date(GIVEN),
    );
    expect((await readBack(bytes))['patient.firstName']).toBe('?mega');
  });
});
