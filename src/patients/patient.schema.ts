import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum, Text } from '../shared/schema.js';
import { CONDITIONS, HISTORY, SEXES } from '../shared/vocabulary.js';

/**
 * A body weight from 2 kg (a small newborn) to 500 kg holds every living patient; a value outside is a
 * slip of unit or keyboard (grams, 0.07), and mg/kg computed from it would mislead.
 */
export const WEIGHT_MIN_KG = 2;
export const WEIGHT_MAX_KG = 500;

/** A patient as a clinician enters them. Name and contact are optional; the label is enough. */
export const PatientInput = Type.Object(
  {
    label: Text({ minLength: 1, maxLength: 64, description: 'pseudonym or MRN, unique in the clinic' }),
    name: Type.Optional(Nullable(Text({ maxLength: 200 }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    phone: Type.Optional(Nullable(Text({ minLength: 3, maxLength: 40 }))),
    birthYear: Type.Optional(Nullable(Type.Integer({ minimum: 1900, maximum: 2100 }))),
    sex: Type.Optional(Nullable(StringEnum(SEXES))),
    weightKg: Type.Optional(
      Nullable(Type.Number({ minimum: WEIGHT_MIN_KG, maximum: WEIGHT_MAX_KG, description: 'kg' })),
    ),
    conditions: Type.Optional(Type.Array(StringEnum(CONDITIONS), { uniqueItems: true })),
    history: Type.Optional(Type.Array(StringEnum(HISTORY), { uniqueItems: true })),
    synthetic: Type.Optional(Type.Boolean({ description: 'generated demo data, not a real person' })),
  },
  { additionalProperties: false },
);
export type PatientInput = Static<typeof PatientInput>;

export interface Patient {
  id: string;
  clinicId: string;
  label: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  birthYear: number | null;
  sex: PatientInput['sex'] | null;
  weightKg: number | null;
  conditions: NonNullable<PatientInput['conditions']>;
  history: NonNullable<PatientInput['history']>;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
}
