/**
 * What the cohort report and the forecast are computed from: each patient of the clinic with a
 * matching dose, read from the database (cohort.repository.ts) into the pure inputs of
 * outcomes/cohort and forecast/. Runs on a read worker (cohort-report.job.ts,
 * patients/forecast-fit.job.ts) as well as on the request thread.
 */
import { getInstrument, isInstrumentId } from '../instruments/registry.js';
import { INSTRUMENT_IDS } from '../instruments/types.js';
import { checkFilter } from '../outcomes/cohort/filter.js';
import type { CohortDoseInput, CohortPatientInput } from '../outcomes/cohort/types.js';
import type { AssessmentInput, OutcomeDefinition } from '../outcomes/types.js';
import type { ServiceContext } from '../records/context.js';
import { fromCents, parseJson } from '../db/columns.js';
import { invalid } from '../shared/errors.js';
import { cohortPages, type CohortPage, type CohortQuery } from './cohort.repository.js';

/** Whose records to load: patients with a dose in [from, to) (epoch ms) by the route and setting, if set. */
export interface CohortInputsQuery {
  instrument: string;
  from?: number;
  to?: number;
  route?: string;
  setting?: string;
}

/** An instrument's outcome thresholds from the instrument library (each carries its source there). */
export function outcomeDefinition(instrument: string): OutcomeDefinition {
  if (!isInstrumentId(instrument)) {
    throw invalid(
      'instrument',
      `"${instrument}" is not an instrument Onset knows; known: ${INSTRUMENT_IDS.join(', ')}`,
    );
  }
  const def = getInstrument(instrument);
  return {
    instrument: def.id,
    responseFraction: def.responseFraction,
    remissionMax: def.remissionMax,
    reliableChange: def.reliableChange,
  };
}

/**
 * Every patient of the clinic with a matching dose, with all their doses (each priced from the dose
 * or its own course), their assessments on one instrument and their adverse events. Times become
 * epoch ms here, once; rows are read a page of patients at a time and each becomes its input once.
 */
export async function loadCohortInputs(ctx: ServiceContext, query: CohortInputsQuery): Promise<CohortPatientInput[]> {
  const { instrument } = outcomeDefinition(query.instrument);
  checkFilter({ from: query.from, to: query.to });
  const repositoryQuery: CohortQuery = {
    instrument,
    fromIso: query.from === undefined ? undefined : new Date(query.from).toISOString(),
    toIso: query.to === undefined ? undefined : new Date(query.to).toISOString(),
    route: query.route,
    setting: query.setting,
  };
  const inputs: CohortPatientInput[] = [];
  for await (const page of cohortPages(ctx.db, ctx.clinicId, repositoryQuery)) inputs.push(...pageInputs(page));
  return inputs;
}

interface PatientBuild {
  patientId: string;
  conditions: string[];
  doses: CohortDoseInput[];
  assessments: AssessmentInput[];
  defaultPriceUsd: null;
  adverseEvents: { category: string; at: number }[];
}

function pageInputs(page: CohortPage): PatientBuild[] {
  const byId = new Map<string, PatientBuild>();
  const built = page.patients.map((row): PatientBuild => {
    // Doses arrive priced (their own or their course's default), so no patient-wide default is left.
    const patient = {
      patientId: row.id,
      conditions: parseJson<string[]>(row.conditions),
      doses: [],
      assessments: [],
      defaultPriceUsd: null,
      adverseEvents: [],
    };
    byId.set(row.id, patient);
    return patient;
  });
  for (const d of page.doses) {
    byId.get(d.patient_id)?.doses.push({
      at: Date.parse(d.given_at),
      priceUsd: fromCents(d.price_cents),
      route: d.route,
      setting: d.setting,
    });
  }
  for (const a of page.assessments) {
    byId
      .get(a.patient_id)
      ?.assessments.push({ at: Date.parse(a.completed_at), total: a.total, complete: a.complete === 1 });
  }
  for (const e of page.events)
    byId.get(e.patient_id)?.adverseEvents.push({ category: e.category, at: Date.parse(e.onset_at) });
  return built;
}
