import { defineInstrument } from '../define.js';
import { frequencyOptions } from '../fhir.js';
import type { InstrumentDefinition } from '../types.js';

// Item wording as on the public PHQ-9 form (Pfizer; free to reproduce). Stem: "Over the last 2 weeks,
// how often have you been bothered by any of the following problems?"
const ITEMS = [
  'Little interest or pleasure in doing things',
  'Feeling down, depressed, or hopeless',
  'Trouble falling or staying asleep, or sleeping too much',
  'Feeling tired or having little energy',
  'Poor appetite or overeating',
  'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
  'Trouble concentrating on things, such as reading the newspaper or watching television',
  'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
  'Thoughts that you would be better off dead or of hurting yourself in some way',
];

/** PHQ-9: 9 items 0–3, total 0–27; item 9 asks about suicidal thoughts. */
export const phq9: InstrumentDefinition = defineInstrument({
  id: 'phq9',
  name: 'Patient Health Questionnaire 9-item depression scale',
  shortName: 'PHQ-9',
  fhirName: 'PHQ9',
  description:
    'Over the last 2 weeks, how often have you been bothered by any of the following problems? Nine items scored 0–3.',
  copyright:
    'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.',
  rater: 'patient',
  licence: 'free-with-attribution',
  validated: true,
  items: ITEMS.map((text, index) => ({ linkId: String(index + 1), text, options: frequencyOptions() })),
  subscales: {},
  // Bands 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe — Kroenke 2001.
  bands: [
    { label: 'minimal', min: 0, max: 4 },
    { label: 'mild', min: 5, max: 9 },
    { label: 'moderate', min: 10, max: 14 },
    { label: 'moderately severe', min: 15, max: 19 },
    { label: 'severe', min: 20, max: 27 },
  ],
  responseFraction: 0.5, // response ≥ 50% drop from baseline — convention in depression trials
  remissionMax: 4, // remission < 5 (the minimal band) — Kroenke 2001
  reliableChange: 6, // 6 points — NHS Talking Therapies manual
  loinc: { panel: '44249-1', total: '44261-6' },
  loincDisplay: 'PHQ-9 quick depression assessment panel',
  prorating: null, // Kroenke 2001 defines no prorating rule: a missing item leaves the score incomplete
  source:
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. J Gen Intern Med 2001;16:606–13 (items; bands 5/10/15/20; remission <5). Item 9 > 0 prompts a suicidality follow-up. Response ≥50% drop: convention in depression trials. Reliable change 6 points: NHS Talking Therapies for anxiety and depression manual. LOINC panel 44249-1, total 44261-6, answers LA6568-5…LA6571-9.',
});
