import { STRUCTURE_ONLY_NOTICE, defineInstrument } from '../define.js';
import { numberOptions } from '../fhir.js';
import type { InstrumentDefinition } from '../types.js';

// CADSS-6 keeps items 1, 2, 6, 7, 15 and 22 of the 28-item CADSS (Rodrigues 2021; check against the
// licensed form). Labels name the source item so a clinician can copy scores from the full CADSS.
const CADSS_ITEMS = [1, 2, 6, 7, 15, 22];

/** CADSS-6: 6 clinician-administered dissociation items 0–4, total 0–24. Structure only. */
export const cadss6: InstrumentDefinition = defineInstrument({
  id: 'cadss6',
  name: 'Clinician-Administered Dissociative States Scale, 6-item version',
  shortName: 'CADSS-6',
  fhirName: 'CADSS6',
  description: 'Six dissociation items from the CADSS, each 0–4, rated after a dose.',
  copyright: STRUCTURE_ONLY_NOTICE,
  rater: 'clinician',
  licence: 'structure-only',
  validated: true,
  items: CADSS_ITEMS.map((cadssItem, index) => ({
    linkId: String(index + 1),
    text: `Item ${index + 1} (CADSS item ${cadssItem})`,
    options: numberOptions(0, 4),
  })),
  subscales: {},
  bands: [], // no published severity bands
  responseFraction: null,
  remissionMax: null,
  reliableChange: null,
  loinc: null,
  prorating: null,
  source:
    'Bremner JD, Krystal JH, Putnam FW, et al. Measurement of dissociative states with the Clinician-Administered Dissociative States Scale (CADSS). J Trauma Stress 1998;11:125–36 (items, 0–4 scale). Rodrigues NB et al. A simplified 6-item clinician administered dissociative symptom scale (CADSS-6) for monitoring dissociative effects of sublingual ketamine. J Affect Disord 2021 (items 1, 2, 6, 7, 15, 22; check against the licensed form). No severity bands.',
});
