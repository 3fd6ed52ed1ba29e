import { STRUCTURE_ONLY_NOTICE, defineInstrument, type ItemSpec } from '../define.js';
import { LOINC_SYSTEM, yesNoOptions, type QuestionnaireEnableWhen } from '../fhir.js';
import type { InstrumentDefinition } from '../types.js';

/** Skip logic as FHIR enableWhen: the item is asked only when `question` was answered yes. */
const askedIfYes = (question: string): QuestionnaireEnableWhen[] => [
  { question, operator: '=', answerCoding: { system: LOINC_SYSTEM, code: 'LA33-6', display: 'Yes' } },
];

// Yes/no items are FHIR `choice` items with LOINC Yes/No codes, not `boolean`: R4 (constraint que-5)
// forbids answerOption on boolean items, and the ordinal values 1 = yes, 0 = no need answer options.
const items: ItemSpec[] = [
  { linkId: '1', text: 'Item 1', options: yesNoOptions() },
  { linkId: '2', text: 'Item 2', options: yesNoOptions() },
  { linkId: '3', text: 'Item 3', options: yesNoOptions(), enableWhen: askedIfYes('2') },
  { linkId: '4', text: 'Item 4', options: yesNoOptions(), enableWhen: askedIfYes('2') },
  { linkId: '5', text: 'Item 5', options: yesNoOptions(), enableWhen: askedIfYes('2') },
  { linkId: '6', text: 'Item 6', options: yesNoOptions() },
  { linkId: '6b', text: 'Item 6b — within the past 3 months', options: yesNoOptions(), enableWhen: askedIfYes('6') },
];

/**
 * C-SSRS screener: up to 7 yes/no questions with skip logic; risk level, not a sum, is the result.
 * The total is defined by Onset as the number of yes answers to questions 1–6 (6b only times question 6).
 */
export const cssrs: InstrumentDefinition = defineInstrument({
  id: 'cssrs',
  name: 'Columbia-Suicide Severity Rating Scale, screener',
  shortName: 'C-SSRS screener',
  fhirName: 'CSSRSScreener',
  description:
    'Suicide risk screener: questions 1, 2 and 6 always; 3–5 only if 2 is yes; 6b (past 3 months) only if 6 is yes. 1 = yes, 0 = no.',
  copyright: STRUCTURE_ONLY_NOTICE,
  rater: 'clinician',
  licence: 'structure-only',
  validated: true,
  items,
  totalRange: { min: 0, max: 6 },
  subscales: {},
  bands: [], // the band is the risk level (none / low / moderate / high) from the screener's own rules
  responseFraction: null,
  remissionMax: null,
  reliableChange: null,
  loinc: null,
  prorating: null, // skip logic leaves questions out by design; a missing asked question is never prorated
  source:
    'Posner K, Brown GK, Stanley B, et al. The Columbia-Suicide Severity Rating Scale: initial validity and internal consistency findings from three multisite studies with adolescents and adults. Am J Psychiatry 2011;168:1266–77 (the scale). Screener skip logic and risk triage — high = yes to 4 or 5, or behaviour within 3 months; moderate = yes to 3, or lifetime behaviour only; low = yes to 1 or 2 only — as in the Columbia screener triage guidance summarised in docs/design.md, "Instruments" (check against the licensed screener). Total = count of yes answers to 1–6: an Onset convention, not a published score.',
});
