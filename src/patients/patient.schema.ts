import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum } from '../shared/schema.js';
import { CONDITIONS, HISTORY, SEXES } from '../shared/vocabulary.js';

/** A patient as a clinician enters them. Name and contact are optional; the label is enough. */
export const PatientInput = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 64, description: 'pseudonym or MRN, unique in the clinic' }),
    name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    phone: Type.Optional(Nullable(Type.String({ minLength: 3, maxLength: 40 }))),
    birthYear: Type.Optional(Nullable(Type.Integer({ minimum: 1900, maximum: 2100 }))),
    sex: Type.Optional(Nullable(StringEnum(SEXES))),
    weightKg: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 400, description: 'kg' }))),
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
