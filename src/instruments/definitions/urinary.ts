import { defineInstrument } from '../define.js';
import { labelledOptions } from '../fhir.js';
import type { InstrumentDefinition } from '../types.js';

// Symptoms of ketamine-associated uropathy that should prompt a urology referral (Onset evidence).
const ITEMS = [
  'Needing to pass urine more often than usual (frequency)',
  'Sudden, strong need to pass urine (urgency)',
  'Pain when passing urine',
  'Blood in your urine',
  'Pain in your lower abdomen',
];

const ANSWERS = ['None', 'Mild', 'Moderate', 'Severe'];

/** Onset's urinary symptom check: 5 items 0–3. Not a validated instrument; it triggers safety prompts. */
export const urinary: InstrumentDefinition = defineInstrument({
  id: 'urinary',
  name: 'Urinary symptom check (not a validated instrument)',
  shortName: 'Urinary check',
  fhirName: 'UrinarySymptomCheck',
  description:
    'Not a validated instrument. In the past 7 days, how much have you had each of these? Used to prompt a urology referral, never to diagnose.',
  copyright: 'Onset project checklist. Not a validated instrument.',
  rater: 'patient',
  licence: 'not-validated',
  validated: false,
  items: ITEMS.map((text, index) => ({ linkId: String(index + 1), text, options: labelledOptions(ANSWERS) })),
  subscales: {},
  bands: [],
  responseFraction: null,
  remissionMax: null,
  reliableChange: null,
  loinc: null,
  prorating: null,
  source:
    'Onset project checklist, not a validated instrument: symptoms of ketamine-associated urinary tract damage, each none/mild/moderate/severe (docs/design.md, "Instruments"). Any item moderate or worse (≥2) raises flag urinary-moderate-or-worse: an Onset safety-prompt threshold, not a published cut-off.',
});
