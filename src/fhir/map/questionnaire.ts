/** The instrument library as FHIR Questionnaires, and finding an instrument by canonical URL or LOINC code. */
import type { Questionnaire } from '@medplum/fhirtypes';
import { QUESTIONNAIRE_BASE_URL } from '../../instruments/fhir.js';
import { listInstruments } from '../../instruments/registry.js';
import type { InstrumentDefinition } from '../../instruments/types.js';
import { LOINC } from '../constants.js';

/** The instrument's Questionnaire (id = instrument id, canonical url under onset.health). */
export function questionnaireOf(def: InstrumentDefinition): Questionnaire {
  // The definition's questionnaire is deep-frozen shared data; the JSON copy is the caller's own.
  return JSON.parse(JSON.stringify(def.questionnaire)) as Questionnaire;
}

/** The canonical URL a QuestionnaireResponse or course names an instrument by. */
export function canonicalOf(def: InstrumentDefinition): string {
  return def.questionnaire.url;
}

/**
 * The instrument a questionnaire reference names: the canonical URL (with or without `|version`),
 * `Questionnaire/{id}`, the bare id, or the LOINC panel code (bare, `http://loinc.org|code` or the
 * LOINC questionnaire URL `http://loinc.org/q/code`). Undefined when none matches.
 */
export function instrumentByReference(reference: string): InstrumentDefinition | undefined {
  const plain = reference.split('|')[0] ?? '';
  const loinc = loincCode(reference);
  return listInstruments().find((def) => {
    if (loinc !== undefined) return def.loinc?.panel === loinc;
    return (
      plain === def.questionnaire.url ||
      plain === `Questionnaire/${def.id}` ||
      plain === def.id ||
      plain === `${QUESTIONNAIRE_BASE_URL}${def.id}`
    );
  });
}

function loincCode(reference: string): string | undefined {
  const patterns = [
    /^(\d{1,7}-\d)$/,
    new RegExp(`^${LOINC}\\|(\\d{1,7}-\\d)$`),
    new RegExp(`^${LOINC}/q/(\\d{1,7}-\\d)(\\|.*)?$`),
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(reference);
    if (match !== null) return match[1];
  }
  return undefined;
}

/** Words for an error: what a questionnaire reference may be. */
export function knownQuestionnaires(): string {
  const ids = listInstruments().map((def) => def.id);
  const loinc = listInstruments().flatMap((def) =>
    def.loinc === null ? [] : [`${def.loinc.panel} (${def.shortName})`],
  );
  return `a canonical URL ${QUESTIONNAIRE_BASE_URL}{id} with id one of ${ids.join(', ')}, or a LOINC panel code: ${loinc.join(', ')}`;
}
