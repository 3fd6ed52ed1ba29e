import { STRUCTURE_ONLY_NOTICE, defineInstrument, neutralItems } from '../define.js';
import { numberOptions } from '../fhir.js';
import type { InstrumentDefinition } from '../types.js';

/** Mini-SPIN: 3 items 0–4, total 0–12, a screener for generalized social anxiety. Structure only. */
export const minispin: InstrumentDefinition = defineInstrument({
  id: 'minispin',
  name: 'Mini Social Phobia Inventory',
  shortName: 'Mini-SPIN',
  fhirName: 'MiniSPIN',
  description: 'Three-item screener for generalized social anxiety disorder, each item 0–4.',
  copyright: STRUCTURE_ONLY_NOTICE,
  rater: 'patient',
  licence: 'structure-only',
  validated: true,
  items: neutralItems(3, () => numberOptions(0, 4)),
  subscales: {},
  bands: [], // a cut-off (flag `probable-sad`), not severity bands
  responseFraction: null,
  remissionMax: null,
  reliableChange: null,
  loinc: null,
  prorating: null,
  source:
    'Connor KM, Kobak KA, Churchill LE, Katzelnick D, Davidson JRT. Mini-SPIN: a brief screening assessment for generalized social anxiety disorder. Depress Anxiety 2001;14:137–40 (3 items 0–4; total ≥6 probable generalized social anxiety disorder).',
});
