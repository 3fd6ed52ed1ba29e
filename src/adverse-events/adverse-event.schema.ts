import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Id, Nullable, NoteText, StringEnum } from '../shared/schema.js';
import { ADVERSE_ACTIONS, ADVERSE_CATEGORIES, ADVERSE_OUTCOMES } from '../shared/vocabulary.js';

/** A harm observed during treatment, graded 1 (mild) to 5 (death) as in CTCAE. */
export const AdverseEventInput = Type.Object(
  {
    patientId: Id,
    doseId: Type.Optional(Nullable(Id)),
    category: StringEnum(ADVERSE_CATEGORIES),
    grade: Type.Integer({ minimum: 1, maximum: 5, description: 'CTCAE grade: 1 mild … 5 death' }),
    onsetAt: DateTime('when the event began'),
    action: Type.Optional(Nullable(StringEnum(ADVERSE_ACTIONS))),
    outcome: Type.Optional(StringEnum(ADVERSE_OUTCOMES)),
    notes: Type.Optional(Nullable(NoteText)),
  },
  { additionalProperties: false },
);
export type AdverseEventInput = Static<typeof AdverseEventInput>;

export interface AdverseEvent {
  id: string;
  clinicId: string;
  patientId: string;
  doseId: string | null;
  category: AdverseEventInput['category'];
  grade: number;
  onsetAt: string;
  action: AdverseEventInput['action'] | null;
  outcome: NonNullable<AdverseEventInput['outcome']>;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}
