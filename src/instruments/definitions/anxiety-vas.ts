import { defineInstrument } from '../define.js';
import { labelledOptions } from '../fhir.js';
import type { InstrumentDefinition } from '../types.js';

const ANSWERS = Array.from({ length: 101 }, (_, value) =>
  value === 0 ? '0 — not anxious at all' : value === 100 ? '100 — the most anxious I can imagine' : String(value),
);

/**
 * Onset's 0–100 anxiety check-in for the past 24 hours: one rating, higher = worse. A tracking measure,
 * not a diagnostic instrument. Its short recall is what lets relief episodes (docs/outcomes.md) show
 * relief fading over days, which the 2-week recall of GAD-7 cannot.
 */
export const anxietyVas: InstrumentDefinition = defineInstrument({
  id: 'anxiety-vas',
  name: 'Anxiety check-in, past 24 hours (0–100; a tracking measure, not a diagnostic instrument)',
  shortName: 'Anxiety check-in',
  fhirName: 'AnxietyCheckIn24h',
  description:
    'A tracking measure, not a diagnostic instrument. One rating of anxiety over the past 24 hours, 0 (not anxious at all) to 100 (the most anxious I can imagine).',
  copyright: 'Onset project wording. A tracking measure, not a diagnostic instrument.',
  rater: 'patient',
  licence: 'not-validated',
  validated: false,
  items: [
    {
      linkId: '1',
      text: 'Over the past 24 hours, how anxious have you felt? 0 means not anxious at all, 100 the most anxious you can imagine.',
      options: labelledOptions(ANSWERS),
    },
  ],
  subscales: {},
  bands: [],
  responseFraction: 0.5, // response = ≥50% drop from the pre-dose baseline: Onset's tracking definition, as in Taylor 2018
  remissionMax: null, // no published remission cut-off for a 0–100 anxiety rating
  reliableChange: null, // no sourced reliable-change value
  loinc: null,
  prorating: null,
  source:
    'Onset tracking measure in Onset wording (item text and the 24-hour recall are Onset\u2019s own), modelled on the self-rated ' +
    'anxiety visual analogue scale (VAS-Anxiety) of ketamine trials: Taylor JH, Landeros-Weisenberger A, Coughlin C, et al. ' +
    'Ketamine for Social Anxiety Disorder: A Randomized, Placebo-Controlled Crossover Trial. Neuropsychopharmacology ' +
    '2018;43:325–333. doi:10.1038/npp.2017.194 (PMC5729569): VAS-Anxiety from 3 h after the infusion through 14 days, response ' +
    'defined as a 50% VAS-Anxiety reduction. Response here (≥50% below the pre-dose baseline) is Onset\u2019s tracking ' +
    'definition; no remission or reliable-change threshold is published for it.',
});
