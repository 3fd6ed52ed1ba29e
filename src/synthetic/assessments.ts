import { getInstrument } from '../instruments/registry.js';
import { distributeTotal, type ItemRange } from './answers.js';
import { effectAt, type DoseEffect } from './effect.js';
import type { Profile } from './profile.js';
import { clamp, type Random } from './random.js';
import type { SyntheticAssessment } from './types.js';
import { DAY_MS, HOUR_MS } from '../shared/time.js';

type Instrument = 'gad7' | 'phq9' | 'pcl5' | 'ybocs' | 'urinary' | 'craving';

interface Planned {
  at: number;
  instrument: Instrument;
  /** Never thinned (the baseline GAD-7). */
  required: boolean;
}

// Trial schedules assess before the dose, at 4 h, day 1, day 3 and day 7 (docs/design.md, "Trial
// assessment schedules"); after the last dose, follow-up continues at days 14, 21 and 28.
const AFTER_DOSE_MS = [4 * HOUR_MS, DAY_MS, 3 * DAY_MS, 7 * DAY_MS];
const FOLLOW_UP_MS = [14 * DAY_MS, 21 * DAY_MS, 28 * DAY_MS];
const DROPOUT_AFTER_MS = [4 * HOUR_MS, DAY_MS];

/**
 * Every assessment of the course, in time order: GAD-7 always; PHQ-9 alongside it often; the primary
 * instrument; a monthly urinary check; craving ratings for some patients. Optional assessments are
 * kept with probability `keep` (missed questionnaires).
 */
export function makeAssessments(
  random: Random,
  profile: Profile,
  effects: readonly DoseEffect[],
  keep: number,
): SyntheticAssessment[] {
  const plan = planAssessments(random, profile, effects);
  const cravingTracked = profile.history.includes('substance-use') || random.chance(0.15);
  const result: SyntheticAssessment[] = [];
  let dosesSoFar = 0;
  for (const planned of plan) {
    while (dosesSoFar < effects.length && (effects[dosesSoFar]?.at ?? Infinity) <= planned.at) dosesSoFar++;
    if (planned.instrument === 'craving' && !cravingTracked) continue;
    if (!planned.required && !random.chance(keep)) continue;
    result.push({
      at: Math.round(planned.at),
      instrument: planned.instrument,
      answers: answersFor(random, profile, effects, planned, dosesSoFar),
    });
  }
  return result;
}

function planAssessments(random: Random, profile: Profile, effects: readonly DoseEffect[]): Planned[] {
  const t1 = effects[0]?.at ?? 0;
  // ~3% have their only early score more than 14 days before dose 1 (no baseline by docs/outcomes.md).
  const baselineAt = t1 - (random.chance(0.97) ? random.uniform(1, 6) : random.uniform(15, 30)) * DAY_MS;
  const plan: Planned[] = [{ at: baselineAt, instrument: 'gad7', required: true }];
  addCompanions(plan, baselineAt, profile, random, 0.8, 1);
  plan.push({ at: baselineAt, instrument: 'urinary', required: false });
  if (random.chance(0.4)) plan.push({ at: t1 - random.uniform(0.5, 2) * HOUR_MS, instrument: 'gad7', required: false });
  effects.forEach((effect, k) => {
    const next = effects[k + 1];
    if (k > 0) {
      const pre = effect.at - random.uniform(0.5, 2) * HOUR_MS;
      plan.push({ at: pre, instrument: 'gad7', required: false });
      addCompanions(plan, pre, profile, random, 0.4, 0.8);
      plan.push({ at: pre, instrument: 'craving', required: false });
    }
    const offsets =
      next !== undefined
        ? AFTER_DOSE_MS
        : profile.dropoutAfter !== null
          ? DROPOUT_AFTER_MS
          : [...AFTER_DOSE_MS, ...FOLLOW_UP_MS];
    for (const offset of offsets) {
      const at = effect.at + offset + random.uniform(-1, 1) * HOUR_MS;
      if (next !== undefined && at > next.at - 3 * HOUR_MS) break;
      plan.push({ at, instrument: 'gad7', required: false });
      if (offset >= 7 * DAY_MS) addCompanions(plan, at, profile, random, 0.5, 0.7);
    }
  });
  const end = plan.reduce((last, p) => Math.max(last, p.at), t1);
  for (let at = t1 + 30 * DAY_MS; at <= end; at += 30 * DAY_MS)
    plan.push({ at, instrument: 'urinary', required: false });
  return plan.sort((a, b) => a.at - b.at);
}

