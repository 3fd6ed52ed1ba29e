import { invalid } from '../shared/errors.js';
import { makeAssessments } from './assessments.js';
import { makeMedications, makeTherapySessions } from './care.js';
import { makeDose, drawTreatment } from './doses.js';
import { makeCheckIns } from './check-ins.js';
import { doseEffects, doseShapes } from './effect.js';
import { makeAdverseEvents } from './events.js';
import { drawProfile } from './profile.js';
import { Random, patientSeed } from './random.js';
import { doseSchedule, meanBoostersFor } from './schedule.js';
import type { CohortOptions, ReliefTruth, SyntheticPatient } from './types.js';
import { DAY_MS, HOUR_MS } from '../shared/time.js';

/** Shown wherever synthetic data appears (demo data is synthetic and labelled as such). */
export const SYNTHETIC_LABEL = 'Synthetic demo data';

/** Defaults sized so that 20,000 patients give ~600,000 assessments and ~150,000 doses. */
export const DEFAULT_ASSESSMENTS_PER_PATIENT = 30;
export const DEFAULT_DOSES_PER_PATIENT = 7.5;

// Assessments other than the 24-hour check-ins a patient would have if none were missed, per dose on
// average, plus a fixed part (baseline, follow-up, monthly checks); fitted on 20,000 generated patients
// with keep = 1 at 5, 7.5, 10 and 15 doses per patient.
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
  /** CohortOptions.reliefTruth, checked. */
  reliefTruth?: ReliefTruth;
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
  if (!(assessments >= 1 && assessments <= 500))
    throw invalid('assessmentsPerPatient', `${assessments} is outside 1–500`);
  const planned = PLANNED_FIXED + PLANNED_PER_DOSE * doses;
  // The baseline GAD-7 is never missed; the other planned assessments are kept at this rate. The 24-hour
  // check-ins come on top of `assessmentsPerPatient` (their baseline is never missed, the others are kept
  // at the same rate), so that the other instruments are measured as before the check-ins existed.
  const keep = Math.min(1, Math.max(0, (assessments - 1) / (planned - 1)));
  const knobs: GeneratorKnobs = { meanBoosters: meanBoostersFor(doses), keep };
  if (options.reliefTruth !== undefined) knobs.reliefTruth = checkReliefTruth(options.reliefTruth);
  return knobs;
}

function checkReliefTruth(truth: ReliefTruth): ReliefTruth {
  const field = (name: string): string => `reliefTruth.${name}`;
  // Options may come from JSON (the CLI, a benchmark file), so the union is checked at run time too.
  if (!(['lognormal', 'weibull'] as readonly string[]).includes(truth.distribution)) {
    throw invalid(field('distribution'), `"${truth.distribution}" is not lognormal or weibull`);
  }
  if (!(Number.isFinite(truth.medianDays) && truth.medianDays > 0 && truth.medianDays <= 365)) {
    throw invalid(field('medianDays'), `${truth.medianDays} is not a number of days above 0 and at most 365`);
  }
  if (!(Number.isFinite(truth.spread) && truth.spread >= 0 && truth.spread <= 5))
    throw invalid(field('spread'), `${truth.spread} is outside 0–5`);
  if (!(Number.isFinite(truth.frailtySd) && truth.frailtySd >= 0 && truth.frailtySd <= 5))
    throw invalid(field('frailtySd'), `${truth.frailtySd} is outside 0–5`);
  if (!(Number.isFinite(truth.tolerancePerDose) && Math.abs(truth.tolerancePerDose) <= 2)) {
    throw invalid(field('tolerancePerDose'), `${truth.tolerancePerDose} is outside −2 to 2`);
  }
  return { ...truth };
}

// The dose shapes and the check-ins draw from their own streams, so they do not shift the draws of the
// other records (a different seed gives an unrelated mulberry32 stream).
const SHAPE_STREAM = 0x2545f491;
const CHECK_IN_STREAM = 0x68e31da4;

/** Patient `index` of the cohort with this seed; independent of every other patient. */
export function generatePatient(seed: number, index: number, start: number, knobs: GeneratorKnobs): SyntheticPatient {
  const patient = patientSeed(seed, index);
  const random = new Random(patient);
  const profile = drawProfile(random);
  const shapeOf = doseShapes(new Random(patient ^ SHAPE_STREAM), profile, knobs.reliefTruth);
  const plan = drawTreatment(random, profile);
  // First doses spread over the year after `start`, in clinic hours (09:00–16:00 UTC).
  const firstDoseAt = Math.floor(start / DAY_MS) * DAY_MS + random.int(0, 364) * DAY_MS + random.int(9, 16) * HOUR_MS;
  const doseTimes = doseSchedule(random, profile, firstDoseAt, knobs.meanBoosters, (k) => shapeOf(k).reliefDays);
  const doses = doseTimes.map((at, k) => ({
    ...makeDose(random, profile, plan, Math.round(at), k),
    trueReliefDays: shapeOf(k).reliefDays,
  }));
  const effects = doseEffects(
    shapeOf,
    doses.map((d) => d.at),
  );
  const checkIns = makeCheckIns(new Random(patient ^ CHECK_IN_STREAM), profile, effects, knobs.keep);
  const assessments = mergeByTime(makeAssessments(random, profile, effects, knobs.keep), checkIns);
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
    course: {
      startedAt: firstDoseAt,
      primaryInstrument: profile.primaryInstrument,
      modality: profile.modality,
      defaultPriceUsd: plan.defaultPriceUsd,
    },
    doses,
    assessments,
    adverseEvents: makeAdverseEvents(random, profile, doses),
    therapySessions: makeTherapySessions(
      random,
      profile,
      doses.map((d) => d.at),
    ),
    medications: makeMedications(random, firstDoseAt, assessments[assessments.length - 1]?.at ?? firstDoseAt),
  };
}

/** Two time-ordered lists as one, in time order (ties: the first list's first). */
function mergeByTime<T extends { at: number }>(a: readonly T[], b: readonly T[]): T[] {
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.at <= y.at)) {
      merged.push(x as T);
      i++;
    } else {
      merged.push(y);
      j++;
    }
  }
  return merged;
}
