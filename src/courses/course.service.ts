import type { CoursesTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';
import { isInstrumentId } from '../instruments/registry.js';
import { requirePatient } from '../records/guards.js';
import { afterClinicalWrite } from '../records/write-hooks.js';
import { centsColumn, defaultedColumn, rowMapping, utcColumn } from '../db/row-mapping.js';
import { recordService } from '../records/record-service.js';
import { refreshDue } from '../schedules/refresh-due.js';
import { invalid } from '../shared/errors.js';
import { CourseInput, type Course } from './course.schema.js';

export const courseRepository = tenantRepository('courses', 'started_at');

const columns = rowMapping<CoursesTable, Course>({
  patientId: 'patient_id',
  startedAt: utcColumn('started_at'),
  endedAt: utcColumn('ended_at'),
  phase: defaultedColumn('phase', 'induction'),
  primaryInstrument: 'primary_instrument',
  modality: defaultedColumn('modality', 'none'),
  defaultPriceUsd: centsColumn('default_price_cents'),
  usualDrug: 'usual_drug',
  usualRoute: 'usual_route',
  usualMg: 'usual_mg',
  notes: 'notes',
});

/** Treatment courses. */
export const courseService = recordService({
  entity: 'course',
  repository: courseRepository,
  schema: CourseInput,
  immutable: ['patientId'],
  columns,
  async rules(ctx, input) {
    await requirePatient(ctx, input.patientId);
    if (!isInstrumentId(input.primaryInstrument)) {
      throw invalid('primaryInstrument', `"${input.primaryInstrument}" is not an instrument Onset knows`);
    }
    if (input.endedAt != null && Date.parse(input.endedAt) < Date.parse(input.startedAt)) {
      throw invalid('endedAt', 'is before startedAt');
    }
    return {};
  },
  patientIdOf: (c) => c.patientId,
  // A changed start, end or phase (maintenance starts the weekly rhythm) changes the due assessments.
  // A course decides which questionnaires the tolerance rule reads (its primary instrument, its doses), so
  // after the due list the safety rules evaluate the patient's whole history again.
  afterWrite: async (ctx, c) => {
    await refreshDue(ctx, c.id);
    return afterClinicalWrite(ctx, c.patientId);
  },
});
