import type { AssessmentOutcome, PatientOutcomeInput, PatientOutcomes } from '../types.js';
import { resolveOptions } from '../options.js';
import { assessmentOutcome } from './assessment-status.js';
import { buildCourse, completeAssessments, isUsable, sortedDoseTimes, type PatientCourse } from './course.js';
import { findOnset } from './onset.js';
import { findReliefEpisodes } from './relief-episodes.js';
import { reliefCoverage } from './coverage.js';
import { dosesPer30Days, maxDosesIn30Days } from './booster.js';
import { costPerReliefDay, costToDate } from './cost.js';
import { toleranceSignal } from './tolerance.js';

/** Every per-patient outcome of one instrument, exactly as docs/outcomes.md "Per patient" defines them. */
export function computePatientOutcomes(input: PatientOutcomeInput): PatientOutcomes {
  const options = resolveOptions(input.options);
  const doseTimes = sortedDoseTimes(input.doses);
  const { times, totals } = completeAssessments(input.assessments);
  const course = buildCourse(input.definition, doseTimes, times, totals, options.baselineWindowDays);
  const episodes = findReliefEpisodes(course);
  const { coverage, inResponseDays } = reliefCoverage(course, options.coverageCapDays);
  const cost = costToDate(input.doses, input.defaultPriceUsd);
  return {
    instrument: input.definition.instrument,
    firstDoseAt: doseTimes[0] ?? null,
    baseline: course.baseline === null ? null : { at: course.baseline.at, total: course.baseline.total },
    assessments: shownAssessments(input, course),
    onset: findOnset(course),
    reliefEpisodes: episodes,
    coverage,
    inResponseDays,
    dosesPer30Days: dosesPer30Days(doseTimes),
    maxDosesIn30Days: maxDosesIn30Days(doseTimes),
    costToDate: cost,
    costPerReliefDay: costPerReliefDay(cost, inResponseDays),
    tolerance: toleranceSignal(course, episodes),
  };
}

// Every assessment is shown in time order (incomplete ones too, docs/outcomes.md); outcome fields are filled
// only for complete assessments after t1.
function shownAssessments(input: PatientOutcomeInput, course: PatientCourse): AssessmentOutcome[] {
  const t1 = course.doseTimes[0];
  const sorted = [...input.assessments].sort((a, b) => a.at - b.at);
  return sorted.map((a) =>
    assessmentOutcome(a.at, a.total, isUsable(a) && t1 !== undefined && a.at > t1, course.baseline, input.definition),
  );
}
