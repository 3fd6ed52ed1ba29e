import { defineInstrument } from '../define.js';
import { frequencyOptions } from '../fhir.js';
import type { InstrumentDefinition } from '../types.js';

// Item wording as on the public GAD-7 form (Pfizer; free to reproduce). Stem: "Over the last 2 weeks,
// how often have you been bothered by the following problems?"
const ITEMS = [
  'Feeling nervous, anxious, or on edge',
  'Not being able to stop or control worrying',
  'Worrying too much about different things',
  'Trouble relaxing',
  'Being so restless that it is hard to sit still',
  'Becoming easily annoyed or irritable',
  'Feeling afraid, as if something awful might happen',
];

/** GAD-7: 7 items 0–3, total 0–21. */
export const gad7: InstrumentDefinition = defineInstrument({
  id: 'gad7',
  name: 'Generalized Anxiety Disorder 7-item scale',
  shortName: 'GAD-7',
  fhirName: 'GAD7',
  description:
    'Over the last 2 weeks, how often have you been bothered by the following problems? Seven items scored 0–3.',
  copyright:
    'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.',
  rater: 'patient',
  licence: 'free-with-attribution',
  validated: true,
  items: ITEMS.map((text, index) => ({ linkId: String(index + 1), text, options: frequencyOptions() })),
  subscales: {},
  // Bands 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe — Spitzer 2006.
  bands: [
    { label: 'minimal', min: 0, max: 4 },
    { label: 'mild', min: 5, max: 9 },
    { label: 'moderate', min: 10, max: 14 },
    { label: 'severe', min: 15, max: 21 },
  ],
  responseFraction: 0.5, // response ≥ 50% drop from baseline — convention in anxiety trials
  remissionMax: 4, // remission < 5 (the minimal band) — Spitzer 2006
  reliableChange: 4, // 4 points — NHS Talking Therapies manual
  loinc: { panel: '69737-5', total: '70274-6' },
  loincDisplay: 'Generalized anxiety disorder 7 item (GAD-7)',
  prorating: null, // no prorating rule in Spitzer 2006: a missing item leaves the score incomplete
  source:
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166:1092–7 (items; bands 5/10/15; ≥10 probable GAD; remission <5). Response ≥50% drop: convention in anxiety trials. Reliable change 4 points: NHS Talking Therapies for anxiety and depression manual. LOINC panel 69737-5, total 70274-6.',
});
