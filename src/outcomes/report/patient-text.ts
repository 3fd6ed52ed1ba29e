import { OUTCOME_DEFINITIONS, type OutcomeMetricKey } from '../definitions.js';
import { toIso } from '../input/iso-time.js';
import { MIN_EPISODES_FOR_TOLERANCE } from '../patient/tolerance.js';
import type { AssessmentOutcome, OutcomeDefinition, PatientOutcomes } from '../types.js';

/**
 * A readable summary of one patient's outcomes: each number with what it means (the words of
 * OUTCOME_DEFINITIONS), and why a number is missing when it is.
 */
export function patientOutcomesText(o: PatientOutcomes, definition: OutcomeDefinition, instrumentName: string): string {
  const lines: string[] = [`${instrumentName} outcomes${thresholds(definition)}`, ''];
  const add = (key: OutcomeMetricKey, value: string): void => {
    lines.push(`${OUTCOME_DEFINITIONS[key].label}: ${value}`, `  ${OUTCOME_DEFINITIONS[key].definition}`);
  };
  add('baseline', o.baseline === null ? noBaseline(o) : `${o.baseline.total} on ${when(o.baseline.at)}`);
  lines.push(
    '',
    'Assessments: time, score, change from baseline (percent), R = response, M = remission, reliable change.',
  );
  for (const key of ['change', 'percentChange', 'response', 'remission', 'reliableChange'] as const) {
    lines.push(`  ${OUTCOME_DEFINITIONS[key].label}: ${OUTCOME_DEFINITIONS[key].definition}`);
  }
  lines.push(...o.assessments.map((a) => assessmentLine(a, o)), '');
  add(
    'onset',
    o.onset === null
      ? 'none'
      : `${o.onset.hours.toFixed(1)} hours (${o.onset.days.toFixed(2)} days) after the first dose, after ${plural(o.onset.doses, 'dose')}`,
  );
  add(
    'reliefEpisode',
    o.reliefEpisodes.length === 0 ? 'none' : `${plural(o.reliefEpisodes.length, 'episode')}, by dose below`,
  );
  for (const e of o.reliefEpisodes)
    lines.push(
      `  dose ${e.dose}: ${e.days.toFixed(1)} days, ${e.censored ? 'still in response (censored)' : 'relief lost'}`,
    );
  add('coverage', o.coverage === null ? 'unknown (no follow-up intervals with a baseline)' : percent(o.coverage));
  add('inResponseDays', o.inResponseDays === null ? 'unknown' : o.inResponseDays.toFixed(1));
  add(
    'dosesPer30Days',
    o.dosesPer30Days === null ? 'unknown (needs 2 doses at different times)' : o.dosesPer30Days.toFixed(1),
  );
  add('maxDosesIn30Days', String(o.maxDosesIn30Days));
  add(
    'costToDate',
    o.costToDate === null ? 'unknown (a dose has no price and the course has no default)' : usd(o.costToDate),
  );
  add('costPerReliefDay', o.costPerReliefDay === null ? 'unknown' : usd(o.costPerReliefDay));
  add('toleranceFlag', toleranceText(o));
  return `${lines.join('\n')}\n`;
}

function thresholds(d: OutcomeDefinition): string {
  const parts = [
    d.responseFraction === null ? null : `response ≥ ${Math.round(d.responseFraction * 100)}% drop`,
    d.remissionMax === null ? null : `remission ≤ ${d.remissionMax}`,
    d.reliableChange === null ? null : `reliable change ${d.reliableChange} points`,
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

function noBaseline(o: PatientOutcomes): string {
  return o.firstDoseAt === null
    ? 'none: no doses recorded'
    : 'none: no complete score in the window before the first dose';
}

function assessmentLine(a: AssessmentOutcome, o: PatientOutcomes): string {
  const total = a.total === null ? 'incomplete, not used' : String(a.total);
  if (a.change === null) return `  ${when(a.at)}  ${total.padStart(3)}${rowNote(a, o)}`;
  const pct = a.percentChange === null ? '' : ` (${signed(a.percentChange, 0)}%)`;
  const marks = [a.response === true ? 'R' : null, a.remission === true ? 'M' : null, reliableText(a)].filter(
    (m) => m !== null,
  );
  return `  ${when(a.at)}  ${total.padStart(3)}  ${signed(a.change, 0)}${pct}  ${marks.join(' ')}`.trimEnd();
}

function rowNote(a: AssessmentOutcome, o: PatientOutcomes): string {
  if (a.total === null) return '';
  if (o.baseline !== null && a.at === o.baseline.at && a.total === o.baseline.total) return '  baseline';
  if (o.firstDoseAt === null || a.at <= o.firstDoseAt) return '  before the first dose';
  return o.baseline === null ? '  (no baseline)' : '';
}

function reliableText(a: AssessmentOutcome): string | null {
  if (a.reliable === 'improved') return 'reliably improved';
  if (a.reliable === 'deteriorated') return 'reliably worse';
  return null;
}

function toleranceText(o: PatientOutcomes): string {
  const t = o.tolerance;
  if (t.flag === null || t.durationSlope === null || t.depthSlope === null) {
    return `not computed (needs ${MIN_EPISODES_FOR_TOLERANCE} relief episodes, has ${o.reliefEpisodes.length})`;
  }
  const ci = (lower: number | null, upper: number | null): string =>
    `95% CI ${signed(lower ?? 0, 2)} to ${signed(upper ?? 0, 2)}`;
  return [
    t.flag ? 'FLAGGED' : 'not flagged',
    `; relief length ${signed(t.durationSlope, 2)} days per episode (${ci(t.durationLower, t.durationUpper)})`,
    `; depth ${signed(t.depthSlope, 1)} points of % per episode (${ci(t.depthLower, t.depthUpper)})`,
  ].join('');
}

function when(at: number): string {
  return `${toIso(at).slice(0, 16).replace('T', ' ')} UTC`;
}

function signed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return value > 0 ? `+${text}` : text;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function usd(value: number): string {
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
