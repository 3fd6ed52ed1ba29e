import { defineInstrument } from '../define.js';
import { labelledOptions } from '../fhir.js';
import type { InstrumentDefinition } from '../types.js';

// Item wording as on the OCI-R (Foa et al. 2002; free to use with attribution). Stem: how much each
// experience has distressed or bothered you during the past month.
const ITEMS = [
  'I have saved up so many things that they get in the way.',
  'I check things more often than necessary.',
  'I get upset if objects are not arranged properly.',
  'I feel compelled to count while I am doing things.',
  'I find it difficult to touch an object when I know it has been touched by strangers or certain people.',
  'I find it difficult to control my own thoughts.',
  "I collect things I don't need.",
  'I repeatedly check doors, windows, drawers, etc.',
  'I get upset if others change the way I have arranged things.',
  'I feel I have to repeat certain numbers.',
  'I sometimes have to wash or clean myself simply because I feel contaminated.',
  'I am upset by unpleasant thoughts that come into my mind against my will.',
  'I avoid throwing things away because I am afraid I might need them later.',
  'I repeatedly check gas and water taps and light switches after turning them off.',
  'I need things to be arranged in a particular way.',
  'I feel that there are good and bad numbers.',
  'I wash my hands more often and longer than necessary.',
  'I frequently get nasty thoughts and have difficulty in getting rid of them.',
];

const ANSWERS = ['Not at all', 'A little', 'Moderately', 'A lot', 'Extremely'];

/** OCI-R: 18 items 0–4, total 0–72, six 3-item subscales. */
export const ocir: InstrumentDefinition = defineInstrument({
  id: 'ocir',
  name: 'Obsessive-Compulsive Inventory – Revised',
  shortName: 'OCI-R',
  fhirName: 'OCIR',
  description:
    'How much each experience has distressed or bothered you during the past month. Eighteen items scored 0–4.',
  copyright: 'Foa EB et al. Psychol Assess 2002;14:485–96. Free to use with attribution.',
  rater: 'patient',
  licence: 'free-with-attribution',
  validated: true,
  items: ITEMS.map((text, index) => ({ linkId: String(index + 1), text, options: labelledOptions(ANSWERS) })),
  // Six subscales of three items each — Foa 2002.
  subscales: {
    hoarding: ['1', '7', '13'],
    checking: ['2', '8', '14'],
    ordering: ['3', '9', '15'],
    neutralizing: ['4', '10', '16'],
    washing: ['5', '11', '17'],
    obsessing: ['6', '12', '18'],
  },
  bands: [], // a cut-off (flag `probable-ocd`), not severity bands
  responseFraction: null,
  remissionMax: null,
  reliableChange: null,
  loinc: null,
  prorating: null, // Foa 2002 defines no prorating: a missing item leaves the score incomplete
  source:
    'Foa EB, Huppert JD, Leiberg S, Langner R, Kichic R, Hajcak G, Salkovskis PM. The Obsessive-Compulsive Inventory: development and validation of a short version. Psychol Assess 2002;14:485–96 (items; subscales hoarding 1,7,13, checking 2,8,14, ordering 3,9,15, neutralizing 4,10,16, washing 5,11,17, obsessing 6,12,18; total ≥21 probable OCD).',
});
