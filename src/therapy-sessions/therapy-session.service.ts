import type { TherapySessionsTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';
import { requirePatient } from '../records/guards.js';
import { rowMapping, utcColumn } from '../db/row-mapping.js';
import { recordService } from '../records/record-service.js';
import { TherapySessionInput, type TherapySession } from './therapy-session.schema.js';

export const therapySessionRepository = tenantRepository('therapy_sessions', 'held_at');

const columns = rowMapping<TherapySessionsTable, TherapySession>({
  patientId: 'patient_id',
  courseId: 'course_id',
  heldAt: utcColumn('held_at'),
  kind: 'kind',
  modality: 'modality',
  minutes: 'minutes',
  notes: 'notes',
});

/** Therapy sessions (preparation and integration). */
export const therapySessionService = recordService({
  entity: 'therapy-session',
  repository: therapySessionRepository,
  schema: TherapySessionInput,
  immutable: ['patientId'],
  columns,
  async rules(ctx, input) {
    await requirePatient(ctx, input.patientId, { courseId: input.courseId });
    return {};
  },
  patientIdOf: (s) => s.patientId,
});
