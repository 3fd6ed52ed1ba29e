import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Id, NoteText, Nullable, StringEnum, Text } from '../shared/schema.js';
import { DRUGS, MODALITIES, PHASES, ROUTES } from '../shared/vocabulary.js';

/** One treatment course: induction, then maintenance; its primary instrument and usual dose. */
export const CourseInput = Type.Object(
  {
    patientId: Id,
    startedAt: DateTime('when the course began (UTC ISO-8601)'),
    endedAt: Type.Optional(Nullable(DateTime('when the course ended'))),
    phase: Type.Optional(StringEnum(PHASES)),
    primaryInstrument: Text({ minLength: 1, maxLength: 40, description: 'instrument id, e.g. gad7' }),
    modality: Type.Optional(StringEnum(MODALITIES, 'integration-therapy modality')),
    defaultPriceUsd: Type.Optional(
      Nullable(Type.Number({ minimum: 0, maximum: 100000, description: 'USD per session' })),
    ),
    usualDrug: Type.Optional(Nullable(StringEnum(DRUGS))),
    usualRoute: Type.Optional(Nullable(StringEnum(ROUTES))),
    usualMg: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 1000, description: 'mg' }))),
    notes: Type.Optional(Nullable(NoteText)),
  },
  { additionalProperties: false },
);
export type CourseInput = Static<typeof CourseInput>;

export interface Course {
  id: string;
  clinicId: string;
  patientId: string;
  startedAt: string;
  endedAt: string | null;
  phase: NonNullable<CourseInput['phase']>;
  primaryInstrument: string;
  modality: NonNullable<CourseInput['modality']>;
  defaultPriceUsd: number | null;
  usualDrug: CourseInput['usualDrug'] | null;
  usualRoute: CourseInput['usualRoute'] | null;
  usualMg: number | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}
