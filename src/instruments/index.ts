/** The instrument library: definitions as data, pure scoring, and clinic-supplied text and definitions. */
export type {
  Answers,
  InstrumentDefinition,
  InstrumentId,
  ItemDefinition,
  Licence,
  Prorating,
  Rater,
  ScoreResult,
  SeverityBand,
} from './types.js';
export { INSTRUMENT_IDS } from './types.js';
export type { Coding, Questionnaire, QuestionnaireAnswerOption, QuestionnaireItem } from './fhir.js';
export { getInstrument, isInstrumentId, listInstruments } from './registry.js';
export { bandFor, scoreAnswers } from './score.js';
export { cssrsRisk, type CssrsRisk } from './cssrs.js';
export { applyLicensedText, loadInstrumentText, type LicensedText } from './licensed-text.js';
export { validateInstrumentDefinition } from './validate-definition.js';
export { describeLinkIds } from './link-ids.js';
