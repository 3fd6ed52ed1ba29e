/**
 * Each stored score as a FHIR Observation (id = the assessment's id): the total with its LOINC code where
 * one exists (GAD-7 70274-6, PHQ-9 44261-6, PCL-5 101698-9), subscales as components, the band as the
 * interpretation, derived from the QuestionnaireResponse. Read-only: scores come from answers.
 */
import type { Coding, Observation, ObservationComponent } from '@medplum/fhirtypes';
import type { Assessment } from '../../assessments/assessment.schema.js';
import { getInstrument } from '../../instruments/registry.js';
import type { InstrumentDefinition } from '../../instruments/types.js';
import { DATA_ABSENT_REASON, LOINC, OBSERVATION_CATEGORY, codeSystem } from '../constants.js';
import { concept, onsetCoding } from './codes.js';
import { metaOf, nonEmpty } from './common.js';
import type { Linker } from './reference.js';

export const SCORE_SYSTEM = codeSystem('score');

/** The codings of an instrument's total: LOINC where the instrument has a total code, and Onset's own. */
export function totalCodings(def: InstrumentDefinition): Coding[] {
  const own = onsetCoding('score', `${def.id}-total`, `${def.shortName} total score`);
  return def.loinc?.total == null ? [own] : [{ system: LOINC, code: def.loinc.total }, own];
}

/** The Observation of an assessment's score. */
export function assessmentToObservation(a: Assessment, link: Linker): Observation {
  const def = getInstrument(a.instrument);
  const components: ObservationComponent[] = Object.entries(a.subscales).map(([key, value]) => ({
    code: concept([onsetCoding('score', `${def.id}-${key}`, `${def.shortName} ${key} subscale`)]),
    ...(value === null ? { dataAbsentReason: incomplete() } : { valueInteger: value }),
  }));
  const notes = [
    ...(a.prorated && def.prorating !== null ? [{ text: `Prorated total: ${def.prorating.note}` }] : []),
    ...(a.flags.length > 0 ? [{ text: `Flags: ${a.flags.join(', ')}` }] : []),
  ];
  return {
    resourceType: 'Observation',
    id: a.id,
    meta: metaOf(a.createdAt),
    status: 'final',
    category: [concept([{ system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' }])],
    code: concept(totalCodings(def), `${def.shortName} total score`),
    subject: { reference: link('Patient', a.patientId) },
    effectiveDateTime: a.completedAt,
    ...(a.total === null ? { dataAbsentReason: incomplete() } : { valueInteger: a.total }),
    ...(a.band === null ? {} : { interpretation: [concept([onsetCoding('severity-band', a.band, a.band)], a.band)] }),
    note: nonEmpty(notes),
    derivedFrom: [{ reference: link('QuestionnaireResponse', a.id) }],
    component: nonEmpty(components),
  };
}

/** Why a total is absent: an item is missing and the instrument's manual does not allow prorating. */
function incomplete(): Observation['dataAbsentReason'] {
  return {
    coding: [{ system: DATA_ABSENT_REASON, code: 'unknown', display: 'Unknown' }],
    text: 'questionnaire incomplete; not scored',
  };
}
