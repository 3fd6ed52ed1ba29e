import { getInstrument, isInstrumentId } from '../../instruments/registry.js';
import { findBaseline } from '../../outcomes/patient/baseline.js';
import { reliableChange } from '../../outcomes/patient/assessment-status.js';
import { positiveRuns, type Run } from '../episodes.js';
import { makeFinding } from '../finding.js';
import { onDay, dosesInOrder, instrumentName, ms, scoredOf, type ScoredAssessment } from '../records.js';
import type { SafetySettings } from '../settings.js';
import { NHS_TALKING_THERAPIES } from '../sources.js';
import type { Finding, SafetyHistory, SafetyRule } from '../types.js';

/**
 * Reliable deterioration — a complete questionnaire after the first dose whose total has risen from
 * baseline by at least the instrument's reliable-change threshold (docs/outcomes.md "reliable": total −
 * baseline ≥ R; GAD-7 4, PHQ-9 6 — NHS Talking Therapies; PCL-5 15 — Marx 2022). Rare, but anxiety can
 * worsen after ketamine. Every instrument with a threshold is checked, not only the course's
 * primary one. One episode = consecutive deteriorated questionnaires of one instrument, keyed by the first.
 */
export const reliableDeterioration: SafetyRule = {
  id: 'reliable-deterioration',
  severity: 'warning',
  title: 'Reliable deterioration',
  rationale:
    'A score that rose from baseline by at least the reliable-change threshold is worse beyond measurement error; worsening anxiety after ketamine is rare but has led to hospitalisation.',
  source: NHS_TALKING_THERAPIES,
  evaluate: (history, settings) => {
    const t1 = dosesInOrder(history.doses)[0];
    if (t1 === undefined) return [];
    const instruments = [...new Set(history.assessments.map((a) => a.instrument))].sort();
    return instruments.flatMap((id) => deteriorations(history, settings, id, ms(t1.givenAt)));
  },
};

function deteriorations(history: SafetyHistory, settings: SafetySettings, instrument: string, t1: number): Finding[] {
  if (!isInstrumentId(instrument)) return [];
  const threshold = getInstrument(instrument).reliableChange;
  if (threshold === null) return [];
  const scored = scoredOf(history.assessments, instrument);
  const hit = findBaseline(
    scored.map((a) => ms(a.completedAt)),
    scored.map((a) => a.total),
    t1,
    settings.baselineWindowDays,
  );
  const baseline = hit === null ? undefined : scored[hit.index];
  if (baseline === undefined) return [];
  const after = scored.filter((a) => ms(a.completedAt) > t1);
  const runs = positiveRuns(after, (a) =>
    reliableChange(a.total, baseline.total, threshold) === 'deteriorated' ? 'positive' : 'negative',
  );
  // A run that began before the history changed was raised by the evaluation that saw it begin.
  const changed = history.changedFrom === undefined ? -Infinity : ms(history.changedFrom);
  return runs
    .filter((run) => ms(run[0].completedAt) >= changed)
    .map((run) => deteriorationFinding(run, baseline, threshold, settings, history.timeZone));
}

function deteriorationFinding(
  run: Run<ScoredAssessment>,
  baseline: ScoredAssessment,
  threshold: number,
  settings: SafetySettings,
  timeZone: string,
): Finding {
  const first = run[0];
  const name = instrumentName(first.instrument);
  const later = run.length > 1 ? ` It stayed deteriorated on ${run.length - 1} later questionnaire(s).` : '';
  return makeFinding(reliableDeterioration, {
    episodeKey: `assessment:${first.id}`,
    raisedAt: first.completedAt,
    summary: `${name} rose from ${baseline.total} (baseline, ${onDay(baseline.completedAt, timeZone)}) to ${first.total} on ${onDay(first.completedAt, timeZone)}: +${first.total - baseline.total} points, at least the reliable-change threshold of ${threshold}.${later}`,
    values: {
      instrument: first.instrument,
      baselineTotal: baseline.total,
      baselineAt: baseline.completedAt,
      baselineAssessmentId: baseline.id,
      total: first.total,
      change: first.total - baseline.total,
      reliableChange: threshold,
      assessments: run.map((a) => ({
        id: a.id,
        completedAt: a.completedAt,
        total: a.total,
        change: a.total - baseline.total,
      })),
    },
    definition: `A complete ${name} after the first dose whose total minus baseline is at least ${threshold} points. Baseline: the last complete ${name} at or before the first dose and no earlier than ${settings.baselineWindowDays} days before it.`,
  });
}
