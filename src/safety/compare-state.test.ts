import { describe, expect, it } from 'vitest';
import { compareState, type RaisedAlert, type StateFacts } from './compare-state.js';

const BASIS = '{"rules":1,"baselineWindowDays":14}';
const T0 = '2026-03-01T12:00:00.000Z';
const T1 = '2026-03-02T12:00:00.000Z';

const finding = (rule: string, episodeKey: string): StateFacts['findings'][number] => ({
  rule: rule as StateFacts['findings'][number]['rule'],
  episodeKey,
  severity: 'warning',
  raisedAt: '2026-01-05T10:00:00.000Z',
});

const alert = (rule: string, episodeKey: string, overrides: Partial<RaisedAlert> = {}): RaisedAlert => ({
  id: `alert-${rule}-${episodeKey}`,
  rule,
  episodeKey,
  raisedAt: '2026-01-05T10:00:00.000Z',
  createdAt: T0,
  createdSeq: 10,
  ...overrides,
});

/** A patient last written at T0 (audit entry 9), evaluated under the current basis, settings unchanged since. */
function facts(overrides: Partial<StateFacts> = {}): StateFacts {
  return {
    findings: [],
    alerts: [],
    stored: { basis: BASIS, evaluatedAt: T0 },
    currentBasis: BASIS,
    lastWriteAt: T0,
    lastWriteSeq: 9,
    settingsChangedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('compareState', () => {
  it('matches when every finding has its alert and every alert its finding', () => {
    const result = compareState(
      facts({ findings: [finding('bp-pre-dose', 'dose:1')], alerts: [alert('bp-pre-dose', 'dose:1')] }),
    );
    expect(result).toEqual({ basis: 'current', missing: [], unexpected: [], mismatch: false });
  });

  it('a finding without its alert is missing: a fault under the current basis and settings', () => {
    const result = compareState(facts({ findings: [finding('suicidality', 'assessment:1')] }));
    expect(result.missing).toEqual([
      {
        rule: 'suicidality',
        episodeKey: 'assessment:1',
        severity: 'warning',
        raisedAt: '2026-01-05T10:00:00.000Z',
        cause: 'not-raised',
      },
    ]);
    expect(result.mismatch).toBe(true);
  });

  it('puts a missing alert down to the basis, or to settings changed after the last write', () => {
    const findings = [finding('suicidality', 'assessment:1')];
    expect(compareState(facts({ findings, stored: null })).missing[0]?.cause).toBe('rules');
    expect(compareState(facts({ findings, stored: { basis: '{}', evaluatedAt: T0 } })).missing[0]?.cause).toBe('rules');
    expect(compareState(facts({ findings, settingsChangedAt: T1 })).missing[0]?.cause).toBe('settings');
  });

  it('a basis not current is a mismatch once the patient has records, and only then', () => {
    expect(compareState(facts({ stored: { basis: '{}', evaluatedAt: T0 } }))).toMatchObject({
      basis: 'stale',
      mismatch: true,
    });
    expect(compareState(facts({ stored: null }))).toMatchObject({ basis: 'none', mismatch: true });
    expect(compareState(facts({ stored: null, lastWriteAt: null, lastWriteSeq: null }))).toMatchObject({
      basis: 'none',
      mismatch: false,
    });
  });

  it('explains an alert without its finding by what happened after it was raised; only the unexplained one is a mismatch', () => {
    const cause = (overrides: Partial<StateFacts>, raised: RaisedAlert = alert('craving', 'high:assessment:1')) =>
      compareState(facts({ alerts: [raised], ...overrides })).unexpected[0]?.cause;
    expect(cause({ lastWriteSeq: 11 })).toBe('later-writes');
    expect(cause({ settingsChangedAt: T1 })).toBe('settings');
    expect(cause({ stored: { basis: BASIS, evaluatedAt: T1 } })).toBe('rules');
    expect(cause({ stored: { basis: '{}', evaluatedAt: T0 } })).toBe('rules');
    expect(cause({}, alert('retired-rule', 'x'))).toBe('unknown-rule');
    expect(cause({})).toBe('unexplained');
    expect(compareState(facts({ alerts: [alert('craving', 'x')] })).mismatch).toBe(true);
    expect(compareState(facts({ alerts: [alert('craving', 'x')], lastWriteSeq: 11 })).mismatch).toBe(false);
  });

  it('orders writes by the audit chain, not the clocks: a write stamped before an alert it committed after is later', () => {
    // The second write took its time before it waited for the patient's lock, held by the write that raised the alert.
    const raised = alert('missed-follow-up', 'dose:1', { createdAt: T1, createdSeq: 10 });
    expect(compareState(facts({ alerts: [raised], lastWriteAt: T0, lastWriteSeq: 12 })).unexpected[0]?.cause).toBe(
      'later-writes',
    );
    // Without audit entries (records loaded in bulk) the clocks are all there is.
    const unaudited = alert('missed-follow-up', 'dose:1', { createdSeq: null });
    expect(compareState(facts({ alerts: [unaudited], lastWriteAt: T1, lastWriteSeq: null })).unexpected[0]?.cause).toBe(
      'later-writes',
    );
  });
});
