import { invalid } from '../shared/errors.js';
import { makeAssessments } from './assessments.js';
import { makeMedications, makeTherapySessions } from './care.js';
import { makeDose, drawTreatment } from './doses.js';
import { doseEffects } from './effect.js';
import { makeAdverseEvents } from './events.js';
import { drawProfile } from './profile.js';
import { Random, patientSeed } from './random.js';
import { doseSchedule, meanBoostersFor } from './schedule.js';
import type { CohortOptions, SyntheticPatient } from './types.js';
import { DAY_MS, HOUR_MS } from '../outcomes/time.js';

/** Shown wherever synthetic data appears (DESIGN.md: "Demo data is synthetic and labelled as such"). */
export const SYNTHETIC_LABEL = 'Synthetic demo data';

/** Defaults sized so that 20,000 patients give ~600,000 assessments and ~150,000 doses. */
export const DEFAULT_ASSESSMENTS_PER_PATIENT = 30;
export const DEFAULT_DOSES_PER_PATIENT = 7.5;

// Assessments a patient would have if none were missed, per dose on average, plus a fixed part
// (baseline, follow-up, monthly checks); fitted on 20,000 generated patients with keep = 1 at 5, 7.5, 10
// and 15 doses per patient.
const PLANNED_FIXED = 1.6;
const PLANNED_PER_DOSE = 5.74;

/** A deterministic synthetic cohort: the same options always give the same patients. */
export function generateCohort(options: CohortOptions): SyntheticPatient[] {
  return [...generatePatients(options)];
}

/**
 * The same cohort as `generateCohort`, one patient at a time, so that a large cohort can be loaded in
 * chunks without holding every patient in memory. The options are checked before the first patient.
 */
export function generatePatients(options: CohortOptions): Generator<SyntheticPatient, void, undefined> {
  const knobs = checkOptions(options);
  return (function* patients() {
    for (let i = 0; i < options.patients; i++) yield generatePatient(options.seed, i, options.start, knobs);
  })();
}

/** Derived from the options: boosters per continuing responder, share of planned assessments kept. */
export interface GeneratorKnobs {
  meanBoosters: number;
  keep: number;
}

function checkOptions(options: CohortOptions): GeneratorKnobs {
  if (!Number.isInteger(options.seed)) throw invalid('seed', `${options.seed} is not a whole number`);
  if (!(Number.isInteger(options.patients) && options.patients >= 0)) {
    throw invalid('patients', `${options.patients} is not a whole number ≥ 0`);
  }
  if (!Number.isFinite(options.start)) throw invalid('start', 'is not a valid time (epoch milliseconds)');
  const doses = options.dosesPerPatient ?? DEFAULT_DOSES_PER_PATIENT;
  const assessments = options.assessmentsPerPatient ?? DEFAULT_ASSESSMENTS_PER_PATIENT;
  if (!(doses >= 1 && doses <= 100)) throw invalid('dosesPerPatient', `${doses} is outside 1–100`);
  if (!(assessments >= 1 && assessments <= 500)) throw invalid('assessmentsPerPatient', `${assessments} is outside 1–500`);
  const planned = PLANNED_FIXED + PLANNED_PER_DOSE * doses;
  // The baseline GAD-7 is never missed; the other planned assessments are kept at this rate.
  return { meanBoosters: meanBoostersFor(doses), keep: Math.min(1, Math.max(0, (assessments - 1) / (planned - 1))) };
}

/** Patient `index` of the cohort with this seed; independent of every other patient. */
export function generatePatient(seed: number, index: number, start: number, knobs: GeneratorKnobs): SyntheticPatient {
  const random = new Random(patientSeed(seed, index));
  const profile = drawProfile(random);
  const plan = drawTreatment(random, profile);
  // First doses spread over the year after `start`, in clinic hours (09:00–16:00 UTC).
  const firstDoseAt = Math.floor(start / DAY_MS) * DAY_MS + random.int(0, 364) * DAY_MS + random.int(9, 16) * HOUR_MS;
  const doseTimes = doseSchedule(random, profile, firstDoseAt, knobs.meanBoosters);
  const doses = doseTimes.map((at, k) => makeDose(random, profile, plan, Math.round(at), k));
  const assessments = makeAssessments(random, profile, doseEffects(random, profile, doses.map((d) => d.at)), knobs.keep);
  const number = String(index + 1).padStart(5, '0');
  return {
    label: `SYN-${number}`,
    synthetic: true,
    birthYear: profile.birthYear,
    sex: profile.sex,
    weightKg: profile.weightKg,
    conditions: profile.conditions,
    history: profile.history,
    email: random.chance(0.7) ? `syn-${number}@example.org` : null,
    course: { startedAt: firstDoseAt, primaryInstrument: profile.primaryInstrument, modality: profile.modality, defaultPriceUsd: plan.defaultPriceUsd },
    doses,
    assessments,
    adverseEvents: makeAdverseEvents(random, profile, doses),
    therapySessions: makeTherapySessions(random, profile, doses.map((d) => d.at)),
    medications: makeMedications(random, firstDoseAt, assessments[assessments.length - 1]?.at ?? firstDoseAt),
  };
}
