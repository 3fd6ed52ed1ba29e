/**
 * Builds an InstrumentDefinition and its FHIR Questionnaire from one list of items, so the scoring
 * ranges and the answer options can never disagree: each item's min/max come from its options.
 */
import {
  LOINC_SYSTEM,
  QUESTIONNAIRE_BASE_URL,
  ordinalValueOf,
  type Questionnaire,
  type QuestionnaireAnswerOption,
  type QuestionnaireEnableWhen,
  type QuestionnaireItem,
} from './fhir.js';
import { OnsetError } from '../shared/errors.js';
import type { InstrumentDefinition, ItemDefinition } from './types.js';

/** Version of Onset's rendering of the instruments (not of the instruments themselves). */
export const DEFINITION_VERSION = '1.0.0';

export interface ItemSpec {
  linkId: string;
  text: string;
  options: QuestionnaireAnswerOption[];
  enableWhen?: QuestionnaireEnableWhen[];
}

export interface InstrumentSpec
  extends Omit<InstrumentDefinition, 'items' | 'questionnaire' | 'totalMin' | 'totalMax'> {
  /** FHIR `Questionnaire.name`: machine-friendly, starts with a capital. */
  fhirName: string;
  description: string;
  copyright: string;
  /** LOINC display of the panel code, when `loinc` is set. */
  loincDisplay?: string;
  items: readonly ItemSpec[];
  /** Only where the total is not the plain sum of the items (C-SSRS counts yes answers). */
  totalRange?: { min: number; max: number };
}

/** Turns an instrument spec into the scoring definition plus its Questionnaire resource. */
export function defineInstrument(spec: InstrumentSpec): InstrumentDefinition {
  const { fhirName, description, copyright, loincDisplay, items: itemSpecs, totalRange, ...rest } = spec;
  const items = itemSpecs.map(toItemDefinition);
  const totalMin = totalRange?.min ?? items.reduce((sum, item) => sum + item.min, 0);
  const totalMax = totalRange?.max ?? items.reduce((sum, item) => sum + item.max, 0);
  const questionnaire: Questionnaire = {
    resourceType: 'Questionnaire',
    id: spec.id,
    url: `${QUESTIONNAIRE_BASE_URL}${spec.id}`,
    version: DEFINITION_VERSION,
    name: fhirName,
    title: spec.name,
    status: 'active',
    description,
    copyright,
    ...(spec.loinc
      ? { code: [{ system: LOINC_SYSTEM, code: spec.loinc.panel, display: loincDisplay ?? spec.name }] }
      : {}),
    item: itemSpecs.map(toQuestionnaireItem),
  };
  return deepFreeze({ ...rest, items, totalMin, totalMax, questionnaire });
}

/** Built-in definitions are shared by every caller, so they are frozen: a change must be a copy. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function toItemDefinition(spec: ItemSpec): ItemDefinition {
  const values = spec.options.map((option) => {
    const value = ordinalValueOf(option);
    // A built-in definition without ordinal values is a programming error, caught when the module loads.
    if (value === undefined)
      throw new OnsetError('INTERNAL', `item ${spec.linkId}: an answer option has no ordinal value`);
    return value;
  });
  return { linkId: spec.linkId, text: spec.text, min: Math.min(...values), max: Math.max(...values) };
}

function toQuestionnaireItem(spec: ItemSpec): QuestionnaireItem {
  return {
    linkId: spec.linkId,
    text: spec.text,
    type: 'choice',
    required: true,
    answerOption: spec.options,
    ...(spec.enableWhen ? { enableWhen: spec.enableWhen } : {}),
  };
}

/** Shown as the copyright of instruments whose item text Onset does not ship. */
export const STRUCTURE_ONLY_NOTICE =
  'Scoring structure only. The item text is copyrighted: enter item scores from a licensed form, ' +
  'or load the licensed item text for your clinic.';

/** Neutral item labels "Item 1".."Item n" with bare-number answer options, for structure-only instruments. */
export function neutralItems(count: number, options: () => QuestionnaireAnswerOption[]): ItemSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    linkId: String(index + 1),
    text: `Item ${index + 1}`,
    options: options(),
  }));
}
