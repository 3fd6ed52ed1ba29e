import { Type, type Static } from '@sinclair/typebox';
import { DateOnly, Id, Nullable, StringEnum, Text } from '../shared/schema.js';
import { DRUG_CLASSES } from '../shared/vocabulary.js';

/** A concurrent medication (benzodiazepines and other sedatives matter for safety). */
export const MedicationInput = Type.Object(
  {
    patientId: Id,
    name: Text({ minLength: 1, maxLength: 200 }),
    drugClass: StringEnum(DRUG_CLASSES),
    doseText: Type.Optional(Nullable(Text({ maxLength: 200, description: 'e.g. "0.5 mg at night"' }))),
    startedOn: DateOnly('first day taken'),
    stoppedOn: Type.Optional(Nullable(DateOnly('last day taken; empty while current'))),
  },
  { additionalProperties: false },
);
export type MedicationInput = Static<typeof MedicationInput>;

export interface Medication {
  id: string;
  clinicId: string;
  patientId: string;
  name: string;
  drugClass: MedicationInput['drugClass'];
  doseText: string | null;
  startedOn: string;
  stoppedOn: string | null;
  createdAt: string;
  updatedAt: string;
}
