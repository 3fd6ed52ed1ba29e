import type { Selectable } from 'kysely';
import type { TherapySessionsTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';
import { requireCourse, requirePatient } from '../records/guards.js';
import { utc } from '../db/columns.js';
import { recordService } from '../records/record-service.js';
import { TherapySessionInput, type TherapySession } from './therapy-session.schema.js';

export const therapySessionRepository = tenantRepository('therapy_sessions', 'held_at');

function fromRow(row: Selectable<TherapySessionsTable>): TherapySession {
  return {
    id: row.id,
    clinicId: row.clinic_id,
    patientId: row.patient_id,
    courseId: row.course_id,
    heldAt: row.held_at,
    kind: row.kind as TherapySession['kind'],
    modality: row.modality as TherapySession['modality'],
    minutes: row.minutes,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Therapy sessions (preparation and integration). */
export const therapySessionService = recordService({
  entity: 'therapy-session',
  repository: therapySessionRepository,
  schema: TherapySessionInput,
  immutable: ['patientId'],
  fromRow,
  toInput: ({ id: _id, clinicId: _c, createdAt: _cr, updatedAt: _u, ...input }) => input,
  async toRow(ctx, input, meta) {
    await requirePatient(ctx, input.patientId);
    if (input.courseId != null) await requireCourse(ctx, input.courseId, input.patientId);
    return {
      clinic_id: meta.clinicId,
      id: meta.id,
      patient_id: input.patientId,
      course_id: input.courseId ?? null,
      held_at: utc(input.heldAt),
      kind: input.kind,
      modality: input.modality,
      minutes: input.minutes,
      notes: input.notes ?? null,
      created_at: meta.createdAt,
      updated_at: meta.updatedAt,
    };
  },
  patientIdOf: (s) => s.patientId,
});
