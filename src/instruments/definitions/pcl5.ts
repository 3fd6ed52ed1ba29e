import { defineInstrument } from '../define.js';
import { labelledOptions } from '../fhir.js';
import type { InstrumentDefinition } from '../types.js';

// Item wording as on the public-domain PCL-5 (US National Center for PTSD). Stem: "In the past month,
// how much were you bothered by:"
const ITEMS = [
  'Repeated, disturbing, and unwanted memories of the stressful experience?',
  'Repeated, disturbing dreams of the stressful experience?',
  'Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were actually back there reliving it)?',
  'Feeling very upset when something reminded you of the stressful experience?',
  'Having strong physical reactions when something reminded you of the stressful experience (for example, heart pounding, trouble breathing, sweating)?',
  'Avoiding memories, thoughts, or feelings related to the stressful experience?',
  'Avoiding external reminders of the stressful experience (for example, people, places, conversations, activities, objects, or situations)?',
  'Trouble remembering important parts of the stressful experience?',
  'Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts such as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is completely dangerous)?',
  'Blaming yourself or someone else for the stressful experience or what happened after it?',
  'Having strong negative feelings such as fear, horror, anger, guilt, or shame?',
  'Loss of interest in activities that you used to enjoy?',
  'Feeling distant or cut off from other people?',
  'Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving feelings for people close to you)?',
  'Irritable behavior, angry outbursts, or acting aggressively?',
  'Taking too many risks or doing things that could cause you harm?',
  'Being "superalert" or watchful or on guard?',
  'Feeling jumpy or easily startled?',
  'Having difficulty concentrating?',
  'Trouble falling or staying asleep?',
];

const ANSWERS = ['Not at all', 'A little bit', 'Moderately', 'Quite a bit', 'Extremely'];

const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/** PCL-5: 20 items 0–4, total 0–80, DSM-5 symptom clusters B–E as subscales. */
export const pcl5: InstrumentDefinition = defineInstrument({
  id: 'pcl5',
  name: 'PTSD Checklist for DSM-5',
  shortName: 'PCL-5',
  fhirName: 'PCL5',
  description: 'In the past month, how much were you bothered by the following problems? Twenty items scored 0–4.',
  copyright: 'Public domain. Developed by the US National Center for PTSD (Weathers et al. 2013).',
  rater: 'patient',
  licence: 'public-domain',
  validated: true,
  items: ITEMS.map((text, index) => ({ linkId: String(index + 1), text, options: labelledOptions(ANSWERS) })),
  // DSM-5 clusters: B intrusion 1–5, C avoidance 6–7, D cognition/mood 8–14, E arousal 15–20 — Weathers 2013.
  subscales: { b: range(1, 5), c: range(6, 7), d: range(8, 14), e: range(15, 20) },
  bands: [], // the PCL-5 has a cut-off (flag `probable-ptsd`), not severity bands
  responseFraction: 0.5, // configurable default: the literature gives no response fraction for the PCL-5
  remissionMax: null,
  reliableChange: 15, // 15 points (Marx 2022 reports 15–18)
  loinc: { panel: '101697-1', total: '101698-9' },
  loincDisplay: 'PTSD checklist for DSM-5 (PCL-5)',
  prorating: null, // no prorating by default: a missing item leaves the score incomplete
  source:
    'Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD Checklist for DSM-5 (PCL-5). National Center for PTSD, 2013 (items; clusters B 1–5, C 6–7, D 8–14, E 15–20; provisional diagnosis: items ≥2 endorsed, ≥1 B, ≥1 C, ≥2 D, ≥2 E). Blevins CA et al. J Trauma Stress 2015;28:489–98 (probable PTSD cut-off 31–33; Onset uses 33). Marx BP et al. Psychol Assess 2022 (reliable change 15–18; Onset uses 15). Response ≥50% drop: configurable default, no published value. LOINC panel 101697-1, total 101698-9 (check against the current LOINC release).',
});
