/**
 * What the patient timeline draws, worked out from the records (pure, tested in Node): one panel per
 * questionnaire with its response and remission bands, the doses with route and mg/kg, adverse events
 * and alerts, all on one time axis.
 */
import { DAY_MS } from '../../../../../src/shared/time.js';
import type { AdverseEvent, Alert, Assessment, Dose, ForecastView, InstrumentOutcomes } from '../../types.js';

export interface TimelinePanel {
  instrument: string;
  name: string;
  min: number;
  max: number;
  points: { at: number; total: number; band: string | null; response: boolean | null; remission: boolean | null }[];
  baseline: number | null;
  /** Totals at or below this are a response: baseline × (1 − r) (docs/outcomes.md); null without a baseline. */
  responseMax: number | null;
  /** Totals at or below this are remission (the instrument's cut-off). */
  remissionMax: number | null;
}

export interface TimelineData {
  /** True when nothing is recorded yet: there is no time axis to draw (start and end are then 0). */
  empty: boolean;
  start: number;
  end: number;
  panels: TimelinePanel[];
  doses: { at: number; route: string; mg: number; mgPerKg: number | null; number: number }[];
  adverseEvents: { at: number; category: string; grade: number }[];
  alerts: { at: number; rule: string; severity: string; status: string; summary: string }[];
  /** The predicted end of relief after the latest dose, when the patient has a relief forecast. */
  reliefEnd: ReliefEnd | null;
}

/**
 * The predicted end of relief on the time axis (docs/outcomes.md "Forecast"): `from`–`to` is the
 * remaining 80% interval as dates (the card's "next session likely needed"), `median` the remaining
 * median end, all given that relief has held `elapsedDays` since dose `dose`.
 */
export interface ReliefEnd {
  dose: number;
  from: number;
  to: number;
  median: number;
  instrument: string;
  /** Episodes the clinic's model was fitted on; null when the forecast carries no model. */
  modelEpisodes: number | null;
}

/** Builds the timeline; `ranges` gives each instrument's possible totals (from the instrument list). */
export function timelineData(input: {
  doses: readonly Dose[];
  assessments: readonly Assessment[];
  adverseEvents: readonly AdverseEvent[];
  alerts: readonly Alert[];
  outcomes: readonly InstrumentOutcomes[];
  ranges: ReadonlyMap<string, { min: number; max: number; name: string }>;
  /** The patient's forecast (GET /api/v1/patients/:id/forecast); null or absent while it loads or fails. */
  forecast?: ForecastView | null;
}): TimelineData {
  const doses = [...input.doses].sort((a, b) => a.givenAt.localeCompare(b.givenAt));
  const scored = input.assessments.filter((a) => a.complete && a.total !== null);
  const instruments = [...new Set(scored.map((a) => a.instrument))];
  const panels = instruments.map((id) => panel(id, scored, input.outcomes, input.ranges));
  const times = [
    ...doses.map((d) => Date.parse(d.givenAt)),
    ...scored.map((a) => Date.parse(a.completedAt)),
    ...input.adverseEvents.map((e) => Date.parse(e.onsetAt)),
    ...input.alerts.map((a) => Date.parse(a.raisedAt)),
  ];
  const reliefEnd = reliefEndOf(input.forecast ?? null);
  // The axis reaches the end of the predicted window, so the interval is drawn whole.
  if (reliefEnd !== null) times.push(reliefEnd.to);
  const first = times.length === 0 ? 0 : Math.min(...times);
  const last = times.length === 0 ? DAY_MS : Math.max(...times);
  // A little room either side so the first and last marks are not cut by the frame.
  const pad = Math.max((last - first) * 0.02, DAY_MS / 2);
  return {
    empty: times.length === 0,
    start: times.length === 0 ? 0 : first - pad,
    end: times.length === 0 ? 0 : last + pad,
    panels,
    doses: doses.map((d, i) => ({
      at: Date.parse(d.givenAt),
      route: d.route,
      mg: d.mg,
      mgPerKg: d.mgPerKg,
      number: i + 1,
    })),
    adverseEvents: input.adverseEvents.map((e) => ({
      at: Date.parse(e.onsetAt),
      category: e.category,
      grade: e.grade,
    })),
    alerts: input.alerts.map((a) => ({
      at: Date.parse(a.raisedAt),
      rule: a.rule,
      severity: a.severity,
      status: a.status,
      summary: summaryOf(a),
    })),
    reliefEnd,
  };
}

/** Where the forecast puts the end of relief: dose time + elapsed + the remaining median and 80% interval. */
export function reliefEndOf(forecast: ForecastView | null): ReliefEnd | null {
  const r = forecast?.relief ?? null;
  if (forecast === null || r === null) return null;
  return {
    dose: r.dose,
    from: Date.parse(r.nextSessionFrom),
    to: Date.parse(r.nextSessionTo),
    median: Date.parse(r.doseAt) + (r.elapsedDays + r.remainingMedianDays) * DAY_MS,
    instrument: forecast.instrument,
    modelEpisodes: forecast.model?.episodes ?? null,
  };
}

function panel(
  id: string,
  scored: readonly Assessment[],
  outcomes: readonly InstrumentOutcomes[],
  ranges: ReadonlyMap<string, { min: number; max: number; name: string }>,
): TimelinePanel {
  const mine = scored.filter((a) => a.instrument === id).sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  const result = outcomes.find((o) => o.instrument === id);
  const byTime = new Map((result?.outcomes.assessments ?? []).map((a) => [Date.parse(a.at), a]));
  const totals = mine.map((a) => a.total ?? 0);
  const range = ranges.get(id) ?? { min: 0, max: Math.max(1, ...totals), name: result?.name ?? id.toUpperCase() };
  const baseline = result?.outcomes.baseline?.total ?? null;
  const fraction = result?.definition.responseFraction ?? null;
  return {
    instrument: id,
    name: result?.name ?? range.name,
    min: range.min,
    max: range.max,
    points: mine.map((a) => {
      const at = Date.parse(a.completedAt);
      const outcome = byTime.get(at);
      return {
        at,
        total: a.total ?? 0,
        band: a.band,
        response: outcome?.response ?? null,
        remission: outcome?.remission ?? null,
      };
    }),
    baseline,
    responseMax: baseline === null || fraction === null || baseline <= 0 ? null : baseline * (1 - fraction),
    remissionMax: result?.definition.remissionMax ?? null,
  };
}

/** The alert's one-line evidence summary, when the rule gave one. */
export function summaryOf(alert: Pick<Alert, 'evidence' | 'rule'>): string {
  const summary = alert.evidence.summary;
  return typeof summary === 'string' ? summary : alert.rule.replace(/-/g, ' ');
}
