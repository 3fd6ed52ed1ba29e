import { defineInstrument } from '../define.js';
import { labelledOptions } from '../fhir.js';
import type { InstrumentDefinition } from '../types.js';

const ANSWERS = Array.from({ length: 11 }, (_, value) =>
  value === 0 ? '0 — no craving' : value === 10 ? '10 — strongest craving imaginable' : String(value),
);

/** Onset's 0–10 ketamine craving rating. Not a validated instrument; it triggers safety prompts. */
export const craving: InstrumentDefinition = defineInstrument({
  id: 'craving',
  name: 'Ketamine craving rating (not a validated instrument)',
  shortName: 'Craving',
  fhirName: 'KetamineCravingRating',
  description:
    'Not a validated instrument. A single 0–10 rating used to prompt a conversation about dependence, never to diagnose.',
  copyright: 'Onset project rating. Not a validated instrument.',
  rater: 'patient',
  licence: 'not-validated',
  validated: false,
  items: [
    {
      linkId: '1',
      text: 'In the past 7 days, how strong was your urge or craving to take ketamine outside your treatment sessions?',
      options: labelledOptions(ANSWERS),
    },
  ],
  subscales: {},
  bands: [],
  responseFraction: null,
  remissionMax: null,
  reliableChange: null,
  loinc: null,
  prorating: null,
  source:
    'Onset project rating, not a validated instrument (docs/design.md, "Instruments"). A rating ≥7 raises flag craving-high: an Onset safety-prompt threshold, not a published cut-off.',
});
