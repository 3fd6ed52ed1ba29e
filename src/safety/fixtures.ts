/**
 * Random histories for the safety rules' property tests (test-only, left out of the build): a sequence
 * of writes — doses with a blood pressure and an observation time, GAD-7 and craving scores, PHQ-9 with
 * item 9, urinary checks — each some hours after the one before (or at the same instant). Some are
 * backdated: entered now, but dated up to ten days before the latest record, as a clinic enters a paper
 * form late; the clock (the time of writing) still only moves forward.
 */
import fc from 'fast-check';
import { HOUR_MS } from '../shared/time.js';

/** `gapHours`: how far the clock moves before this write; `backHours`: how long before the clock it is dated. */
type When = { gapHours: number; backHours: number };
export type Event = When &
  (
    | { kind: 'dose'; systolic: number; observation: number }
    | { kind: 'score'; instrument: 'gad7' | 'craving'; total: number }
    | { kind: 'phq9'; item9: number }
    | { kind: 'urinary'; worst: number }
  );

// Gaps of 0 put two records at the same instant (ties are broken by id, and a checkpoint may end there).
const gap = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 24 * 6 }));
// One write in five is backdated, by up to ten days: before doses and answers already stored.
const back = fc.oneof(
  { weight: 4, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 240 }) },
);
export const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({
    kind: fc.constant('dose' as const),
    gapHours: gap,
    backHours: back,
    systolic: fc.integer({ min: 110, max: 200 }),
    observation: fc.constantFrom(30, 120),
  }),
  fc.record({
    kind: fc.constant('score' as const),
    gapHours: gap,
    backHours: back,
    instrument: fc.constant('gad7' as const),
    total: fc.integer({ min: 0, max: 21 }),
  }),
  fc.record({
    kind: fc.constant('score' as const),
    gapHours: gap,
    backHours: back,
    instrument: fc.constant('craving' as const),
    total: fc.integer({ min: 0, max: 10 }),
  }),
  fc.record({
    kind: fc.constant('phq9' as const),
    gapHours: gap,
    backHours: back,
    item9: fc.integer({ min: 0, max: 1 }),
  }),
  fc.record({
    kind: fc.constant('urinary' as const),
    gapHours: gap,
    backHours: back,
    worst: fc.integer({ min: 0, max: 3 }),
  }),
);

/**
 * A course whose relief shrinks from dose to dose: a severe baseline, then after each dose low scores for
 * fewer days each time, then severe again. It raises the tolerance rule, which random events rarely do.
 */
export function shrinkingRelief(doses: number): Event[] {
  return reliefCourse(Array.from({ length: doses }, (_, k) => Math.max(1, doses + 2 - k)));
}

/** A severe baseline, then per dose `reliefDays[k]` daily low scores, then a severe one (the relapse). */
export function reliefCourse(reliefDays: readonly number[]): Event[] {
  const events: Event[] = [{ kind: 'score', gapHours: 1, backHours: 0, instrument: 'gad7', total: 18 }];
  for (const days of reliefDays) {
    events.push({ kind: 'dose', gapHours: 24, backHours: 0, systolic: 120, observation: 120 });
    for (let d = 0; d < days; d++)
      events.push({ kind: 'score', gapHours: 24, backHours: 0, instrument: 'gad7', total: 3 });
    events.push({ kind: 'score', gapHours: 24, backHours: 0, instrument: 'gad7', total: 18 });
  }
  return events;
}

/**
 * The same records, dated as before, but some entered late: where `late[i]` is set (and the pair before was
 * not swapped), record i is written just after record i + 1, backdated to its own time.
 */
export function enteredLate(events: readonly Event[], late: readonly boolean[]): Event[] {
  const out = [...events];
  for (let i = 0; i + 1 < out.length; i++) {
    if (late[i] !== true) continue;
    const [a, b] = [out[i] as Event, out[i + 1] as Event];
    if (a.backHours !== 0 || b.backHours !== 0) continue;
    out[i] = { ...b, gapHours: a.gapHours + b.gapHours };
    out[i + 1] = { ...a, gapHours: 0, backHours: b.gapHours };
    i++;
  }
  return out;
}

/**
 * reliefCourse(reliefDays), but one score after dose `k` (1-based, k < the number of doses) is entered
 * `delay` records later, backdated to its own time: the first low score of that dose's relief (`relief`)
 * or its relapse, the severe score that ends it. Until it is entered the course reads differently: with a
 * one-day relief and its only low score missing, dose k has no relief episode at all. Entered, it can start
 * the tolerance signal at dose k, so the write changes a checkpoint that ends a day or two after the record
 * it adds.
 */
export function scoreEnteredLate(
  reliefDays: readonly number[],
  k: number,
  which: 'relief' | 'relapse',
  delay: number,
): Event[] {
  const events = reliefCourse(reliefDays);
  const doseAt = events.flatMap((e, i) => (e.kind === 'dose' ? [i] : []));
  const dose = doseAt[Math.min(Math.max(k, 1), doseAt.length - 1) - 1] as number;
  const at = which === 'relief' ? dose + 1 : dose + 1 + (reliefDays[doseAt.indexOf(dose)] ?? 0);
  const hoursBefore = (index: number): number => events.slice(0, index + 1).reduce((sum, e) => sum + e.gapHours, 0);
  const to = Math.min(at + delay, events.length - 1);
  const late = events[at] as Event;
  const out = events.filter((_, i) => i !== at);
  const next = out[at] as Event;
  out[at] = { ...next, gapHours: next.gapHours + late.gapHours };
  out.splice(to, 0, { ...late, gapHours: 0, backHours: hoursBefore(to) - hoursBefore(at) });
  return out;
}

export const histories: fc.Arbitrary<Event[]> = fc.oneof(
  { weight: 3, arbitrary: fc.array(event, { minLength: 1, maxLength: 45 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 4, max: 7 }), fc.array(event, { maxLength: 8 }))
      .map(([doses, tail]) => [...shrinkingRelief(doses), ...tail]),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 4, max: 7 }), fc.array(fc.boolean(), { maxLength: 60 }))
      .map(([doses, late]) => enteredLate(shrinkingRelief(doses), late)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.array(fc.integer({ min: 2, max: 6 }), { minLength: 3, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 2 }),
        fc.constantFrom('relief' as const, 'relapse' as const),
        fc.integer({ min: 1, max: 8 }),
      )
      // Reliefs that shrink, then a one-day relief at dose k whose score comes late: until it is entered the
      // signal can start no earlier than the dose after (a one-in-many draw among arbitrary relief lengths).
      .map(([shrinking, after, which, delay]) => {
        const reliefDays = [...shrinking.sort((a, b) => b - a), 1, ...after];
        return scoreEnteredLate(reliefDays, shrinking.length + 1, which, delay);
      }),
  },
);

/**
 * When each event is written (the clock, which only moves forward) and the time it is dated: `backHours`
 * before the clock, but never before `start` plus one hour (the course's start).
 */
export function timesOf(events: readonly Event[], start: number): { writtenAt: number; datedAt: number }[] {
  let clock = start;
  return events.map((e) => {
    clock += e.gapHours * HOUR_MS;
    return { writtenAt: clock, datedAt: Math.max(start + HOUR_MS, clock - e.backHours * HOUR_MS) };
  });
}
