import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Id, Nullable, StringEnum, Text } from '../shared/schema.js';
import { ASSESSMENT_SOURCES } from '../shared/vocabulary.js';

/** One item's value: the instrument names its own range; these bounds only keep it a plausible number. */
export const AnswerValue = Nullable(
  Type.Integer({ minimum: -1000, maximum: 1000, description: 'the item value; null for an unanswered item' }),
);

/** One completed questionnaire: answers in item order, or by item linkId. Scored when stored. */
export const AssessmentInput = Type.Object(
  {
    patientId: Id,
    courseId: Type.Optional(Nullable(Id)),
    instrument: Text({ minLength: 1, maxLength: 40, description: 'instrument id, e.g. gad7' }),
    completedAt: DateTime('when the questionnaire was completed'),
    source: Type.Optional(StringEnum(ASSESSMENT_SOURCES)),
    answers: Type.Union(
      [
        Type.Array(AnswerValue, { maxItems: 100 }),
        Type.Record(Text({ maxLength: 20 }), AnswerValue, { maxProperties: 100 }),
      ],
      { description: 'item values in item order, or an object keyed by item linkId' },
    ),
  },
  { additionalProperties: false },
);
export type AssessmentInput = Static<typeof AssessmentInput>;

export interface Assessment {
  id: string;
  clinicId: string;
  patientId: string;
  courseId: string | null;
  instrument: string;
  completedAt: string;
  source: NonNullable<AssessmentInput['source']>;
  enteredBy: string | null;
  answers: Record<string, number | null>;
  /** Total score; null when the form is incomplete and the instrument does not allow prorating. */
  total: number | null;
  subscales: Record<string, number | null>;
  band: string | null;
  complete: boolean;
  prorated: boolean;
  flags: string[];
  createdAt: string;
}
