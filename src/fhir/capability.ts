/** The CapabilityStatement: what this FHIR facade serves, read from the same tables the routes use. */
import type { CapabilityStatement, CapabilityStatementRestResource } from '@medplum/fhirtypes';
import { FHIR_MIME, FHIR_VERSION } from './constants.js';
import { WRITABLE_TYPES } from './map/index.js';
import { RISK_ASSESSMENT_PARAMS } from './risk-assessment.js';
import { SEARCH_PARAMS, SEARCH_TYPES, type ParamDef, type SearchType } from './search.js';

/** The types a client may create one at a time (others arrive in Bundles). */
export const CREATE_TYPES: readonly SearchType[] = ['Patient', 'QuestionnaireResponse'];

/** When this statement last changed. */
const STATEMENT_DATE = '2026-12-07';

const searchParams = (defs: readonly ParamDef[]): CapabilityStatementRestResource['searchParam'] =>
  defs.map((p) => ({ name: p.name, type: p.type, documentation: p.documentation }));

function resource(type: SearchType): CapabilityStatementRestResource {
  const interactions: ('read' | 'search-type' | 'create')[] = [
    'read',
    'search-type',
    ...(CREATE_TYPES.includes(type) ? (['create'] as const) : []),
  ];
  return {
    type,
    interaction: interactions.map((code) => ({ code })),
    searchParam: searchParams(SEARCH_PARAMS[type]),
    ...(type === 'Observation'
      ? {
          documentation:
            'Read-only. Scores (category survey), derived from QuestionnaireResponses; and vital signs (category vital-signs: blood pressure, heart rate, oxygen saturation), derived from the monitoring record of each MedicationAdministration (partOf) and its REMS session.',
        }
      : {}),
    ...(type === 'Questionnaire' ? { documentation: 'The instrument library; read-only.' } : {}),
  };
}

/** The patient's forecast: computed on each read and never stored, so it is searched by patient, not read by id. */
const RISK_ASSESSMENT: CapabilityStatementRestResource = {
  type: 'RiskAssessment',
  interaction: [{ code: 'search-type' }],
  searchParam: searchParams(RISK_ASSESSMENT_PARAMS),
  documentation:
    "The patient's forecast of relief after the latest dose and of a first response (docs/outcomes.md Forecast); computed on each read, status preliminary; subject or patient is required.",
};

/** The statement, with the server's own base URL. */
export function capabilityStatement(base: string): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: STATEMENT_DATE,
    publisher: 'Onset',
    kind: 'instance',
    software: { name: 'Onset' },
    implementation: { description: 'Onset FHIR R4 facade: ketamine treatment outcomes for anxiety', url: base },
    fhirVersion: FHIR_VERSION,
    format: [FHIR_MIME, 'json'],
    rest: [
      {
        mode: 'server',
        security: {
          description:
            'Authorization: Bearer <Onset API token>, or a signed-in session (cookie and X-CSRF-Token for writes). Admin and clinician roles only.',
        },
        resource: [...SEARCH_TYPES.map(resource), RISK_ASSESSMENT],
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
        documentation: `Transaction and batch Bundles create ${WRITABLE_TYPES.join(', ')} (POST entries). A transaction is all or nothing.`,
      },
    ],
  };
}
