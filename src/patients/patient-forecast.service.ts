/**
 * One patient's forecast (docs/outcomes.md "Forecast"): the relief forecast after their latest dose and,
 * for a patient who has not responded, "keep going?". Read from the patient's stored records and the
 * clinic's cached model fit; audited as a read of the patient.
 */
import { auditPatientRead, inAuditedRead } from '../audit/audit.service.js';
import { courseService } from '../courses/course.service.js';
import { doseService } from '../doses/dose.service.js';
import { assessmentService } from '../assessments/assessment.service.js';
import type { Assessment } from '../assessments/assessment.schema.js';
import type { Dose } from '../doses/dose.schema.js';
import type { Patient } from './patient.schema.js';
import { forecastFor, type PatientForecastView } from '../forecast/index.js';
import { isInstrumentId } from '../instruments/registry.js';
import type { CohortPatientInput } from '../outcomes/cohort/types.js';
import type { ServiceContext } from '../records/context.js';
import { invalid, notFound } from '../shared/errors.js';
import { cachedClinicForecast } from './forecast-cache.js';
import { patientService } from './patient.service.js';

export type { PatientForecastView };

/** The short-recall check-in relief is forecast on when the patient has answered it (docs/outcomes.md). */
export const RELIEF_INSTRUMENT = 'anxiety-vas';

const iso = (ms: number): string => new Date(ms).toISOString();

/** One patient's stored records as the forecast reads them (the cohort report's input), on one instrument. */
export function forecastInputOf(
  patient: Pick<Patient, 'id' | 'conditions'>,
  doses: readonly Dose[],
  assessments: readonly Assessment[],
  instrument: string,
  coursePrices: ReadonlyMap<string, number | null> = new Map(),
): CohortPatientInput {
  return {
    patientId: patient.id,
    conditions: patient.conditions,
    doses: doses.map((d) => ({
      at: Date.parse(d.givenAt),
      priceUsd: d.priceUsd ?? coursePrices.get(d.courseId) ?? null,
      route: d.route,
      setting: d.setting,
    })),
    assessments: assessments
      .filter((a) => a.instrument === instrument)
      .map((a) => ({ at: Date.parse(a.completedAt), total: a.total, complete: a.complete })),
    defaultPriceUsd: null,
    adverseEvents: [],
  };
}

/** The patient's forecast; `instrument` defaults to the check-in if answered, else the course's primary instrument. */
export async function patientForecast(
  ctx: ServiceContext,
  patientId: string,
  instrument?: string,
): Promise<PatientForecastView> {
  return (await patientForecastWithRecords(ctx, patientId, instrument)).view;
}

/** The patient's forecast with the stored records it was computed from (read once, in one transaction). */
export async function patientForecastWithRecords(
  ctx: ServiceContext,
  patientId: string,
  instrument?: string,
): Promise<{ view: PatientForecastView; patient: Patient; doses: Dose[]; assessments: Assessment[] }> {
  if (instrument !== undefined && !isInstrumentId(instrument))
    throw invalid('instrument', `"${instrument}" is not an instrument Onset knows`);
  const { input, chosen, records } = await inAuditedRead(ctx, async (tx) => {
    const [patient] = await patientService.loadForPatient(tx, patientId);
    if (patient === undefined) throw notFound('patient', patientId);
    const courses = await courseService.loadForPatient(tx, patientId);
    const doses = await doseService.loadForPatient(tx, patientId);
    const assessments = await assessmentService.loadForPatient(tx, patientId);
    const answered = new Set(assessments.map((a) => a.instrument));
    const latestCourse = [...courses].sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0];
    const picked =
      instrument ?? (answered.has(RELIEF_INSTRUMENT) ? RELIEF_INSTRUMENT : (latestCourse?.primaryInstrument ?? 'gad7'));
    const prices = new Map(courses.map((c) => [c.id, c.defaultPriceUsd]));
    const built = forecastInputOf(patient, doses, assessments, picked, prices);
    await auditPatientRead(tx, {
      action: 'read',
      entity: 'patient-forecast',
      entityId: patientId,
      patientIds: [patientId],
      detail: { instrument: picked },
    });
    return { input: built, chosen: picked, records: { patient, doses, assessments } };
  });
  return { view: forecastView(ctx, patientId, chosen, input), ...records };
}

/** The view of the forecast from the clinic's cached fit (pending while there is none). */
function forecastView(
  ctx: ServiceContext,
  patientId: string,
  chosen: string,
  input: CohortPatientInput,
): PatientForecastView {
  const clinic = isInstrumentId(chosen) ? cachedClinicForecast(ctx, chosen) : null;
  if (clinic === null) {
    return {
      patientId,
      instrument: chosen,
      relief: null,
      noRelief: {
        code: 'model-pending',
        text: "The clinic's forecast model is being fitted from its records; it is shown in a moment.",
      },
      keepGoing: null,
      model: null,
    };
  }
  const forecast = forecastFor(clinic, input);
  const relief = forecast.relief;
  const noRelief = forecast.noRelief;
  const model = clinic.relief;
  return {
    patientId,
    instrument: chosen,
    relief:
      relief === null
        ? null
        : {
            ...relief,
            doseAt: iso(relief.doseAt),
            nextSessionFrom: iso(relief.nextSessionFrom),
            nextSessionTo: iso(relief.nextSessionTo),
          },
    noRelief:
      noRelief === null
        ? null
        : {
            code: noRelief.code,
            text: noRelief.text,
            ...(noRelief.code === 'relief-ended' ? { endedAt: iso(noRelief.endedAt) } : {}),
          },
    keepGoing: forecast.keepGoing,
    model:
      model === null
        ? null
        : { distribution: model.distribution, ...model.n, frailtySd: model.frailtySd, fittedAt: iso(clinic.fittedAt) },
  };
}
