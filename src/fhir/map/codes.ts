/** Codings for Onset's vocabularies, and the external codes they correspond to. */
import type { CodeableConcept, Coding } from '@medplum/fhirtypes';
import type { AdverseEvent } from '../../adverse-events/adverse-event.schema.js';
import type { Route } from '../../shared/vocabulary.js';
import { AE_OUTCOME, AE_SEVERITY, SNOMED, codeSystem } from '../constants.js';

/** A coding in an Onset code system (the code is the vocabulary code itself). */
export function onsetCoding(system: string, code: string, display?: string): Coding {
  return { system: codeSystem(system), code, ...(display === undefined ? {} : { display }) };
}

/** A CodeableConcept of the codings, with its text when given. */
export function concept(codings: Coding[], text?: string): CodeableConcept {
  return { coding: codings, ...(text === undefined ? {} : { text }) };
}

/** SNOMED CT route-of-administration codes, as in the FHIR R4 value set `route-codes`. */
export const ROUTE_SNOMED: Readonly<Record<Route, Coding>> = {
  iv: { system: SNOMED, code: '47625008', display: 'Intravenous route' },
  im: { system: SNOMED, code: '78421000', display: 'Intramuscular route' },
  intranasal: { system: SNOMED, code: '46713006', display: 'Nasal route' },
  sublingual: { system: SNOMED, code: '37839007', display: 'Sublingual route' },
  oral: { system: SNOMED, code: '26643006', display: 'Oral route' },
};

/** The Onset route for a SNOMED route code, when it is one Onset records. */
export function routeOfSnomed(code: string): Route | undefined {
  return (Object.keys(ROUTE_SNOMED) as Route[]).find((route) => ROUTE_SNOMED[route].code === code);
}

export const DRUG_DISPLAY = { 'racemic-ketamine': 'Ketamine (racemic)', esketamine: 'Esketamine' } as const;

/**
 * FHIR AdverseEvent.severity from the CTCAE grade — CTCAE v5.0: grade 1 mild, 2 moderate, 3 severe or
 * medically significant; 4 (life-threatening) and 5 (death) have no milder FHIR code than "severe".
 */
export function severityOfGrade(grade: number): Coding {
  const code = grade <= 1 ? 'mild' : grade === 2 ? 'moderate' : 'severe';
  return { system: AE_SEVERITY, code };
}

/** The CTCAE grade a FHIR severity implies when no grade is given (mild 1, moderate 2, severe 3 — CTCAE v5.0). */
export function gradeOfSeverity(code: string): number | undefined {
  return ({ mild: 1, moderate: 2, severe: 3 } as Record<string, number | undefined>)[code];
}

type Outcome = AdverseEvent['outcome'];

const OUTCOME_CODES: Readonly<Record<Outcome, string>> = {
  ongoing: 'ongoing',
  resolved: 'resolved',
  'resolved-with-sequelae': 'resolvedWithSequelae',
  fatal: 'fatal',
  unknown: 'unknown',
};

/** The FHIR adverse-event-outcome coding of an Onset outcome. */
export function outcomeCoding(outcome: Outcome): Coding {
  return { system: AE_OUTCOME, code: OUTCOME_CODES[outcome] };
}

/** The FHIR adverse-event-outcome codes Onset records (R4's "recovering" has no Onset counterpart). */
export const FHIR_OUTCOMES = Object.values(OUTCOME_CODES);

/** The Onset outcome of a FHIR adverse-event-outcome code, when Onset records it. */
export function outcomeOfCode(code: string): Outcome | undefined {
  return (Object.keys(OUTCOME_CODES) as Outcome[]).find((o) => OUTCOME_CODES[o] === code);
}
