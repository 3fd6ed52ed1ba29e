/**
 * A patient's forecast (docs/outcomes.md "Forecast" and "Keep going?") as one FHIR R4 RiskAssessment:
 * "relief still holding" 7 and 14 days after the latest dose, the end of relief as the 80% interval of
 * the remaining days, and "first response by dose k" for a patient who has not responded yet. Each
 * prediction's rationale carries its definition and n.
 *
 * Status is `preliminary`, not `final`: the forecast is recomputed from the stored records on every read
 * and never stored, so the next check-in or the clinic's next model fit replaces it; it is decision
 * support that no clinician has verified (R4 ObservationStatus: "preliminary … data may be incomplete or
 * unverified").
 */
import type { Annotation, Range, Reference, RiskAssessment, RiskAssessmentPrediction } from '@medplum/fhirtypes';
import type { Assessment } from '../../assessments/assessment.schema.js';
import type { Dose } from '../../doses/dose.schema.js';
import type { KeepGoingRow, PatientForecastView } from '../../forecast/types.js';
import { getInstrument, isInstrumentId } from '../../instruments/registry.js';
import { isUsable } from '../../outcomes/patient/course.js';
import { UCUM } from '../constants.js';
import { metaOf, nonEmpty } from './common.js';
import type { Linker } from './reference.js';

/** What the forecast was computed from, beside the forecast itself. */
export interface ForecastEvidence {
  /** The patient's assessments (any instrument); those on the forecast's instrument that are scored are its basis. */
  assessments: readonly Assessment[];
  /** The patient's doses; the latest is the dose the relief forecast follows. */
  doses: readonly Dose[];
  synthetic: boolean;
  /** When the forecast was computed (ISO). */
  computedAt: string;
}

const DISTRIBUTION_NAME: Readonly<Record<string, string>> = { lognormal: 'log-normal', weibull: 'Weibull' };

/** The RiskAssessment id: one current forecast per patient, so it is named after the patient. */
export function riskAssessmentId(patientId: string): string {
  return `forecast-${patientId}`;
}

/** The patient's forecast as a RiskAssessment. */
export function forecastToRiskAssessment(
  view: PatientForecastView,
  evidence: ForecastEvidence,
  link: Linker,
): RiskAssessment {
  const distribution =
    DISTRIBUTION_NAME[view.model?.distribution ?? 'lognormal'] ?? view.model?.distribution ?? 'log-normal';
  const instrument = isInstrumentId(view.instrument) ? getInstrument(view.instrument).shortName : view.instrument;
  const notes: Annotation[] = [
    ...(view.noRelief === null ? [] : [{ text: view.noRelief.text }]),
    ...(view.keepGoing?.status === 'too-few' ? [{ text: view.keepGoing.text }] : []),
    ...(view.relief === null ? [] : [{ text: view.relief.basisText }]),
  ];
  return {
    resourceType: 'RiskAssessment',
    id: riskAssessmentId(view.patientId),
    meta: metaOf(evidence.computedAt, evidence.synthetic),
    status: 'preliminary',
    method: {
      text: `Onset relief-duration model: ${distribution} AFT with per-patient frailty, docs/outcomes.md Forecast`,
    },
    code: { text: `Relief after the latest ketamine dose, judged on the ${instrument}` },
    subject: { reference: link('Patient', view.patientId) },
    occurrenceDateTime: evidence.computedAt,
    basis: nonEmpty(basisOf(view, evidence, link)),
    prediction: nonEmpty([...reliefPredictions(view), ...keepGoingPredictions(view)]),
    note: nonEmpty(notes),
  };
}

/** The scores on the forecast's instrument the relief episodes were computed from, and the latest dose. */
function basisOf(view: PatientForecastView, evidence: ForecastEvidence, link: Linker): Reference[] {
  const scores = evidence.assessments
    .filter(
      (a) =>
        a.instrument === view.instrument &&
        isUsable({ at: Date.parse(a.completedAt), total: a.total, complete: a.complete }),
    )
    .map((a) => ({ reference: link('Observation', a.id) }));
  const latest = [...evidence.doses].sort((a, b) => Date.parse(a.givenAt) - Date.parse(b.givenAt)).at(-1);
  return [...scores, ...(latest === undefined ? [] : [{ reference: link('MedicationAdministration', latest.id) }])];
}

/** A Range of days (UCUM `d`). */
function days(low: number, high: number): Range {
  return {
    low: { value: low, unit: 'days', system: UCUM, code: 'd' },
    high: { value: high, unit: 'days', system: UCUM, code: 'd' },
  };
}

const fixed = (value: number): string => value.toFixed(1);

/** docs/outcomes.md "Forecast": P(still in relief at day 7 / 14 | held so far) and the remaining days. */
function reliefPredictions(view: PatientForecastView): RiskAssessmentPrediction[] {
  const r = view.relief;
  const m = view.model;
  if (r === null || m === null) return [];
  const fit = `model fitted on ${m.episodes} relief episodes (${m.events} seen to end) of ${m.patients} patients`;
  const after = `dose ${r.dose} given ${r.doseAt}`;
  const still = (day: number, p: number): RiskAssessmentPrediction => ({
    outcome: { text: 'Relief still holding' },
    probabilityDecimal: p,
    whenRange: days(day, day),
    rationale: `Probability that relief still holds ${day} days after ${after}, given it has held ${fixed(r.elapsedDays)} days so far; ${fit}.`,
  });
  return [
    still(7, r.pStill7),
    still(14, r.pStill14),
    {
      outcome: { text: 'End of relief' },
      whenRange: days(r.remainingLowerDays, r.remainingUpperDays),
      rationale:
        `80% prediction interval (10th–90th percentile) of the days relief has left, counted from day ${fixed(r.elapsedDays)} after ${after} ` +
        `(the last check-in that showed relief); median ${fixed(r.remainingMedianDays)} days; ${fit}.`,
    },
  ];
}

/** docs/outcomes.md "Keep going?": P(first response by dose k | no response so far), product-limit. */
function keepGoingPredictions(view: PatientForecastView): RiskAssessmentPrediction[] {
  const kg = view.keepGoing;
  if (kg?.status !== 'estimated') return [];
  return kg.rows.map((row) => ({
    outcome: { text: `First response by dose ${row.byDose}` },
    probabilityDecimal: row.p,
    rationale:
      `Product-limit estimate among the clinic's patients with no response after ${kg.afterDoses} doses (n = ${kg.n}); ` +
      `${row.n} at risk at dose ${row.byDose}; ${ciText(row)}.`,
  }));
}

function ciText(row: KeepGoingRow): string {
  if (row.lower === null || row.upper === null) return 'no 95% confidence interval (the estimate is 0 or 1)';
  return `95% confidence interval ${row.lower.toFixed(3)}–${row.upper.toFixed(3)} (Greenwood, log-log)`;
}
