/**
 * A minimal FHIR R4 Questionnaire shape (only the elements Onset emits) and builders for answer options.
 * Ordinal values ride on the standard `ordinalValue` extension so any FHIR client can score the form.
 */
export const LOINC_SYSTEM = 'http://loinc.org';
export const ORDINAL_SYSTEM = 'https://onset.health/fhir/CodeSystem/ordinal';
export const ORDINAL_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
export const QUESTIONNAIRE_BASE_URL = 'https://onset.health/fhir/Questionnaire/';

export interface Coding {
  system: string;
  code: string;
  display: string;
}

/** A decimal-valued extension; Onset emits only `ordinalValue`, but a clinic's resource may carry others. */
export interface DecimalExtension {
  url: string;
  valueDecimal: number;
}

export interface QuestionnaireAnswerOption {
  valueCoding: Coding;
  extension: DecimalExtension[];
}

export interface QuestionnaireEnableWhen {
  question: string;
  operator: '=';
  answerCoding: Coding;
}

export interface QuestionnaireItem {
  linkId: string;
  text: string;
  // Always 'choice': ordinal values need answerOption, which FHIR R4 (que-5) forbids on boolean items.
  type: 'choice';
  required: boolean;
  answerOption: QuestionnaireAnswerOption[];
  enableWhen?: QuestionnaireEnableWhen[];
}

export interface Questionnaire {
  resourceType: 'Questionnaire';
  id: string;
  url: string;
  version: string;
  name: string;
  title: string;
  status: 'active';
  description: string;
  copyright: string;
  code?: Coding[];
  item: QuestionnaireItem[];
}

/** One answer option with its ordinal value. */
export function answerOption(system: string, code: string, display: string, value: number): QuestionnaireAnswerOption {
  return {
    valueCoding: { system, code, display },
    extension: [{ url: ORDINAL_VALUE_URL, valueDecimal: value }],
  };
}

/** Options 0..labels.length-1 in the project ordinal code system (code = the value), with the given displays. */
export function labelledOptions(labels: readonly string[]): QuestionnaireAnswerOption[] {
  return labels.map((display, value) => answerOption(ORDINAL_SYSTEM, String(value), display, value));
}

/** Options min..max in the project ordinal code system, displayed as the bare number (structure-only forms). */
export function numberOptions(min: number, max: number): QuestionnaireAnswerOption[] {
  const options: QuestionnaireAnswerOption[] = [];
  for (let value = min; value <= max; value += 1) {
    options.push(answerOption(ORDINAL_SYSTEM, String(value), String(value), value));
  }
  return options;
}

/** The PHQ/GAD frequency options, LOINC answer list LA6568-5…LA6571-9 = 0…3. */
export function frequencyOptions(): QuestionnaireAnswerOption[] {
  return [
    answerOption(LOINC_SYSTEM, 'LA6568-5', 'Not at all', 0),
    answerOption(LOINC_SYSTEM, 'LA6569-3', 'Several days', 1),
    answerOption(LOINC_SYSTEM, 'LA6570-1', 'More than half the days', 2),
    answerOption(LOINC_SYSTEM, 'LA6571-9', 'Nearly every day', 3),
  ];
}

/** LOINC yes/no answers (LA32-8 No = 0, LA33-6 Yes = 1), used by the C-SSRS screener. */
export function yesNoOptions(): QuestionnaireAnswerOption[] {
  return [answerOption(LOINC_SYSTEM, 'LA32-8', 'No', 0), answerOption(LOINC_SYSTEM, 'LA33-6', 'Yes', 1)];
}

/** The ordinal value an answer option carries, or undefined when it has none. */
export function ordinalValueOf(option: QuestionnaireAnswerOption): number | undefined {
  return option.extension.find((e) => e.url === ORDINAL_VALUE_URL)?.valueDecimal;
}
