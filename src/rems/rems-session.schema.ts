import { Type, type Static, type TBoolean, type TNull, type TString, type TUnion } from '@sinclair/typebox';
import { DateOnly, DateTime, Id, Nullable, NoteText, Text } from '../shared/schema.js';

const Systolic = Nullable(Type.Integer({ minimum: 50, maximum: 300, description: 'systolic blood pressure, mmHg' }));
const Diastolic = Nullable(Type.Integer({ minimum: 20, maximum: 200, description: 'diastolic blood pressure, mmHg' }));
const When = (what: string): TUnion<[TString, TNull]> => Nullable(DateTime(what));
const YesNo = (question: string): TUnion<[TBoolean, TNull]> =>
  Nullable(Type.Boolean({ description: `${question} (yes/no; empty: not answered)` }));
const Note = Nullable(Text({ maxLength: 1000 }));
const Line = Nullable(Text({ maxLength: 200 }));

/** One pulse oximetry reading during monitoring. */
export const PulseOximetryReading = Type.Object(
  {
    at: DateTime('when the reading was taken'),
    spo2: Type.Integer({ minimum: 50, maximum: 100, description: '% oxygen saturation' }),
  },
  { additionalProperties: false },
);

/**
 * The monitored session of one esketamine dose, with the fields of the SPRAVATO REMS Patient Monitoring
 * Form (docs/rems.md lists each field with its source, and the ones Onset adds). Every field but the dose
 * may be left empty while the session runs; the form cannot be submitted until the required ones are filled.
 */
export const RemsSessionInput = Type.Object(
  {
    doseId: Id,
    beforeSystolic: Type.Optional(Systolic),
    beforeDiastolic: Type.Optional(Diastolic),
    beforeAt: Type.Optional(When('when the blood pressure before the dose was taken')),
    fortyMinuteSystolic: Type.Optional(Systolic),
    fortyMinuteDiastolic: Type.Optional(Diastolic),
    fortyMinuteAt: Type.Optional(When('when the blood pressure about 40 minutes after the dose was taken')),
    dischargeSystolic: Type.Optional(Systolic),
    dischargeDiastolic: Type.Optional(Diastolic),
    dischargeAt: Type.Optional(When('when the blood pressure before discharge was taken')),
    vitalsAcceptableBefore: Type.Optional(YesNo('vital signs in an acceptable range before the dose')),
    vitalsAcceptableAtCompletion: Type.Optional(YesNo('vital signs in an acceptable range at the end of monitoring')),
    sedation: Type.Optional(YesNo('sedation observed')),
    sedationNote: Type.Optional(Note),
    dissociation: Type.Optional(YesNo('dissociation observed')),
    dissociationNote: Type.Optional(Note),
    respiratoryDepression: Type.Optional(YesNo('respiratory depression observed')),
    respiratoryDepressionNote: Type.Optional(Note),
    pulseOximetry: Type.Optional(Type.Array(PulseOximetryReading, { maxItems: 50 })),
    readyToLeaveAt: Type.Optional(When('when the patient would have been ready to leave without the 2-hour minimum')),
    dischargedAt: Type.Optional(When('when monitoring ended and the patient left')),
    devicesUsed: Type.Optional(
      Nullable(Type.Integer({ minimum: 1, maximum: 6, description: 'nasal spray devices used (28 mg each)' })),
    ),
    lotNumber: Type.Optional(Nullable(Text({ minLength: 1, maxLength: 40 }))),
    seriousAdverseEvent: Type.Optional(YesNo('a serious adverse event occurred')),
    seriousAdverseEventDescription: Type.Optional(Note),
    benzodiazepines: Type.Optional(YesNo('taking benzodiazepines')),
    nonBenzodiazepineSedativeHypnotics: Type.Optional(YesNo('taking non-benzodiazepine sedative hypnotics')),
    psychostimulants: Type.Optional(YesNo('taking psychostimulants')),
    maois: Type.Optional(YesNo('taking monoamine oxidase inhibitors (MAOIs)')),
    patientBirthDate: Type.Optional(Nullable(DateOnly('the patient’s date of birth, as the form asks'))),
    providerName: Type.Optional(Line),
    providerPhone: Type.Optional(Nullable(Text({ minLength: 3, maxLength: 40 }))),
    providerEmail: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    settingName: Type.Optional(Line),
    settingAddress: Type.Optional(Nullable(Text({ maxLength: 400 }))),
    notes: Type.Optional(Nullable(NoteText)),
  },
  { additionalProperties: false },
);
export type RemsSessionInput = Static<typeof RemsSessionInput>;

type Optional = Exclude<keyof RemsSessionInput, 'doseId' | 'pulseOximetry'>;

export type PulseOximetryReading = Static<typeof PulseOximetryReading>;

/** A stored session: every optional field as a value or null, and what the server derives. */
export type RemsSession = { [K in Optional]-?: Exclude<RemsSessionInput[K], undefined> | null } & {
  id: string;
  clinicId: string;
  doseId: string;
  patientId: string;
  pulseOximetry: PulseOximetryReading[];
  formSubmittedAt: string | null;
  formSubmittedBy: string | null;
  formSha256: string | null;
  createdAt: string;
  updatedAt: string;
};
