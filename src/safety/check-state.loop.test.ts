import { expect, it } from 'vitest';
import type { ClinicStateCheck } from './check-state.service.js';
import { checkStateSampleFromEnv, DEFAULT_CHECK_STATE_SAMPLE, stateCheckLogLevel } from './check-state.loop.js';

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

const clinic = (overrides: Partial<ClinicStateCheck>): ClinicStateCheck => ({
  clinicId: 'c',
  patients: 3,
  checked: 3,
  consistent: 3,
  mismatched: [],
  outstanding: [],
  missingAlerts: 0,
  alertsRaised: 0,
  basisNotCurrent: 0,
  unexpectedAlerts: 0,
  unexplainedAlerts: 0,
  failed: [],
  details: [],
  ...overrides,
});

it('a clinic is logged at warn for missing or unexplained alerts and failures, at info for stale bases alone', () => {
  expect(stateCheckLogLevel(clinic({}))).toBeNull();
  expect(stateCheckLogLevel(clinic({ unexpectedAlerts: 2 }))).toBeNull();
  expect(stateCheckLogLevel(clinic({ mismatched: ['p'], basisNotCurrent: 1 }))).toBe('info');
  expect(stateCheckLogLevel(clinic({ mismatched: ['p'], missingAlerts: 1, alertsRaised: 1 }))).toBe('warn');
  expect(stateCheckLogLevel(clinic({ mismatched: ['p'], unexplainedAlerts: 1, outstanding: ['p'] }))).toBe('warn');
  expect(stateCheckLogLevel(clinic({ failed: [{ patientId: 'p', message: 'm' }] }))).toBe('warn');
});
