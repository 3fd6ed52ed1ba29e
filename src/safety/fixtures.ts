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
  const events: Event[] = [{ kind: 'score', gapHours: 1, backHours: 0, instrument: 'gad7', total: 18 }];
  for (let k = 0; k < doses; k++) {
    events.push({ kind: 'dose', gapHours: 24, backHours: 0, systolic: 120, observation: 120 });
    const reliefDays = Math.max(1, doses + 2 - k);
    for (let d = 0; d < reliefDays; d++)
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
