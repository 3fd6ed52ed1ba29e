import type { Selectable } from 'kysely';
import type { CoursesTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';
import { isInstrumentId } from '../instruments/registry.js';
import { requirePatient } from '../records/guards.js';
import { fromCents, toCents, utc } from '../db/columns.js';
import { recordService } from '../records/record-service.js';
import { refreshDue } from '../schedules/refresh-due.js';
import { invalid } from '../shared/errors.js';
import { CourseInput, type Course } from './course.schema.js';

export const courseRepository = tenantRepository('courses', 'started_at');

function fromRow(row: Selectable<CoursesTable>): Course {
  return {
    id: row.id,
    clinicId: row.clinic_id,
    patientId: row.patient_id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    phase: row.phase as Course['phase'],
    primaryInstrument: row.primary_instrument,
    modality: row.modality as Course['modality'],
    defaultPriceUsd: fromCents(row.default_price_cents),
    usualDrug: row.usual_drug as Course['usualDrug'],
    usualRoute: row.usual_route as Course['usualRoute'],
    usualMg: row.usual_mg,
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Treatment courses. */
export const courseService = recordService({
  entity: 'course',
  repository: courseRepository,
  schema: CourseInput,
  immutable: ['patientId'],
  fromRow,
  toInput: ({ id: _id, clinicId: _c, createdAt: _cr, updatedAt: _u, ...input }) => input,
  async toRow(ctx, input, meta) {
    await requirePatient(ctx, input.patientId);
    if (!isInstrumentId(input.primaryInstrument)) {
      throw invalid('primaryInstrument', `"${input.primaryInstrument}" is not an instrument Onset knows`);
    }
    if (input.endedAt != null && Date.parse(input.endedAt) < Date.parse(input.startedAt)) {
      throw invalid('endedAt', 'is before startedAt');
    }
    return {
      clinic_id: meta.clinicId,
      id: meta.id,
      patient_id: input.patientId,
      started_at: utc(input.startedAt),
      ended_at: input.endedAt == null ? null : utc(input.endedAt),
      phase: input.phase ?? 'induction',
      primary_instrument: input.primaryInstrument,
      modality: input.modality ?? 'none',
      default_price_cents: toCents(input.defaultPriceUsd),
      usual_drug: input.usualDrug ?? null,
      usual_route: input.usualRoute ?? null,
      usual_mg: input.usualMg ?? null,
      notes: input.notes ?? null,
      created_at: meta.createdAt,
      updated_at: meta.updatedAt,
    };
  },
  patientIdOf: (c) => c.patientId,
  // A changed start, end or phase (maintenance starts the weekly rhythm) changes the due assessments.
  afterWrite: (ctx, c) => refreshDue(ctx, c.id),
});
