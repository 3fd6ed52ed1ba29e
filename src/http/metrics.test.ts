import { expect, it } from 'vitest';
import { Metrics } from './metrics.js';

it('the safety state check adds its counts to counters that only grow', () => {
  const metrics = new Metrics();
  expect(metrics.render()).toContain('onset_safety_state_checked_total 0\n');
  metrics.countStateCheck({ checked: 50, mismatched: 2, alertsRaised: 3, failed: 0 });
  metrics.countStateCheck({ checked: 7, mismatched: 0, alertsRaised: 0, failed: 1 });
  const text = metrics.render();
  expect(text).toContain('# TYPE onset_safety_state_checked_total counter\nonset_safety_state_checked_total 57\n');
  expect(text).toContain('onset_safety_state_mismatched_total 2\n');
  expect(text).toContain('onset_safety_state_alerts_raised_total 3\n');
  expect(text).toContain('onset_safety_state_failed_total 1\n');
});
