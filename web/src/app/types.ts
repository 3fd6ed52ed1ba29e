/**
 * The API's response shapes as the clinician app reads them. Record and report types come from the
 * server's own definitions (written once); shapes the server builds ad hoc are declared here.
 */
import type { OutcomeDefinitionText, OutcomeMetricKey } from '../../../src/outcomes/definitions.js';
import type { PatientOutcomesJson } from '../../../src/outcomes/report/patient-json.js';
import type { PatientForecastView } from '../../../src/forecast/types.js';

/** GET /api/v1/patients/:id/forecast (docs/outcomes.md "Forecast", "Keep going?"). */
export type ForecastView = PatientForecastView;

export type { Patient } from '../../../src/patients/patient.schema.js';
export type { Course } from '../../../src/courses/course.schema.js';
export type { Dose, DoseInput } from '../../../src/doses/dose.schema.js';
export type { Assessment } from '../../../src/assessments/assessment.schema.js';
export type { AdverseEvent } from '../../../src/adverse-events/adverse-event.schema.js';
export type { TherapySession } from '../../../src/therapy-sessions/therapy-session.schema.js';
export type { Medication } from '../../../src/medications/medication.schema.js';
export type { RemsSession } from '../../../src/rems/rems-session.schema.js';
export type { BillingLine } from '../../../src/billing/billing-lines.js';
export type { RemsBoard, RemsBoardItem, RemsForm } from '../../../src/rems/rems-view.schema.js';
export type { Alert } from '../../../src/alerts/alert.schema.js';
export type {
  CohortReport,
  CurveGroup,
  DoseRow,
  HistogramBin,
  SurvivalFigure,
} from '../../../src/outcomes/cohort/types.js';
export type { KmResult, KmRow } from '../../../src/stats/kaplan-meier.js';
export type { EvidenceView } from '../../../src/evidence/index.js';
export type { Study, TimeCoursePoint, MechanismStep, MechanismReference } from '../../../src/evidence/types.js';
export type { OutcomeDefinitionText, OutcomeMetricKey, PatientOutcomesJson };

export type Definitions = Record<OutcomeMetricKey, OutcomeDefinitionText>;

export interface SessionUser {
  id: string;
  clinicId: string;
  email: string;
  displayName: string;
  role: 'admin' | 'clinician' | 'researcher';
}

export interface SessionView {
  user: SessionUser;
  csrfToken: string | null;
  /** A session unused this long ends; the app warns before it does. */
  idleMinutes: number;
}

export interface Clinic {
  id: string;
  name: string;
  timeZone: string;
  settings: Record<string, unknown>;
}

export type {
  ClinicStatus,
  Dashboard,
  DashboardForecast,
  DashboardItem,
  Trend,
} from '../../../src/dashboard/dashboard.schema.js';

/** GET/PUT /api/v1/forecast/settings. */
export interface ForecastSettings {
  reliefEndingWithinDays: number;
  showOnProgressPage: boolean;
}

export interface Instrument {
  id: string;
  name: string;
  shortName: string;
  totalMin: number;
  totalMax: number;
  rater?: 'patient' | 'clinician';
  validated?: boolean;
  /** False for a licensed instrument whose item text is not loaded: it cannot be sent to a patient. */
  itemText?: boolean;
  responseFraction?: number | null;
  remissionMax?: number | null;
  source?: string;
}

/** One patient's outcomes, per instrument (GET /api/v1/patients/:id/outcomes). */
export type {
  InstrumentResult as InstrumentOutcomes,
  PatientOutcomesView,
} from '../../../src/outcomes/report/patient-outcomes-view.js';

/** One patient link as GET /api/v1/patients/:id/links lists it (never its token). */
export interface PatientLink {
  id: string;
  purpose: string;
  instrument: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
  state: 'valid' | 'expired' | 'used' | 'revoked';
}

export interface PatientLinkView {
  token: string;
  link: PatientLink;
}

export type CohortView = import('../../../src/cohort/suppress.js').PublishedCohortReport & { definitions: Definitions };

export interface Page<T> {
  items: T[];
}
