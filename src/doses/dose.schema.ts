import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Id, Nullable, NoteText, StringEnum } from '../shared/schema.js';
import { DRUGS, ROUTES, SETTINGS } from '../shared/vocabulary.js';

const Systolic = Nullable(Type.Integer({ minimum: 50, maximum: 300, description: 'systolic blood pressure, mmHg' }));
const Diastolic = Nullable(Type.Integer({ minimum: 20, maximum: 200, description: 'diastolic blood pressure, mmHg' }));

/** One ketamine or esketamine session, with the vitals of the monitoring record. */
export const DoseInput = Type.Object(
  {
    patientId: Id,
    courseId: Id,
    givenAt: DateTime('when the dose was given'),
    drug: StringEnum(DRUGS),
    route: StringEnum(ROUTES),
    mg: Type.Number({ exclusiveMinimum: 0, maximum: 1000, description: 'mg' }),
    setting: StringEnum(SETTINGS),
    observationMinutes: Type.Optional(
      Nullable(Type.Integer({ minimum: 0, maximum: 1440, description: 'minutes observed after the dose' })),
    ),
    systolicBefore: Type.Optional(Systolic),
    diastolicBefore: Type.Optional(Diastolic),
    heartRateBefore: Type.Optional(
      Nullable(Type.Integer({ minimum: 20, maximum: 250, description: 'beats per minute' })),
    ),
    spo2Before: Type.Optional(
      Nullable(Type.Integer({ minimum: 50, maximum: 100, description: '% oxygen saturation' })),
    ),
    systolicAfter: Type.Optional(Systolic),
    diastolicAfter: Type.Optional(Diastolic),
    heartRateAfter: Type.Optional(
      Nullable(Type.Integer({ minimum: 20, maximum: 250, description: 'beats per minute' })),
    ),
    spo2After: Type.Optional(Nullable(Type.Integer({ minimum: 50, maximum: 100, description: '% oxygen saturation' }))),
    dissociation: Type.Optional(
      Nullable(Type.Integer({ minimum: 0, maximum: 10, description: 'clinician rating 0 (none) – 10 (extreme)' })),
    ),
    priceUsd: Type.Optional(
      Nullable(Type.Number({ minimum: 0, maximum: 100000, description: 'USD; empty takes the course default' })),
    ),
    notes: Type.Optional(Nullable(NoteText)),
  },
  { additionalProperties: false },
);
export type DoseInput = Static<typeof DoseInput>;

type Vitals =
  | 'systolicBefore'
  | 'diastolicBefore'
  | 'heartRateBefore'
  | 'spo2Before'
  | 'systolicAfter'
  | 'diastolicAfter'
  | 'heartRateAfter'
  | 'spo2After';

export type Dose = Omit<Required<DoseInput>, Vitals | 'observationMinutes' | 'dissociation' | 'priceUsd' | 'notes'> & {
  [K in Vitals]: number | null;
} & {
  id: string;
  clinicId: string;
  /** mg per kg of the patient's recorded weight at the time of entry; null without a weight. */
  mgPerKg: number | null;
  observationMinutes: number | null;
  dissociation: number | null;
  priceUsd: number | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
};
