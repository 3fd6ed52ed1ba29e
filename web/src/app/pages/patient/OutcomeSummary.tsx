import type { JSX } from 'react';
import { Metric } from '../../components/Metric.js';
import { date, duration, num, percent, usd } from '../../format.js';
import type { Definitions, Dose, InstrumentOutcomes, PatientOutcomesView } from '../../types.js';
import { plural } from '../../../../../src/shared/plural.js';

/**
 * Per questionnaire: onset, relief episodes, coverage, booster rate, cost per relief-day, tolerance — each with n and
 * definition.
 */
export function OutcomeSummary({ view, doses }: { view: PatientOutcomesView; doses: readonly Dose[] }): JSX.Element {
  if (view.instruments.length === 0) {
    return (
      <p className="empty">
        No outcomes yet — they appear once there is a questionnaire before and after the first dose.
      </p>
    );
  }
  // Instruments by their own short names (HAM-A, GAD-7), never their ids.
  const names = new Map(view.instruments.map((result) => [result.instrument, result.name]));
  const nameOf = (id: string): string => names.get(id) ?? id;
  return (
    <>
      {view.instruments.map((result) => (
        <InstrumentCard key={result.instrument} result={result} definitions={view.definitions} doses={doses} />
      ))}
      {view.disagreements.length === 0 ? null : (
        <div className="callout">
          <h3>The questionnaires disagree</h3>
          <ul>
            {view.disagreements.map((d) => (
              <li key={`${d.responder}-${d.nonResponder}`}>
                Response on {nameOf(d.responder)} but not on {nameOf(d.nonResponder)} ({date(d.from)} – {date(d.to)}).
              </li>
            ))}
          </ul>
          <p className="hint">{view.definitions.disagreement.definition}</p>
        </div>
      )}
    </>
  );
}

function InstrumentCard({
  result,
  definitions,
  doses,
}: {
  result: InstrumentOutcomes;
  definitions: Definitions;
  doses: readonly Dose[];
}): JSX.Element {
  const o = result.outcomes;
  const sorted = [...doses].sort((a, b) => a.givenAt.localeCompare(b.givenAt));
  const first = sorted[0]?.givenAt ?? null;
  const last = sorted[sorted.length - 1]?.givenAt ?? null;
  const after = first === null ? [] : o.assessments.filter((a) => a.at > first && a.total !== null);
  const lastAssessment = after[after.length - 1]?.at ?? null;
  const followUp = first === null || lastAssessment === null ? undefined : `${date(first)} – ${date(lastAssessment)}`;
  const episodes = o.reliefEpisodes;
  const lost = episodes.filter((e) => !e.censored).length;
  const priced = o.costToDate === null ? 0 : sorted.length;
  const t = o.tolerance;
  return (
    <section className="outcome-card" aria-labelledby={`outcomes-${result.instrument}`}>
      <h3 id={`outcomes-${result.instrument}`}>{result.name}</h3>
      <p className="hint">
        Thresholds: response = a drop of at least {percent(result.definition.responseFraction)} from baseline; remission
        ≤ {result.definition.remissionMax ?? '—'}; reliable change {result.definition.reliableChange ?? '—'} points.{' '}
        <span className="source">Source: {result.definition.source}</span>
      </p>
      {o.baseline === null ? (
        <p className="callout">
          <strong>No baseline.</strong> There is no {result.name} in the 14 days before the first dose, so change,
          response, onset and relief cannot be worked out (remission, a total at or below its cut-off, needs none).
          Record one before the next course.
        </p>
      ) : null}
      <dl className="metrics">
        <Metric
          label="Baseline"
          value={o.baseline === null ? 'none' : num(o.baseline.total, 0)}
          range={o.baseline === null ? undefined : date(o.baseline.at)}
          definition={definitions.baseline}
        />
        <Metric
          label="Onset"
          value={o.onset === null ? 'no response yet' : duration(o.onset.days)}
          note={o.onset === null ? undefined : `after ${o.onset.doses} ${o.onset.doses === 1 ? 'dose' : 'doses'}`}
          n={`n = ${after.length} questionnaires after the first dose`}
          range={followUp}
          definition={definitions.onset}
        />
        <Metric
          label="Relief episodes"
          value={episodes.length === 0 ? 'none' : String(episodes.length)}
          note={
            episodes.length === 0
              ? undefined
              : episodes
                  .map((e) => `dose ${e.dose}: ${duration(e.days)}${e.censored ? ' (still in relief)' : ''}`)
                  .join('; ')
          }
          n={`${lost} ended, ${episodes.length - lost} censored`}
          definition={definitions.reliefEpisode}
        />
        <Metric
          label="Relief coverage"
          value={percent(o.coverage)}
          note={o.inResponseDays === null ? undefined : `${duration(o.inResponseDays)} in response`}
          n={`n = ${Math.max(0, after.length - 1)} intervals`}
          range={followUp}
          definition={definitions.coverage}
        />
        <Metric
          label="Booster rate"
          value={o.dosesPer30Days === null ? 'needs 2 doses' : `${num(o.dosesPer30Days)} per 30 days`}
          note={`most in any 30 days: ${o.maxDosesIn30Days}`}
          n={`n = ${plural(sorted.length, 'dose')}`}
          range={first === null || last === null ? undefined : `${date(first)} – ${date(last)}`}
          definition={definitions.dosesPer30Days}
        />
        <Metric
          label="Cost to date"
          value={usd(o.costToDate)}
          n={`n = ${plural(priced, 'dose')} priced`}
          definition={definitions.costToDate}
        />
        <Metric label="Cost per relief-day" value={usd(o.costPerReliefDay)} definition={definitions.costPerReliefDay} />
        <Metric
          label="Tolerance signal"
          value={t.flag === null ? 'not enough episodes' : t.flag ? 'yes — relief shrinking' : 'no'}
          note={
            t.durationSlope === null
              ? 'needs at least 4 relief episodes'
              : `length ${slope(t.durationSlope, t.durationLower, t.durationUpper, 'days')} per dose; depth ${slope(t.depthSlope, t.depthLower, t.depthUpper, 'points of % reduction')} per dose`
          }
          n={`n = ${episodes.length} episodes`}
          definition={definitions.toleranceFlag}
        />
      </dl>
    </section>
  );
}

function slope(value: number | null, lower: number | null, upper: number | null, unit: string): string {
  if (value === null) return '—';
  return `${num(value, 2)} ${unit} (95% CI ${num(lower, 2)} to ${num(upper, 2)})`;
}
