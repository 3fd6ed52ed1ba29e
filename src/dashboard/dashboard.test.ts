import { describe, expect, it } from 'vitest';
import type { ReliefEnding } from '../forecast/index.js';
import { compareQueue, endingWithin, scoreTrend, type DashboardItem } from './dashboard.service.js';
import { DAY_MS } from '../shared/time.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

function item(
  label: string,
  alerts: Partial<DashboardItem['openAlerts']>,
  endsInDays: number | null,
  daysSinceLastDose: number | null = 1,
): DashboardItem {
  return {
    patient: { id: label, label, name: null, synthetic: false },
    openAlerts: { urgent: 0, warning: 0, info: 0, ...alerts },
    latest: null,
    daysSinceLastDose,
    nextDue: null,
    reliefEnding:
      endsInDays === null
        ? null
        : {
            withinDays: 3,
            dose: 2,
            predictedEndAt: new Date(NOW + endsInDays * DAY_MS).toISOString(),
            windowFrom: new Date(NOW).toISOString(),
            windowTo: new Date(NOW + 5 * DAY_MS).toISOString(),
            basis: 'cohort',
          },
  };
}

describe('the work queue order', () => {
  it('urgent alerts, then relief likely ending (soonest first), then warnings, information, the rest', () => {
    const items = [
      item('rest', {}, null, 30),
      item('info', { info: 1 }, null),
      item('warning', { warning: 2 }, null),
      item('ending-later', {}, 2),
      item('urgent', { urgent: 1 }, null),
      item('ending-soon', {}, -1),
      item('ending-and-warning', { warning: 1 }, 1),
    ];
    expect(items.sort(compareQueue).map((i) => i.patient.label)).toEqual([
      'urgent',
      'ending-soon',
      'ending-and-warning',
      'ending-later',
      'warning',
      'info',
      'rest',
    ]);
  });

  it('breaks ties by more alerts of the same severity, then the longest since a dose (none last), then the label', () => {
    const items = [
      item('b-no-dose', {}, null, null),
      item('c-recent', {}, null, 2),
      item('a-recent', {}, null, 2),
      item('long-ago', {}, null, 40),
      item('two-urgent', { urgent: 2 }, null, 1),
      item('one-urgent-old', { urgent: 1 }, null, 90),
      item('ending-same-day-b', {}, 1),
      item('ending-same-day-a', {}, 1),
    ];
    expect(items.sort(compareQueue).map((i) => i.patient.label)).toEqual([
      'two-urgent',
      'one-urgent-old',
      'ending-same-day-a',
      'ending-same-day-b',
      'long-ago',
      'a-recent',
      'c-recent',
      'b-no-dose',
    ]);
  });
});

describe('relief likely ending within N days', () => {
  const ending = (medianEndInDays: number): ReliefEnding => ({
    patientId: 'p',
    dose: 2,
    doseAt: NOW - 3 * DAY_MS,
    medianEndAt: NOW + medianEndInDays * DAY_MS,
    nextSessionFrom: NOW - DAY_MS,
    nextSessionTo: NOW + 6 * DAY_MS,
    basis: 'patient',
  });

  it('lists a predicted end within N days of now, ahead or passed, and none further either way', () => {
    expect(endingWithin(ending(3), NOW, 3)).toEqual({
      withinDays: 3,
      dose: 2,
      predictedEndAt: '2026-03-04T12:00:00.000Z',
      windowFrom: '2026-02-28T12:00:00.000Z',
      windowTo: '2026-03-07T12:00:00.000Z',
      basis: 'patient',
    });
    expect(endingWithin(ending(-3), NOW, 3)?.predictedEndAt).toBe('2026-02-26T12:00:00.000Z');
    expect(endingWithin(ending(-3.01), NOW, 3)).toBeNull();
    expect(endingWithin(ending(-120), NOW, 3)).toBeNull();
    expect(endingWithin(ending(3.01), NOW, 3)).toBeNull();
    expect(endingWithin(ending(6), NOW, 7)).not.toBeNull();
  });
});

describe('the trend of the latest score', () => {
  it('is better when lower, worse when higher (by any amount), same when equal, and none without an earlier score', () => {
    expect(scoreTrend(9, 10)).toBe('better');
    expect(scoreTrend(11, 10)).toBe('worse');
    expect(scoreTrend(10, 10)).toBe('same');
    expect(scoreTrend(0, 27)).toBe('better');
    expect(scoreTrend(10, undefined)).toBeNull();
  });
});
