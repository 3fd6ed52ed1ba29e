/**
 * A child process for the crash test: writes doses and assessments to the SQLite file named in argv
 * through the real services, one transaction each, and prints each record's id after its commit
 * returns (the acknowledgement). The parent kills it with SIGKILL at a random moment.
 */
import { openSqlite } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { doseService } from '../../src/doses/dose.service.js';
import { patientService } from '../../src/patients/patient.service.js';
import { courseService } from '../../src/courses/course.service.js';
import { createClinic, listClinics } from '../../src/clinics/clinic.service.js';
import { systemContext, type ServiceContext } from '../../src/records/context.js';
import { wireServices } from '../../src/app/compose.js';

wireServices();

const file = process.argv[2];
if (file === undefined) throw new Error('usage: sqlite-writer FILE');
const handle = openSqlite(file);
await migrateToLatest(handle);
const existing = await listClinics(handle.db);
const clinic = existing[0] ?? (await createClinic(handle.db, { name: 'Crash clinic' }));
const ctx: ServiceContext = systemContext(handle, clinic.id);
const patient = await patientService.create(ctx, { label: `crash-${process.pid}-${Date.now()}`, weightKg: 80 });
const course = await courseService.create(ctx, {
  patientId: patient.id,
  startedAt: '2026-01-01T00:00:00Z',
  primaryInstrument: 'gad7',
});
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const at = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
  if (i % 2 === 0) {
    const dose = await doseService.create(ctx, {
      patientId: patient.id,
      courseId: course.id,
      givenAt: at,
      drug: 'esketamine',
      route: 'intranasal',
      mg: 56,
      setting: 'clinic',
    });
    process.stdout.write(`dose ${dose.id}\n`);
  } else {
    const a = await assessmentService.create(ctx, {
      patientId: patient.id,
      instrument: 'gad7',
      completedAt: at,
      answers: [i % 4, 1, 2, 3, 0, 1, 2],
    });
    process.stdout.write(`assessment ${a.id} ${a.total ?? 'null'}\n`);
  }
}
