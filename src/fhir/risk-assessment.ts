/**
 * FHIR RiskAssessment search: the patient's current forecast (docs/outcomes.md "Forecast"), computed on
 * each read from the stored records and the clinic's cached model fit, never stored. A search names one
 * patient (`subject` or `patient`) and returns a searchset with that one RiskAssessment; the forecast
 * read is audited as a read of the patient, as the API's forecast route is.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { patientForecastWithRecords } from '../patients/patient-forecast.service.js';
import type { ServiceContext } from '../records/context.js';
import { OnsetError, invalid, isOnsetError } from '../shared/errors.js';
import { forecastToRiskAssessment } from './map/risk-assessment.js';
import { restLink } from './map/reference.js';
import { linkUrl } from './query.js';
import { parseSearchWith, patientParam, type ParamDef } from './search.js';

export const RISK_ASSESSMENT_PARAMS: readonly ParamDef[] = [
  patientParam('subject.reference', 'subject'),
  patientParam('subject.reference'),
];

/** The one patient a RiskAssessment search names; every patient parameter must name the same one. */
function subjectOf(criteria: ReturnType<typeof parseSearchWith>['criteria']): { key: string; id: string } {
  const ids = new Set(criteria.flatMap((c) => c.values.flatMap((v) => (v.kind === 'reference' ? [v.id] : []))));
  const [id] = [...ids];
  if (ids.size !== 1 || id === undefined)
    throw invalid(
      'subject',
      'must name one patient, as subject=Patient/{id} or patient={id}; the forecast is computed per patient',
    );
  return { key: criteria[0]?.param.name ?? 'subject', id };
}

/** The patient's current forecast as a one-entry searchset Bundle. */
export async function searchRiskAssessments(
  ctx: ServiceContext,
  query: Readonly<Record<string, unknown>>,
  base: string,
): Promise<Bundle> {
  const parsed = parseSearchWith('RiskAssessment', RISK_ASSESSMENT_PARAMS, query);
  const subject = subjectOf(parsed.criteria);
  const all = [await riskAssessmentOf(ctx, subject)];
  const page = all.slice(parsed.offset, parsed.offset + parsed.count);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: all.length,
    link: [{ relation: 'self', url: linkUrl({ type: 'RiskAssessment', query, base }, parsed.offset) }],
    entry: page.map((resource: Resource) => ({
      fullUrl: `${base}/RiskAssessment/${resource.id ?? ''}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}

/** The forecast (audited as a patient read) with the records it rests on; an unknown patient names the parameter. */
async function riskAssessmentOf(ctx: ServiceContext, subject: { key: string; id: string }): Promise<Resource> {
  try {
    const { view, patient, doses, assessments } = await patientForecastWithRecords(ctx, subject.id);
    return forecastToRiskAssessment(
      view,
      { assessments, doses, synthetic: patient.synthetic, computedAt: ctx.now().toISOString() },
      restLink,
    );
  } catch (error) {
    if (isOnsetError(error) && error.code === 'NOT_FOUND')
      throw new OnsetError('NOT_FOUND', error.message, [{ field: subject.key, reason: error.message }]);
    throw error;
  }
}
