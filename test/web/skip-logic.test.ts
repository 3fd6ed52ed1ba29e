// The patient page's skip logic, on the C-SSRS screener's conditions as the server sends them.
import { describe, expect, it } from 'vitest';
import {
  answersToSend,
  askedIndexes,
  isAsked,
  nextAsked,
  type SkippableItem,
} from '../../web/src/patient/skip-logic.js';

const YES = 1;
const NO = 0;
const cssrs: SkippableItem[] = [
  { linkId: '1' },
  { linkId: '2' },
  { linkId: '3', askedWhen: [{ linkId: '2', value: YES }] },
  { linkId: '4', askedWhen: [{ linkId: '2', value: YES }] },
  { linkId: '5', askedWhen: [{ linkId: '2', value: YES }] },
  { linkId: '6' },
  { linkId: '6b', askedWhen: [{ linkId: '6', value: YES }] },
];
const _ = null;

describe('C-SSRS screener', () => {
  it('no to 2 and 6: asks 1, 2 and 6 only, and sends the rest as left out', () => {
    const answers = [NO, NO, _, _, _, NO, _];
    expect(askedIndexes(cssrs, answers)).toEqual([0, 1, 5]);
    expect(nextAsked(cssrs, answers, 1)).toBe(5);
    expect(nextAsked(cssrs, answers, 5)).toBeNull();
    expect(answersToSend(cssrs, answers)).toEqual([NO, NO, _, _, _, NO, _]);
  });

  it('yes to 2 and 6: asks all seven', () => {
    const answers = [YES, YES, NO, NO, NO, YES, NO];
    expect(askedIndexes(cssrs, answers)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(nextAsked(cssrs, answers, 1)).toBe(2);
    expect(nextAsked(cssrs, answers, 5)).toBe(6);
  });

  it('an answer changed from yes to no drops the answers it had asked for', () => {
    const answers = [YES, NO, YES, YES, NO, NO, YES]; // 2 and 6 changed to no after 3–5 and 6b were answered
    expect(answersToSend(cssrs, answers)).toEqual([YES, NO, _, _, _, NO, _]);
  });

  it('an unanswered condition does not ask the item', () => {
    expect(isAsked(cssrs, [_, _, _, _, _, _, _], 2)).toBe(false);
    expect(isAsked(cssrs, [_, _, _, _, _, _, _], 1)).toBe(true);
  });
});

it('an instrument without conditions asks every item in order', () => {
  const gad7: SkippableItem[] = ['1', '2', '3', '4', '5', '6', '7'].map((linkId) => ({ linkId }));
  const answers = [1, 2, _, _, _, _, _];
  expect(askedIndexes(gad7, answers)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  expect(nextAsked(gad7, answers, 0)).toBe(1);
  expect(answersToSend(gad7, answers)).toEqual(answers);
});
