import type { Random } from './random.js';
import { clamp } from './random.js';
import type { Condition, HistoryItem, Modality, PrimaryInstrument, Sex } from './types.js';

export type ResponseKind = 'early' | 'late' | 'never';

/** Who the synthetic patient is and how they will respond; drawn once, used by every generator. */
export interface Profile {
  sex: Sex;
  birthYear: number;
  weightKg: number;
  conditions: Condition[];
  history: HistoryItem[];
  primaryInstrument: PrimaryInstrument;
  modality: Modality;
  kind: ResponseKind;
  /** First dose (1-based) whose effect reaches response; Infinity for never-responders. */
  respondsFromDose: number;
  /** Peak fractional drop of the score once responding (0.55–0.85), or below response (0–0.35). */
  depth: number;
  /** Peak drop of the doses before `respondsFromDose`. */
  subDepth: number;
  /** Days relief lasts after a responding dose (5–14: relief commonly fades within one to two weeks). */
  reliefDays: number;
  /** Relief shrinks from dose to dose (15% of responders, ~10% of patients). */
  tolerant: boolean;
  /** Stops after this many doses (~15% drop out early), else null. */
  dropoutAfter: number | null;
  /** How much of the anxiety effect PHQ-9 shows (instruments do not move in lockstep — taylor2018). */
  phqFactor: number;
  baselines: { gad7: number; phq9: number; pcl5: number; ybocs: number };
  /** Occasional positive PHQ-9 item 9. */
  suicidalThoughts: number;
  urinaryProne: boolean;
}

const PRIMARY_CONDITIONS: readonly (readonly [Condition, number])[] = [
  ['gad', 35],
  ['refractory-anxiety', 15],
  ['sad', 15],
  ['ptsd', 15],
  ['panic', 10],
  ['ocd', 10],
];

/** Draws a patient profile. Shares follow the published time course (src/evidence/time-course.ts). */
export function drawProfile(random: Random): Profile {
  const sex = random.weighted<Sex>([
    ['female', 60],
    ['male', 37],
    ['other', 3],
  ]);
  const conditions = drawConditions(random);
  const primary = conditions[0] ?? 'gad';
  const history = drawHistory(random);
  const kind = drawKind(random, primary);
  return {
    sex,
    birthYear: random.int(1950, 2004),
    weightKg: Math.round(clamp(random.normal(sex === 'male' ? 84 : 70, 13), 45, 150)),
    conditions,
    history,
    primaryInstrument: primary === 'ptsd' ? 'pcl5' : primary === 'ocd' ? 'ybocs' : 'gad7',
    modality: random.weighted<Modality>([
      ['cbt', 35],
      ['ifs', 20],
      ['act', 15],
      ['none', 30],
    ]),
    kind,
    respondsFromDose: kind === 'early' ? 1 : kind === 'late' ? random.int(2, 3) : Infinity,
    depth: kind === 'never' ? random.uniform(0, 0.3) : random.uniform(0.58, 0.88),
    subDepth: random.uniform(0.1, 0.35),
    reliefDays: random.uniform(5, 14),
    tolerant: kind !== 'never' && random.chance(0.15),
    dropoutAfter: random.chance(0.15) ? random.int(1, 3) : null,
    phqFactor: random.uniform(0.6, 1.1),
    baselines: drawBaselines(random, conditions),
    suicidalThoughts: conditions.includes('depression') && random.chance(0.05) ? 0.15 : 0.005,
    urinaryProne: history.includes('bladder') || random.chance(0.03),
  };
}

function drawConditions(random: Random): Condition[] {
  const primary = random.weighted(PRIMARY_CONDITIONS);
  const conditions: Condition[] = [primary];
  if (random.chance(0.2)) {
    const second = random.weighted(PRIMARY_CONDITIONS);
    if (second !== primary) conditions.push(second);
  }
  if (random.chance(0.45)) conditions.push('depression');
  return conditions;
}

function drawHistory(random: Random): HistoryItem[] {
  const history: HistoryItem[] = [];
  if (random.chance(0.15)) history.push('hypertension');
  if (random.chance(0.01)) history.push('psychosis');
  if (random.chance(0.08)) history.push('substance-use');
  if (random.chance(0.03)) history.push('bladder');
  return history;
}

// ~45% respond within a day of dose 1, ~20% only after dose 2–3, about a third never (a synthetic choice,
// docs/design.md "Demo data"; loosely after hull2022 and hartland2023). OCD responds less (bloch2012: 0/10 responders).
function drawKind(random: Random, primary: Condition): ResponseKind {
  if (primary === 'ocd')
    return random.weighted<ResponseKind>([
      ['early', 20],
      ['late', 20],
      ['never', 60],
    ]);
  return random.weighted<ResponseKind>([
    ['early', 45],
    ['late', 20],
    ['never', 32],
  ]);
}

function drawBaselines(random: Random, conditions: readonly Condition[]): Profile['baselines'] {
  const depressed = conditions.includes('depression');
  return {
    // GAD-7 mostly 10–20 at baseline (docs/design.md, "Demo data"); a few milder or at the maximum.
    gad7: random.chance(0.9) ? random.int(10, 20) : random.pick([7, 8, 9, 21]),
    phq9: depressed ? random.int(12, 24) : random.int(4, 14),
    pcl5: random.int(33, 68),
    ybocs: random.int(16, 32),
  };
}
