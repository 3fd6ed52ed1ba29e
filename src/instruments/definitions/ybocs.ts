import { STRUCTURE_ONLY_NOTICE, defineInstrument, neutralItems } from '../define.js';
import { numberOptions } from '../fhir.js';
import type { InstrumentDefinition } from '../types.js';

/** Y-BOCS: 10 clinician-rated items 0–4, total 0–40; obsessions 1–5, compulsions 6–10. Structure only. */
export const ybocs: InstrumentDefinition = defineInstrument({
  id: 'ybocs',
  name: 'Yale-Brown Obsessive Compulsive Scale',
  shortName: 'Y-BOCS',
  fhirName: 'YBOCS',
  description: 'Clinician rating of obsessions (items 1–5) and compulsions (items 6–10), each item 0–4.',
  copyright: STRUCTURE_ONLY_NOTICE,
  rater: 'clinician',
  licence: 'structure-only',
  validated: true,
  items: neutralItems(10, () => numberOptions(0, 4)),
  // Obsessions 1–5, compulsions 6–10 — Goodman 1989.
  subscales: { obsessions: ['1', '2', '3', '4', '5'], compulsions: ['6', '7', '8', '9', '10'] },
  // 0–7 subclinical, 8–15 mild, 16–23 moderate, 24–31 severe, 32–40 extreme — Goodman 1989.
  bands: [
    { label: 'subclinical', min: 0, max: 7 },
    { label: 'mild', min: 8, max: 15 },
    { label: 'moderate', min: 16, max: 23 },
    { label: 'severe', min: 24, max: 31 },
    { label: 'extreme', min: 32, max: 40 },
  ],
  responseFraction: 0.35, // response ≥ 35% drop — Mataix-Cols 2016 consensus
  remissionMax: 12, // remission ≤ 12 — Mataix-Cols 2016 consensus
  reliableChange: null,
  loinc: null,
  prorating: null, // the Y-BOCS manual defines no prorating: a missing item leaves the score incomplete
  source:
    'Goodman WK, Price LH, Rasmussen SA, et al. The Yale-Brown Obsessive Compulsive Scale I. Development, use, and reliability. Arch Gen Psychiatry 1989;46:1006–11 (10 items 0–4, obsessions 1–5, compulsions 6–10; severity bands 0–7/8–15/16–23/24–31/32–40). Mataix-Cols D et al. Towards an international expert consensus for defining treatment response, remission, recovery and relapse in OCD. World Psychiatry 2016;15:80–1 (response ≥35% drop, remission ≤12).',
});