function addCompanions(
  plan: Planned[],
  at: number,
  profile: Profile,
  random: Random,
  phq: number,
  primary: number,
): void {
  if (random.chance(phq)) plan.push({ at, instrument: 'phq9', required: false });
  if (profile.primaryInstrument !== 'gad7' && random.chance(primary)) {
    plan.push({ at, instrument: profile.primaryInstrument, required: false });
  }
}

function answersFor(
  random: Random,
  profile: Profile,
  effects: readonly DoseEffect[],
  planned: Planned,
  doses: number,
): number[] {
  const effect = effectAt(effects, planned.at);
  const b = profile.baselines;
  switch (planned.instrument) {
    case 'gad7':
      return scoredAnswers(random, 'gad7', b.gad7 * (1 - effect) + random.normal(0, 0.85));
    case 'phq9':
      return phq9Answers(random, profile, b.phq9 * (1 - effect * profile.phqFactor) + random.normal(0, 1.1));
    case 'pcl5':
      return scoredAnswers(random, 'pcl5', b.pcl5 * (1 - effect * 0.85) + random.normal(0, 3));
    case 'ybocs':
      return scoredAnswers(random, 'ybocs', b.ybocs * (1 - effect * 0.7) + random.normal(0, 1.5));
    case 'urinary':
      return urinaryAnswers(random, profile, doses);
    case 'craving':
      return [
        profile.history.includes('substance-use')
          ? random.int(2, 6)
          : random.weighted([
              [0, 70],
              [1, 15],
              [2, 10],
              [3, 5],
            ]),
      ];
  }
}

const rangeCache = new Map<string, ItemRange[]>();

/** Item ranges of an instrument, from the instrument library (one source of truth for ranges). */
export function itemRanges(id: string): ItemRange[] {
  let ranges = rangeCache.get(id);
  if (ranges === undefined) {
    ranges = getInstrument(id).items.map((item) => ({ min: item.min, max: item.max }));
    rangeCache.set(id, ranges);
  }
  return ranges;
}

function scoredAnswers(random: Random, id: string, total: number): number[] {
  const ranges = itemRanges(id);
  const max = ranges.reduce((sum, r) => sum + r.max, 0);
  return distributeTotal(random, ranges, clamp(Math.round(total), 0, max));
}

// PHQ-9 item 9 (thoughts of self-harm) is rarely above 0; it is pinned first, the rest share the total.
function phq9Answers(random: Random, profile: Profile, total: number): number[] {
  const item9 = random.chance(profile.suicidalThoughts)
    ? random.weighted([
        [1, 80],
        [2, 15],
        [3, 5],
      ])
    : 0;
  const ranges = itemRanges('phq9');
  return distributeTotal(random, ranges, clamp(Math.round(total), item9, 27), new Map([[ranges.length - 1, item9]]));
}

// Urinary symptoms emerge with repeated dosing (muetzelfeldt2008) in prone patients; rare otherwise.
function urinaryAnswers(random: Random, profile: Profile, doses: number): number[] {
  const prone = profile.urinaryProne && doses >= 5;
  return itemRanges('urinary').map((range) => {
    const value = prone
      ? random.weighted([
          [0, 60],
          [1, 30],
          [2, 10],
        ])
      : random.chance(0.02)
        ? 1
        : 0;
    return clamp(value, range.min, range.max);
  });
}
