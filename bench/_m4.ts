import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { courseService } from '../src/courses/course.service.js';
import { createClinic } from '../src/clinics/clinic.service.js';
import { openSqlite } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { patientService } from '../src/patients/patient.service.js';
import { assessmentService } from '../src/assessments/assessment.service.js';
import { loadSafetyHistory, afterClinicalWrite } from '../src/safety/hooks.js';
import { closeDue } from '../src/schedules/completions.js';
import { appendAudit } from '../src/audit/audit.service.js';
import { inTransaction } from '../src/records/record-service.js';

const dir = mkdtempSync(join(tmpdir(), 'onset-micro-'));
const handle = openSqlite(join(dir, 'onset.sqlite'));
await migrateToLatest(handle);
const clinic = await createClinic(handle.db, { name: 'C' });
const ctx = { db: handle.db, engine: handle.engine, clinicId: clinic.id, actor: { type: 'system', id: null, ip: null }, now: () => new Date() } as any;
const ids: string[] = []; const courses: string[] = [];
for (let p = 0; p < 20; p++) {
  const patient = await patientService.create(ctx, { label: `B${p}`, weightKg: 70, conditions: ['gad'], synthetic: true });
  ids.push(patient.id);
  const course = await courseService.create(ctx, { patientId: patient.id, startedAt: '2026-01-01T00:00:00Z', primaryInstrument: 'gad7' });
  courses.push(course.id);
  for (let i = 0; i < 30; i++) await assessmentService.create(ctx, { patientId: patient.id, courseId: course.id, instrument: 'gad7', completedAt: new Date(Date.UTC(2026, 0, 2) + i * 3600e3).toISOString(), answers: [i % 4, 2, 1, 2, 1, 0, 3] });
}
const N = 2000;
const time = async (label: string, f: (i: number) => Promise<unknown> | unknown) => { const t = performance.now(); for (let i = 0; i < N; i++) await f(i); console.log(label.padEnd(30), ((performance.now() - t) * 1000 / N).toFixed(1), 'us'); };
await inTransaction(ctx, async (tx) => {
  await time('loadSafetyHistory', (i) => loadSafetyHistory(tx, ids[i % 20]!, 'UTC'));
  await time('afterClinicalWrite', (i) => afterClinicalWrite(tx, ids[i % 20]!));
  await time('closeDue', (i) => closeDue(tx, { id: 'x', patientId: ids[i % 20]!, complete: true }));
  await time('appendAudit', (i) => appendAudit(tx, { action: 'read', entity: 'x', entityId: null, patientId: ids[i % 20]! }));
  await time('create w/o commit', (i) => assessmentService.create(tx, { patientId: ids[i % 20]!, courseId: courses[i % 20]!, instrument: 'gad7', completedAt: new Date(Date.UTC(2026, 0, 2) + i * 60e3).toISOString(), answers: [i % 4, 2, 1, 2, 1, 0, 3] }));
});
import { validate } from '../src/shared/validate.js';
import { AssessmentInput } from '../src/assessments/assessment.schema.js';
import { scoreAnswers } from '../src/instruments/score.js';
import { requirePatient, requireCourse } from '../src/records/guards.js';
import { assessmentRepository } from '../src/assessments/assessment.service.js';
const body = { patientId: ids[0]!, courseId: courses[0]!, instrument: 'gad7', completedAt: '2026-01-05T00:00:00Z', answers: [1, 2, 1, 2, 1, 0, 3] };
await time('validate', () => validate(AssessmentInput, body));
await time('score', () => scoreAnswers('gad7', [1, 2, 1, 2, 1, 0, 3]));
await time('requirePatient', (i) => requirePatient(ctx, ids[i % 20]!));
await time('requireCourse', (i) => requireCourse(ctx, courses[i % 20]!, ids[i % 20]!));
await inTransaction(ctx, async (tx) => {
  await time('insert', async (i) => assessmentRepository.insert(tx.db, { clinic_id: clinic.id, id: crypto.randomUUID(), patient_id: ids[i % 20]!, course_id: courses[i % 20]!, instrument: 'gad7', completed_at: '2026-01-05T00:00:00.000Z', source: 'clinician', entered_by: null, answers: '[1,2,1,2,1,0,3]', total: 10, subscales: '{}', band: 'mild', complete: 1, prorated: 0, flags: '[]', created_at: '2026-01-05T00:00:00.000Z' } as any));
});
