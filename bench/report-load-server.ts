/**
 * The server side of `npm run bench:report-load`: the real Onset app on a fresh database (SQLite, or the
 * fresh PostgreSQL database given as the argument) holding, in one clinic, BENCH_PATIENTS synthetic
 * patients (default 20,000, bulk-loaded as bench:outcomes loads them: same seed, same start) and 50 more
 * patients with a GAD-7 course each, created through the services, for the writes. Prints one JSON line:
 * the port, a clinician's API token, the write patients' ids and what was loaded.
 */
import { generatePatients } from '../src/synthetic/generate.js';
import { loadSyntheticCohort } from '../src/synthetic/load.js';
import { benchClinic, openBenchDatabase, patientsWithCourses, serveAndAnnounce } from './server-support.js';

const pgUrl = process.argv[2];
const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 20_000);
const SEED = 20_260_301;
const START = Date.UTC(2025, 0, 1);
const WRITE_PATIENTS = 50;

const handle = await openBenchDatabase(pgUrl, 'report-load');
const clinic = await benchClinic(handle, 'Report load bench clinic');
const loadStart = performance.now();
const loaded = await loadSyntheticCohort(handle, {
  clinicId: clinic.clinicId,
  patients: generatePatients({ seed: SEED, patients: PATIENTS, start: START }),
  total: PATIENTS,
  onProgress: (done, total) => {
    if (done % 5000 === 0 || done === total)
      process.stderr.write(`[report-load ${handle.engine}]   ${done}/${total ?? '?'} patients\n`);
  },
});
const loadSeconds = (performance.now() - loadStart) / 1000;
const patients = await patientsWithCourses(clinic.ctx, WRITE_PATIENTS, 'WRITE');
await serveAndAnnounce(handle, {
  token: clinic.token,
  patients,
  loaded,
  loadSeconds: Math.round(loadSeconds * 10) / 10,
});
