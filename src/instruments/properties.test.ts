import fc from 'fast-check';
import { describe, it } from 'vitest';
import { OnsetError } from '../shared/errors.js';
import { listInstruments } from './registry.js';
import { scoreAnswers } from './score.js';
import type { InstrumentDefinition } from './types.js';

const ordinary = listInstruments().filter((def) => def.id !== 'cssrs');
const yesNo = fc.integer({ min: 0, max: 1 });

/** Complete answers in item order, each value within its item's range. */
const completeAnswers = (def: InstrumentDefinition): fc.Arbitrary<number[]> =>
  fc.tuple(...def.items.map((item) => fc.integer({ min: item.min, max: item.max })));

/** Answers with any item possibly missing. */
const partialAnswers = (def: InstrumentDefinition): fc.Arbitrary<(number | null)[]> =>
  fc.tuple(...def.items.map((item) => fc.option(fc.integer({ min: item.min, max: item.max }), { nil: null })));

/** Any valid screener: 3–5 present only when 2 is yes, 6b only when 6 is yes. */
const screener = fc
  .tuple(yesNo, yesNo, yesNo, yesNo, yesNo, yesNo, yesNo)
  .map(([q1, q2, q3, q4, q5, q6, q6b]) => [
    q1,
    q2,
    q2 ? q3 : null,
    q2 ? q4 : null,
    q2 ? q5 : null,
    q6,
    q6 ? q6b : null,
  ]);

/** A screener where every question is asked (2 and 6 yes), so any item can be raised without breaking skip logic. */
const allAsked = fc.tuple(yesNo, yesNo, yesNo, yesNo).map(([q1, q3, q4, q5]) => [q1, 1, q3, q4, q5, 1, 0]);

/** A value no item accepts: below min, above max, or not a whole number. */
const outOfRange = (min: number, max: number): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: -1000, max: min - 1 }),
    fc.integer({ min: max + 1, max: 1000 }),
    fc.double({ min, max, noNaN: true }).filter((v) => !Number.isInteger(v)),
  );

function refusedFields(def: InstrumentDefinition, answers: (number | null)[]): string[] {
  try {
    scoreAnswers(def, answers);
  } catch (error) {
    if (error instanceof OnsetError) return error.problems.map((p) => p.field);
  }
  return [];
}

describe.each(ordinary.map((def) => [def.id, def] as const))('%s properties', (_id, def) => {
  it('the total always lies in [totalMin, totalMax] (or is null when incomplete)', () => {
    fc.assert(
      fc.property(partialAnswers(def), (answers) => {
        const { total, complete } = scoreAnswers(def, answers);
        if (total === null) return !complete;
        return total >= def.totalMin && total <= def.totalMax;
      }),
    );
  });

  it('raising one answer never lowers the total', () => {
    const raised = completeAnswers(def).chain((answers) =>
      fc.record({
        answers: fc.constant(answers),
        index: fc.integer({ min: 0, max: answers.length - 1 }),
        by: fc.integer({ min: 0, max: 10 }),
      }),
    );
    fc.assert(
      fc.property(raised, ({ answers, index, by }) => {
        const item = def.items[index]!;
        const higher = answers.map((v, i) => (i === index ? Math.min(item.max, v + by) : v));
        return scoreAnswers(def, higher).total! >= scoreAnswers(def, answers).total!;
      }),
    );
  });

  it('out-of-range values are always refused, naming the item', () => {
    const bad = completeAnswers(def).chain((answers) =>
      fc.integer({ min: 0, max: answers.length - 1 }).chain((index) => {
        const item = def.items[index]!;
        return outOfRange(item.min, item.max).map((value) => ({ answers, index, value }));
      }),
    );
    fc.assert(
      fc.property(bad, ({ answers, index, value }) => {
        const broken = answers.map((v, i) => (i === index ? value : v));
        return refusedFields(def, broken).join() === `answers.${def.items[index]!.linkId}`;
      }),
    );
  });
});

describe('cssrs properties', () => {
  const cssrs = listInstruments().find((def) => def.id === 'cssrs')!;

  it('the total always lies in [0, 6] and equals the yes answers to 1–6', () => {
    fc.assert(
      fc.property(screener, (answers) => {
        const { total } = scoreAnswers(cssrs, answers);
        const yes = answers.slice(0, 6).filter((v) => v === 1).length;
        return total === yes && total >= cssrs.totalMin && total <= cssrs.totalMax;
      }),
    );
  });

  it('raising one answer from no to yes never lowers the total', () => {
    fc.assert(
      fc.property(allAsked, fc.integer({ min: 0, max: 6 }), (answers, index) => {
        const higher = answers.map((v, i) => (i === index ? 1 : v));
        return scoreAnswers(cssrs, higher).total! >= scoreAnswers(cssrs, answers).total!;
      }),
    );
  });

  it('out-of-range values are always refused, naming the item', () => {
    fc.assert(
      fc.property(allAsked, fc.integer({ min: 0, max: 6 }), outOfRange(0, 1), (answers, index, value) => {
        const broken = answers.map((v, i) => (i === index ? value : v));
        return refusedFields(cssrs, broken).includes(`answers.${cssrs.items[index]!.linkId}`);
      }),
    );
  });
});
