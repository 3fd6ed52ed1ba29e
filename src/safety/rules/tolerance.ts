import type { Course } from '../../courses/course.schema.js';
import type { Dose } from '../../doses/dose.schema.js';
import { getInstrument, isInstrumentId } from '../../instruments/registry.js';
import { computePatientOutcomes } from '../../outcomes/patient/compute.js';
import { MIN_EPISODES_FOR_TOLERANCE } from '../../outcomes/patient/tolerance.js';
import type { OutcomeDefinition, PatientOutcomes, ToleranceSignal } from '../../outcomes/types.js';
import { makeFinding } from '../finding.js';
import { onDay, dosesInOrder, inTimeOrder, instrumentName, isoAt, ms } from '../records.js';
import type { SafetySettings } from '../settings.js';
import { TOLERANCE_DEFINITION } from '../sources.js';
import type { Finding, SafetyAssessment, SafetyHistory, SafetyRule } from '../types.js';

/** The tolerance signal as it stood after dose k (k doses given, questionnaires up to dose k + 1). */
interface Checkpoint {
  dose: Dose;
  doseCount: number;
  at: number;
  outcomes: PatientOutcomes;
}

/**
 * Tolerance — the outcome engine's tolerance flag (docs/outcomes.md: the 95% CI of the relief-length or
 * relief-depth slope across ≥ 4 relief episodes lies wholly below 0) on each course's primary
 * instrument, over that course's doses and the questionnaires of that course (or of no course). To make
 * it "once per episode", the flag is recomputed as it stood after each dose; an episode is a stretch of
 * doses after which it stayed raised, keyed `dose:<id of the first such dose>`.
 */
export const tolerance: SafetyRule = {
  id: 'tolerance',
  severity: 'warning',
  title: 'Tolerance: relief shrinking from dose to dose',
  rationale:
    'Relief that gets shorter or shallower with each dose suggests tolerance; escalating the dose or frequency to chase it raises bladder and dependence risk.',
  source: TOLERANCE_DEFINITION,
  evaluate: (history, settings) =>
    inTimeOrder(history.courses, (c) => c.startedAt).flatMap((course) => courseFindings(history, settings, course)),
};

function courseFindings(history: SafetyHistory, settings: SafetySettings, course: Course): Finding[] {
  if (!isInstrumentId(course.primaryInstrument)) return [];
  const instrument = getInstrument(course.primaryInstrument);
  const definition: OutcomeDefinition = {
    instrument: instrument.id,
    responseFraction: instrument.responseFraction,
    remissionMax: instrument.remissionMax,
    reliableChange: instrument.reliableChange,
  };
  const doses = dosesInOrder(history.doses.filter((d) => d.courseId === course.id));
  const assessments = history.assessments.filter(
    (a) => a.instrument === instrument.id && (a.courseId === course.id || a.courseId === null),
  );
  const findings: Finding[] = [];
  const first = Math.max(1, MIN_EPISODES_FOR_TOLERANCE);
  // Checkpoint k reads the doses up to k and the questionnaires before dose k + 1: a history that changed
  // only from `changedFrom` on leaves every checkpoint that ends by then as it was, so the stretch is
  // picked up at the last such checkpoint's flag and only the later ones are computed.
  const from = firstChanged(doses, first, history.changedFrom);
  const before = from > first ? checkpointAfter(definition, doses, assessments, from - 1, settings) : null;
  let inEpisode = before?.outcomes.tolerance.flag === true;
  for (let k = from; k <= doses.length; k++) {
    const checkpoint = checkpointAfter(definition, doses, assessments, k, settings);
    const flagged = checkpoint?.outcomes.tolerance.flag === true;
    if (flagged && !inEpisode) findings.push(toleranceFinding(checkpoint, course, history.timeZone));
    inEpisode = flagged;
  }
  return findings;
}

/** The first checkpoint (dose number, from `first`) whose questionnaire window reaches past `changedFrom`. */
function firstChanged(doses: readonly Dose[], first: number, changedFrom: string | undefined): number {
  if (changedFrom === undefined) return first;
  const changed = ms(changedFrom);
  let k = first;
  // Checkpoint k's window ends at dose k + 1 (the last checkpoint's never ends). One that ends exactly at
  // `changedFrom` is computed again: a dose appended at the instant of a stored questionnaire moves that
  // questionnaire out of it.
  while (k < doses.length && ms((doses[k] as Dose).givenAt) < changed) k++;
  return k;
}

function checkpointAfter(
  definition: OutcomeDefinition,
  doses: readonly Dose[],
  assessments: readonly SafetyAssessment[],
  k: number,
  settings: SafetySettings,
): Checkpoint | null {
  const dose = doses[k - 1];
  if (dose === undefined) return null;
  const next = doses[k];
  const until = next === undefined ? Infinity : ms(next.givenAt);
  const known = assessments.filter((a) => ms(a.completedAt) < until);
  const outcomes = computePatientOutcomes({
    definition,
    doses: doses.slice(0, k).map((d) => ({ at: ms(d.givenAt), priceUsd: null })),
    assessments: known.map((a) => ({ at: ms(a.completedAt), total: a.total, complete: a.complete })),
    defaultPriceUsd: null,
    options: { baselineWindowDays: settings.baselineWindowDays },
  });
  const lastAssessment = Math.max(-Infinity, ...known.filter((a) => a.complete).map((a) => ms(a.completedAt)));
  return { dose, doseCount: k, at: Math.max(ms(dose.givenAt), lastAssessment), outcomes };
}

function toleranceFinding(checkpoint: Checkpoint, course: Course, timeZone: string): Finding {
  const { outcomes, dose } = checkpoint;
  const signal: ToleranceSignal = outcomes.tolerance;
  const name = instrumentName(outcomes.instrument);
  const shrinking = [
    signal.durationUpper !== null && signal.durationUpper < 0
      ? `relief length (slope ${fixed(signal.durationSlope)} days per dose, 95% CI ${fixed(signal.durationLower)} to ${fixed(signal.durationUpper)})`
      : null,
    signal.depthUpper !== null && signal.depthUpper < 0
      ? `relief depth (slope ${fixed(signal.depthSlope)} points of % reduction per dose, 95% CI ${fixed(signal.depthLower)} to ${fixed(signal.depthUpper)})`
      : null,
  ].filter((part): part is string => part !== null);
  return makeFinding(tolerance, {
    episodeKey: `dose:${dose.id}`,
    raisedAt: isoAt(checkpoint.at),
    summary: `On ${name}, after dose ${checkpoint.doseCount} (${onDay(dose.givenAt, timeZone)}), ${shrinking.join(' and ')} is shrinking across ${outcomes.reliefEpisodes.length} relief episodes.`,
    values: {
      courseId: course.id,
      instrument: outcomes.instrument,
      doseId: dose.id,
      doseNumber: checkpoint.doseCount,
      episodes: outcomes.reliefEpisodes.map((e) => ({ dose: e.dose, days: e.days, censored: e.censored })),
      tolerance: { ...signal },
    },
    definition: `On the course's primary instrument (${name}): the 95% confidence interval of the least-squares slope of relief-episode length, or of relief depth, across at least ${MIN_EPISODES_FOR_TOLERANCE} episodes lies wholly below 0.`,
  });
}

function fixed(value: number | null): string {
  return value === null ? '?' : value.toFixed(2);
}
