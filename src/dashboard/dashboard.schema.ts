import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Offset } from '../shared/schema.js';

/**
 * The work queue's answer (GET /api/v1/dashboard), declared once: the route's response schema, the
 * service's type and the web app's type are this.
 */

/**
 * The latest score against the patient's baseline by reliable change (docs/outcomes.md "Reliable change";
 * dashboard.service.ts reliableTrend): 'better' and 'worse' are reliable improvement and deterioration,
 * 'same' is a change smaller than the instrument's threshold.
 */
export const Trend = Type.Union([Type.Literal('better'), Type.Literal('worse'), Type.Literal('same')]);
export type Trend = Static<typeof Trend>;

export const DashboardItem = Type.Object({
  patient: Type.Object({
    id: Type.String(),
    label: Type.String(),
    name: Nullable(Type.String()),
    synthetic: Type.Boolean(),
  }),
  /** Open alerts by severity; the warnings include the patient's overdue REMS forms (docs/rems.md). */
  openAlerts: Type.Object({ urgent: Type.Integer(), warning: Type.Integer(), info: Type.Integer() }),
  /** The patient's REMS Patient Monitoring Forms past their 7-day window. */
  remsFormsOverdue: Type.Integer(),
  /** What the patient's row is ranked by: the most recent open alert of their most severe open severity. */
  topAlert: Nullable(
    Type.Object({
      /** The safety rule's id (src/safety/rules), e.g. "suicidality". */
      rule: Type.String(),
      severity: Type.String(),
      raisedAt: Type.String(),
    }),
  ),
  /**
   * The latest complete score on the patient's primary instrument, its baseline (null without one) and its
   * reliable change from that baseline.
   */
  latest: Nullable(
    Type.Object({
      instrument: Type.String(),
      total: Type.Number(),
      band: Nullable(Type.String()),
      at: Type.String(),
      baseline: Nullable(Type.Number()),
      trend: Nullable(Trend),
    }),
  ),
  daysSinceLastDose: Nullable(Type.Integer()),
  nextDue: Nullable(Type.Object({ instrument: Type.String(), dueAt: Type.String() })),
  /**
   * Relief after the latest dose likely ending (docs/outcomes.md "Forecast", "In the work queue"): the
   * predicted (median) end is within `withinDays` of now, ahead or (while the last check-in still showed
   * relief) passed; null otherwise, or when the clinic's fit predates the patient's latest dose.
   */
  reliefEnding: Nullable(
    Type.Object({
      withinDays: Type.Integer(),
      dose: Type.Integer(),
      predictedEndAt: Type.String(),
      windowFrom: Type.String(),
      windowTo: Type.String(),
      basis: Type.Union([Type.Literal('patient'), Type.Literal('cohort')]),
    }),
  ),
});
export type DashboardItem = Static<typeof DashboardItem>;

/** Where the work queue's relief forecast stands: the cached fit's n, or why there is none. */
export const DashboardForecast = Type.Union([
  Type.Object({
    status: Type.Literal('fitted'),
    instrument: Type.String(),
    withinDays: Type.Integer(),
    fittedAt: Type.String(),
    episodes: Type.Integer(),
    patients: Type.Integer(),
  }),
  Type.Object({
    status: Type.Union([Type.Literal('pending'), Type.Literal('no-model')]),
    instrument: Type.String(),
    text: Type.String(),
  }),
]);
export type DashboardForecast = Static<typeof DashboardForecast>;

/** Which patients the work queue lists and which page of them (GET /api/v1/dashboard's query). */
export const DashboardQuery = Type.Object(
  {
    search: Type.Optional(Type.String({ maxLength: 100, description: 'part of the label or name, any case' })),
    alertsOnly: Type.Optional(Type.Boolean({ description: 'only patients with open alerts' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'patients per page' })),
    offset: Type.Optional(Offset),
  },
  { additionalProperties: false },
);
export type DashboardQuery = Static<typeof DashboardQuery>;

export const Dashboard = Type.Object({
  items: Type.Array(DashboardItem),
  forecast: DashboardForecast,
  /** The page: `total` patients match the query; `items` are those from `offset`, at most `limit`. */
  page: Type.Object({ offset: Type.Integer(), limit: Type.Integer(), total: Type.Integer() }),
  /** The whole clinic, whatever the query: its patients, those with open alerts, those with relief likely ending. */
  counts: Type.Object({
    patients: Type.Integer(),
    withAlerts: Type.Integer(),
    reliefEnding: Type.Integer(),
    synthetic: Type.Boolean(),
    remsFormsOverdue: Type.Integer({ description: 'REMS Patient Monitoring Forms past their 7-day window' }),
    needsAction: Type.Integer({
      description: 'patients with an open urgent alert, an open warning or an overdue REMS form (docs/safety.md)',
    }),
  }),
});
export type Dashboard = Static<typeof Dashboard>;

/** What every page's header shows of the clinic: counts only, no patient named. */
export const ClinicStatus = Type.Object({
  patients: Type.Integer(),
  /** Patients who need action today (docs/safety.md "Who needs action today"). */
  needsAction: Type.Integer(),
  /** Whether any of the clinic's patients is synthetic (demo data): pages with clinic figures say so. */
  synthetic: Type.Boolean(),
});
export type ClinicStatus = Static<typeof ClinicStatus>;
