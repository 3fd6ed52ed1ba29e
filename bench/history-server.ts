/**
 * The server side of `npm run bench:history`: the real Onset app on a fresh database (SQLite, or the
 * fresh PostgreSQL database given as the argument) with two groups of patients in one clinic, whose
 * histories are bulk-loaded as synthetic rows (not through the API): BENCH_HISTORY_PATIENTS patients
 * (default 100) with 10 GAD-7 questionnaires each and as many with 1,000 each. A patient's history is one
 * questionnaire a day (08:00 UTC) up to two days ago, a dose every 14 days from its first day (09:00),
 * and the course follows the ready-made `anxiety-intensive` schedule, whose due items the past answers
 * close, as in the demo clinic (BENCH_HISTORY_SCHEDULE names another template, or `none`). Prints one
 * JSON line: the port, a clinician's API token, the time the histories end and each group's patient and
 * course ids.
 */
import { setCourseSchedule } from '../src/schedules/course-schedule.service.js';
import { DAY_MS, HOUR_MS } from '../src/shared/time.js';
import { loadSyntheticCohort } from '../src/synthetic/load.js';
import type { SyntheticDose, SyntheticPatient } from '../src/synthetic/types.js';
import { gad7Answers } from './support.js';
import { benchClinic, openBenchDatabase, serveAndAnnounce, type Target } from './server-support.js';

const pgUrl = process.argv[2];
const PATIENTS = Number(process.env.BENCH_HISTORY_PATIENTS ?? 100);
const HISTORIES = [10, 1000] as const;
const DOSE_EVERY_DAYS = 14;
/** BENCH_HISTORY_SCHEDULE=none leaves the courses without a schedule (no due items to match answers to). */
const SCHEDULE = process.env.BENCH_HISTORY_SCHEDULE ?? 'anxiety-intensive';

function dose(at: number): SyntheticDose {
  return {
    at,
    drug: 'racemic-ketamine',
    route: 'iv',
    mg: 35,
    setting: 'clinic',
    observationMinutes: 60,
    systolicBefore: 122,
    diastolicBefore: 78,
    systolicAfter: 128,
    diastolicAfter: 82,
    heartRateBefore: 72,
    spo2Before: 98,
    dissociation: 3,
    priceUsd: null,
    trueReliefDays: null,
  };
}

/** A patient with `questionnaires` daily GAD-7 answers ending the day before `end`, and a dose every 14 days. */
function patientWithHistory(label: string, questionnaires: number, end: number): SyntheticPatient {
  const first = end - questionnaires * DAY_MS;
  const doses: SyntheticDose[] = [];
  for (let day = 0; day < questionnaires; day += DOSE_EVERY_DAYS) doses.push(dose(first + day * DAY_MS + 9 * HOUR_MS));
  return {
    label,
    synthetic: true,
    birthYear: 1985,
    sex: 'female',
    weightKg: 70,
    conditions: ['gad'],
    history: [],
    email: null,
    course: { startedAt: first, primaryInstrument: 'gad7', modality: 'none', defaultPriceUsd: null },
    doses,
    assessments: Array.from({ length: questionnaires }, (_, day) => ({
      at: first + day * DAY_MS + 8 * HOUR_MS,
      instrument: 'gad7',
      answers: gad7Answers(day),
    })),
    adverseEvents: [],
    therapySessions: [],
    medications: [],
  };
}

const handle = await openBenchDatabase(pgUrl, 'history');
const clinic = await benchClinic(handle, 'History bench clinic');
const end = Math.floor(Date.now() / DAY_MS) * DAY_MS - 2 * DAY_MS;
const labelOf = (history: number, i: number): string => `H${history}-${String(i).padStart(4, '0')}`;
const patients = HISTORIES.flatMap((history) =>
  Array.from({ length: PATIENTS }, (_, i) => patientWithHistory(labelOf(history, i), history, end)),
);
await loadSyntheticCohort(handle, { clinicId: clinic.clinicId, patients });

const rows = await handle.db
  .selectFrom('courses')
  .innerJoin('patients', (join) =>
    join.onRef('patients.clinic_id', '=', 'courses.clinic_id').onRef('patients.id', '=', 'courses.patient_id'),
  )
  .select(['courses.id as courseId', 'courses.patient_id as patientId', 'patients.label as label'])
  .where('courses.clinic_id', '=', clinic.clinicId)
  .execute();
const byLabel = new Map(rows.map((r) => [r.label, { patientId: r.patientId, courseId: r.courseId }]));
const groups: Record<string, Target[]> = {};
for (const history of HISTORIES) {
  const targets: Target[] = [];
  for (let i = 0; i < PATIENTS; i++) {
    const target = byLabel.get(labelOf(history, i));
    if (target === undefined) throw new Error(`patient ${labelOf(history, i)} was not loaded`);
    if (SCHEDULE !== 'none') await setCourseSchedule(clinic.ctx, target.courseId, { templateId: SCHEDULE });
    targets.push(target);
  }
  groups[String(history)] = targets;
}
const dosesPerPatient = Object.fromEntries(
  HISTORIES.map((history) => [String(history), Math.ceil(history / DOSE_EVERY_DAYS)]),
);
await serveAndAnnounce(handle, {
  token: clinic.token,
  historyEnd: new Date(end).toISOString(),
  dosesPerPatient,
  schedule: SCHEDULE,
  groups,
});
