import { expect, it } from 'vitest';
import { checkStateSampleFromEnv, DEFAULT_CHECK_STATE_SAMPLE } from './check-state.loop.js';

it('ONSET_CHECK_STATE_SAMPLE is a whole number of patients per clinic, 50 when unset, 0 for off', () => {
  expect(checkStateSampleFromEnv({})).toBe(DEFAULT_CHECK_STATE_SAMPLE);
  expect(DEFAULT_CHECK_STATE_SAMPLE).toBe(50);
  expect(checkStateSampleFromEnv({ ONSET_CHECK_STATE_SAMPLE: '' })).toBe(50);
  expect(checkStateSampleFromEnv({ ONSET_CHECK_STATE_SAMPLE: '0' })).toBe(0);
  expect(checkStateSampleFromEnv({ ONSET_CHECK_STATE_SAMPLE: '200' })).toBe(200);
  for (const bad of ['-1', '2.5', 'fifty', ' 5', '1e3'])
    expect(() => checkStateSampleFromEnv({ ONSET_CHECK_STATE_SAMPLE: bad }), bad).toThrow(
      `ONSET_CHECK_STATE_SAMPLE: must be a whole number of patients per clinic (0 turns the daily check off); it is "${bad}"`,
    );
});
