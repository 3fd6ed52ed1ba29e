import { defineInstrument } from '../define.js';
import { labelledOptions } from '../fhir.js';
import type { InstrumentDefinition } from '../types.js';

// Item headings and symptom lists as on Hamilton's 1959 scale (widely treated as public domain).
const ITEMS = [
  'Anxious mood — worries, anticipation of the worst, fearful anticipation, irritability',
  'Tension — feelings of tension, fatigability, startle response, moved to tears easily, trembling, feelings of restlessness, inability to relax',
  'Fears — of dark, of strangers, of being left alone, of animals, of traffic, of crowds',
  'Insomnia — difficulty in falling asleep, broken sleep, unsatisfying sleep and fatigue on waking, dreams, nightmares, night terrors',
  'Intellectual — difficulty in concentration, poor memory',
  'Depressed mood — loss of interest, lack of pleasure in hobbies, depression, early waking, diurnal swing',
  'Somatic (muscular) — pains and aches, twitching, stiffness, myoclonic jerks, grinding of teeth, unsteady voice, increased muscular tone',
  'Somatic (sensory) — tinnitus, blurring of vision, hot and cold flushes, feelings of weakness, pricking sensation',
  'Cardiovascular symptoms — tachycardia, palpitations, pain in chest, throbbing of vessels, fainting feelings, missing beat',
  'Respiratory symptoms — pressure or constriction in chest, choking feelings, sighing, dyspnea',
  'Gastrointestinal symptoms — difficulty in swallowing, wind, abdominal pain, burning sensations, abdominal fullness, nausea, vomiting, borborygmi, looseness of bowels, loss of weight, constipation',
  'Genitourinary symptoms — frequency of micturition, urgency of micturition, amenorrhea, menorrhagia, development of frigidity, premature ejaculation, loss of libido, impotence',
  'Autonomic symptoms — dry mouth, flushing, pallor, tendency to sweat, giddiness, tension headache, raising of hair',
  'Behavior at interview — fidgeting, restlessness or pacing, tremor of hands, furrowed brow, strained face, sighing or rapid respiration, facial pallor, swallowing',
];

const ANSWERS = ['Not present', 'Mild', 'Moderate', 'Severe', 'Very severe'];

/** HAM-A: 14 clinician-rated items 0–4, total 0–56, psychic and somatic subscales. */
export const hama: InstrumentDefinition = defineInstrument({
  id: 'hama',
  name: 'Hamilton Anxiety Rating Scale',
  shortName: 'HAM-A',
  fhirName: 'HAMA',
  description: 'Clinician rating of fourteen anxiety symptom groups, each 0 (not present) to 4 (very severe).',
  copyright:
    'Hamilton M. The assessment of anxiety states by rating. Br J Med Psychol 1959. Widely treated as public domain.',
  rater: 'clinician',
  licence: 'public-domain',
  validated: true,
  items: ITEMS.map((text, index) => ({ linkId: String(index + 1), text, options: labelledOptions(ANSWERS) })),
  // Psychic anxiety items 1–6 and 14, somatic anxiety items 7–13 — Hamilton 1959.
  subscales: {
    psychic: ['1', '2', '3', '4', '5', '6', '14'],
    somatic: ['7', '8', '9', '10', '11', '12', '13'],
  },
  // ≤17 mild, 18–24 mild to moderate, 25–30 moderate to severe, >30 severe: a common convention, not
  // defined by Hamilton 1959; bands vary by source (docs/design.md, "Instruments").
  bands: [
    { label: 'mild', min: 0, max: 17 },
    { label: 'mild to moderate', min: 18, max: 24 },
    { label: 'moderate to severe', min: 25, max: 30 },
    { label: 'severe', min: 31, max: 56 },
  ],
  responseFraction: 0.5, // response ≥ 50% drop — convention in anxiety trials
  remissionMax: 7, // remission ≤ 7 — convention in anxiety trials
  reliableChange: null,
  loinc: null,
  prorating: null, // Hamilton 1959 defines no prorating: a missing item leaves the score incomplete
  source:
    'Hamilton M. The assessment of anxiety states by rating. Br J Med Psychol 1959;32:50–5 (items, 0–4 scale, psychic 1–6 and 14, somatic 7–13). Severity bands ≤17 / 18–24 / 25–30 / >30: common convention, not from Hamilton 1959; bands vary by source. Response ≥50% drop and remission ≤7: conventions in anxiety trials.',
});
