import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Id, Nullable, NoteText, StringEnum } from '../shared/schema.js';
import { MODALITIES, THERAPY_KINDS } from '../shared/vocabulary.js';

/** A preparation or integration psychotherapy session around the doses. */
export const TherapySessionInput = Type.Object(
  {
    patientId: Id,
    courseId: Type.Optional(Nullable(Id)),
    heldAt: DateTime('when the session took place'),
    kind: StringEnum(THERAPY_KINDS),
    modality: StringEnum(MODALITIES),
    minutes: Type.Integer({ minimum: 1, maximum: 600, description: 'minutes' }),
    notes: Type.Optional(Nullable(NoteText)),
  },
  { additionalProperties: false },
);
export type TherapySessionInput = Static<typeof TherapySessionInput>;

export interface TherapySession {
  id: string;
  clinicId: string;
  patientId: string;
  courseId: string | null;
  heldAt: string;
  kind: TherapySessionInput['kind'];
  modality: TherapySessionInput['modality'];
  minutes: number;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}
