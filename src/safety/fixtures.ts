/**
 * Random histories for the safety rules' property tests (test-only, left out of the build): a sequence
 * of writes — doses with a blood pressure and an observation time, GAD-7 and craving scores, PHQ-9 with
 * item 9, urinary checks — each some hours after the one before (or at the same instant).
 */
import fc from 'fast-check';

export type Event =
  | { kind: 'dose'; gapHours: number; systolic: number; observation: number }
  | { kind: 'score'; gapHours: number; instrument: 'gad7' | 'craving'; total: number }
  | { kind: 'phq9'; gapHours: number; item9: number }
  | { kind: 'urinary'; gapHours: number; worst: number };

// Gaps of 0 put two records at the same instant (ties are broken by id, and a checkpoint may end there).
const gap = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 24 * 6 }));
export const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({
    kind: fc.constant('dose' as const),
    gapHours: gap,
    systolic: fc.integer({ min: 110, max: 200 }),
    observation: fc.constantFrom(30, 120),
  }),
  fc.record({
    kind: fc.constant('score' as const),
    gapHours: gap,
    instrument: fc.constant('gad7' as const),
    total: fc.integer({ min: 0, max: 21 }),
  }),
  fc.record({
    kind: fc.constant('score' as const),
    gapHours: gap,
    instrument: fc.constant('craving' as const),
    total: fc.integer({ min: 0, max: 10 }),
  }),
  fc.record({ kind: fc.constant('phq9' as const), gapHours: gap, item9: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ kind: fc.constant('urinary' as const), gapHours: gap, worst: fc.integer({ min: 0, max: 3 }) }),
);

/**
 * A course whose relief shrinks from dose to dose: a severe baseline, then after each dose low scores for
 * fewer days each time, then severe again. It raises the tolerance rule, which random events rarely do.
 */
export function shrinkingRelief(doses: number): Event[] {
  const events: Event[] = [{ kind: 'score', gapHours: 1, instrument: 'gad7', total: 18 }];
  for (let k = 0; k < doses; k++) {
    events.push({ kind: 'dose', gapHours: 24, systolic: 120, observation: 120 });
    const reliefDays = Math.max(1, doses + 2 - k);
    for (let d = 0; d < reliefDays; d++) events.push({ kind: 'score', gapHours: 24, instrument: 'gad7', total: 3 });
    events.push({ kind: 'score', gapHours: 24, instrument: 'gad7', total: 18 });
  }
  return events;
}

export const histories: fc.Arbitrary<Event[]> = fc.oneof(
  { weight: 3, arbitrary: fc.array(event, { minLength: 1, maxLength: 45 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 4, max: 7 }), fc.array(event, { maxLength: 8 }))
      .map(([doses, tail]) => [...shrinkingRelief(doses), ...tail]),
  },
);
