/**
 * Local speed check of the cohort report (not a test): 20,000 synthetic patients, every one of their
 * ~30 assessments passed as a GAD-7 total, ~7.5 doses each. Run: npx tsx src/outcomes/cohort/speed-check.ts
 */
import { generateCohort } from '../../synthetic/generate.js';
import { computeCohortReport } from './compute.js';
import type { CohortPatientInput } from './types.js';

const patients: CohortPatientInput[] = generateCohort({ seed: 42, patients: 20_000, start: Date.UTC(2025, 0, 1) }).map((p) => ({
  patientId: p.label,
  conditions: p.conditions,
  doses: p.doses,
  // Every assessment becomes a total, so the check handles all 600,000 of them (a heavier load than
  // the GAD-7 ones alone).
  assessments: p.assessments.map((a) => ({ at: a.at, total: a.answers.reduce((s, v) => s + v, 0), complete: true })),
  defaultPriceUsd: p.course.defaultPriceUsd,
  adverseEvents: p.adverseEvents,
}));
const assessments = patients.reduce((n, p) => n + p.assessments.length, 0);
const doses = patients.reduce((n, p) => n + p.doses.length, 0);
const definition = { instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 };

for (let run = 1; run <= 3; run++) {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const report = computeCohortReport({ definition, patients });
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(
    `run ${run}: ${patients.length} patients, ${assessments} assessments, ${doses} doses: ` +
      `${(performance.now() - wallBefore).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU ` +
      `(n = ${report.n}, onset n = ${report.onset.n})\n`,
  );
}
