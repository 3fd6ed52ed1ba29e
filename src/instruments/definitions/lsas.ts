import { STRUCTURE_ONLY_NOTICE, defineInstrument, type ItemSpec } from '../define.js';
import { numberOptions } from '../fhir.js';
import type { InstrumentDefinition } from '../types.js';

const SITUATIONS = Array.from({ length: 24 }, (_, i) => i + 1);

// Performance and social situations — Liebowitz 1987 (check against the licensed form).
const PERFORMANCE = [1, 2, 3, 4, 6, 8, 9, 13, 14, 16, 17, 20, 21];
const SOCIAL = [5, 7, 10, 11, 12, 15, 18, 19, 22, 23, 24];

// LinkIds "1f".."24f" (fear) then "1a".."24a" (avoidance), the order the CLI takes the 48 values in.
const items: ItemSpec[] = [
  ...SITUATIONS.map((n) => ({ linkId: `${n}f`, text: `Situation ${n} — fear`, options: numberOptions(0, 3) })),
  ...SITUATIONS.map((n) => ({ linkId: `${n}a`, text: `Situation ${n} — avoidance`, options: numberOptions(0, 3) })),
];

/** Both the fear and the avoidance rating of a situation count toward its subscale. */
const bothRatings = (situations: readonly number[]): string[] => [
  ...situations.map((n) => `${n}f`),
  ...situations.map((n) => `${n}a`),
];

/** LSAS: 24 situations rated for fear (0–3) and avoidance (0–3), total 0–144. Structure only. */
export const lsas: InstrumentDefinition = defineInstrument({
  id: 'lsas',
  name: 'Liebowitz Social Anxiety Scale',
  shortName: 'LSAS',
  fhirName: 'LSAS',
  description: 'Twenty-four social and performance situations, each rated for fear (0–3) and avoidance (0–3).',
  copyright: STRUCTURE_ONLY_NOTICE,
  rater: 'clinician',
  licence: 'structure-only',
  validated: true,
  items,
  subscales: {
    fear: SITUATIONS.map((n) => `${n}f`),
    avoidance: SITUATIONS.map((n) => `${n}a`),
    performance: bothRatings(PERFORMANCE),
    social: bothRatings(SOCIAL),
  },
  // <30 no social anxiety, 30–59 probable social anxiety disorder, ≥60 probable generalized subtype — Mennin 2002.
  bands: [
    { label: 'none', min: 0, max: 29 },
    { label: 'probable social anxiety', min: 30, max: 59 },
    { label: 'probable generalized social anxiety', min: 60, max: 144 },
  ],
  responseFraction: 0.35, // response ≥ 35% drop — Taylor 2018 (as cited in Onset evidence; check)
  remissionMax: null,
  reliableChange: null,
  loinc: null,
  prorating: null, // no prorating rule in Liebowitz 1987: a missing rating leaves the score incomplete
  source:
    'Liebowitz MR. Social phobia. Mod Probl Pharmacopsychiatry 1987;22:141–73 (24 situations, fear and avoidance 0–3; performance situations 1,2,3,4,6,8,9,13,14,16,17,20,21; social 5,7,10,11,12,15,18,19,22,23,24; check against the licensed form). Mennin DS et al. Screening for social anxiety disorder in the clinical setting: using the Liebowitz Social Anxiety Scale. J Anxiety Disord 2002;16:661–73 (cut-offs 30 social anxiety disorder, 60 generalized subtype). Response ≥35% drop: Taylor 2018 as cited in Onset evidence (check).',
});
