import { describe, expect, it } from 'vitest';
import { isOnsetError } from '../shared/errors.js';
import { expandSchedule } from './expand.js';
import { aCourse, dosesAt, summary } from './fixtures.js';
import { parseSchedule } from './parse-schedule.js';
import { getTemplate, listTemplates, TEMPLATE_IDS, templateSchedule } from './templates.js';

// A real induction in a New York clinic: course opened Monday 5 January 2026 at 10:00 EST (15:00Z), doses on
// Tuesdays and Fridays at 10:00 EST: 72 h, 96 h and 72 h apart.
const D1 = '2026-01-06T15:00:00.000Z';
const D2 = '2026-01-09T15:00:00.000Z';
const D3 = '2026-01-13T15:00:00.000Z';
const D4 = '2026-01-16T15:00:00.000Z';
const LATE_D2 = '2026-01-10T20:00:00.000Z'; // Saturday 15:00 EST, 29 hours late
const induction = dosesAt(D1, D2, D3, D4);

function expand(id: string, overrides: Parameters<typeof aCourse>[1] = {}): string[] {
  return summary(expandSchedule(aCourse(templateSchedule(id), { doses: induction, ...overrides })));
}

/** The template's scored questionnaires without the 24-hour check-in, which has its own tests below. */
function expandScores(id: string, overrides: Parameters<typeof aCourse>[1] = {}): string[] {
  return expand(id, overrides).filter((s) => !s.includes(':anxiety-vas @'));
}

const checkIns = (items: readonly string[]): string[] => items.filter((s) => s.includes(':anxiety-vas @'));

describe('the templates', () => {
  it('are the five named ones, each valid, with a rationale and sources', () => {
    expect(listTemplates().map((t) => [t.id, t.name])).toEqual([
      ['anxiety-intensive', 'Anxiety — intensive after each dose'],
      ['maintenance-weekly', 'Maintenance — weekly'],
      ['ptsd', 'PTSD — PCL-5 around each dose'],
      ['ocd', 'OCD — Y-BOCS at day 1 and week 1'],
      ['safety-monthly', 'Safety — urinary and craving monthly'],
    ]);
    for (const id of TEMPLATE_IDS) {
      const template = getTemplate(id);
      expect(parseSchedule(templateSchedule(id))).toEqual({ name: template.name, items: template.items });
      expect(template.rationale.length).toBeGreaterThan(100);
      expect(template.sources.length).toBeGreaterThan(0);
    }
  });

  it('hand out copies, so a clinic’s edits never change the template', () => {
    const copy = templateSchedule('ocd');
    const item = copy.items[2];
    if (item?.kind !== 'after-dose') throw new Error('expected the OCD template’s third item to be after-dose');
    item.offsetsHours.push(336);
    expect(getTemplate('ocd').items[2]).toEqual({
      kind: 'after-dose',
      instruments: ['ybocs'],
      offsetsHours: [24, 168],
    });
  });

  it('refuse an unknown template id, listing the known ones', () => {
    try {
      getTemplate('panic');
      expect.unreachable();
    } catch (error) {
      expect(isOnsetError(error) && error.code).toBe('NOT_FOUND');
      expect((error as Error).message).toBe(
        'schedule template "panic" was not found; known templates: anxiety-intensive, maintenance-weekly, ptsd, ocd, safety-monthly',
      );
    }
  });
});

describe('anxiety-intensive around the induction', () => {
  it('normal: baseline, GAD-7 before doses 2–4, and follow-ups cut by each next dose', () => {
    // d1 +72 h and d3 +72 h fall exactly on the next dose (dropped); +168 h survives only after the last dose.
    expect(expandScores('anxiety-intensive')).toEqual([
      'baseline:gad7 @ 2026-01-05T15:00',
      'baseline:phq9 @ 2026-01-05T15:00',
      'after-dose:d1:+4h:gad7 @ 2026-01-06T19:00',
      'after-dose:d1:+24h:gad7 @ 2026-01-07T15:00',
      'pre-dose:d2:gad7 @ 2026-01-08T15:00', // D2 − 24 h
      'after-dose:d2:+4h:gad7 @ 2026-01-09T19:00',
      'after-dose:d2:+24h:gad7 @ 2026-01-10T15:00',
      'after-dose:d2:+72h:gad7 @ 2026-01-12T15:00', // D3 is 96 h after D2
      'pre-dose:d3:gad7 @ 2026-01-12T15:00',
      'after-dose:d3:+4h:gad7 @ 2026-01-13T19:00',
      'after-dose:d3:+24h:gad7 @ 2026-01-14T15:00',
      'pre-dose:d4:gad7 @ 2026-01-15T15:00',
      'after-dose:d4:+4h:gad7 @ 2026-01-16T19:00',
      'after-dose:d4:+24h:gad7 @ 2026-01-17T15:00',
      'after-dose:d4:+72h:gad7 @ 2026-01-19T15:00',
      'after-dose:d4:+168h:gad7 @ 2026-01-23T15:00',
      'after-dose:d4:+168h:phq9 @ 2026-01-23T15:00',
    ]);
  });

  it('late second dose: its pre-dose and follow-ups move; dose 1 keeps its 72 h follow-up', () => {
    const items = expandScores('anxiety-intensive', { doses: dosesAt(D1, LATE_D2, D3, D4) });
    expect(items.slice(2, 9)).toEqual([
      'after-dose:d1:+4h:gad7 @ 2026-01-06T19:00',
      'after-dose:d1:+24h:gad7 @ 2026-01-07T15:00',
      'after-dose:d1:+72h:gad7 @ 2026-01-09T15:00', // before the late D2 now
      'pre-dose:d2:gad7 @ 2026-01-09T20:00', // LATE_D2 − 24 h
      'after-dose:d2:+4h:gad7 @ 2026-01-11T00:00',
      'after-dose:d2:+24h:gad7 @ 2026-01-11T20:00',
      // d2 +72 h (13 January 20:00Z) is after D3 (15:00Z): dropped.
      'pre-dose:d3:gad7 @ 2026-01-12T15:00',
    ]);
    expect(items).toHaveLength(17);
  });

  it('skipped third dose: no pre-dose or follow-ups for it; dose 2’s follow-ups run until dose 4', () => {
    const items = expandScores('anxiety-intensive', {
      doses: [
        { id: 'd1', at: D1 },
        { id: 'd2', at: D2 },
        { id: 'd4', at: D4 },
      ],
    });
    expect(items.filter((s) => s.includes(':d2:'))).toEqual([
      'pre-dose:d2:gad7 @ 2026-01-08T15:00',
      'after-dose:d2:+4h:gad7 @ 2026-01-09T19:00',
      'after-dose:d2:+24h:gad7 @ 2026-01-10T15:00',
      'after-dose:d2:+72h:gad7 @ 2026-01-12T15:00',
      // +168 h = 16 January 15:00Z is exactly dose 4: dropped.
    ]);
    expect(items.filter((s) => s.includes(':d3:'))).toEqual([]);
    expect(items.filter((s) => s.includes(':d4:'))).toEqual([
      'pre-dose:d4:gad7 @ 2026-01-15T15:00',
      'after-dose:d4:+4h:gad7 @ 2026-01-16T19:00',
      'after-dose:d4:+24h:gad7 @ 2026-01-17T15:00',
      'after-dose:d4:+72h:gad7 @ 2026-01-19T15:00',
      'after-dose:d4:+168h:gad7 @ 2026-01-23T15:00',
      'after-dose:d4:+168h:phq9 @ 2026-01-23T15:00',
    ]);
  });

  it('course ended on 14 January 00:00Z after dose 3: nothing due after it', () => {
    const items = expandScores('anxiety-intensive', {
      doses: dosesAt(D1, D2, D3),
      courseEndedAt: '2026-01-14T00:00:00.000Z',
    });
    expect(items.at(-1)).toBe('after-dose:d3:+4h:gad7 @ 2026-01-13T19:00');
    expect(items).toHaveLength(10);
  });
});

describe('the 24-hour anxiety check-in around the induction', () => {
  // Doses 72 h, 96 h and 72 h apart: +72 h after doses 1 and 3 falls exactly on the next dose (dropped).
  const induction4 = [
    'baseline:anxiety-vas @ 2026-01-05T15:00',
    'after-dose:d1:+4h:anxiety-vas @ 2026-01-06T19:00',
    'after-dose:d1:+24h:anxiety-vas @ 2026-01-07T15:00',
    'after-dose:d1:+48h:anxiety-vas @ 2026-01-08T15:00',
    'pre-dose:d2:anxiety-vas @ 2026-01-08T15:00',
    'after-dose:d2:+4h:anxiety-vas @ 2026-01-09T19:00',
    'after-dose:d2:+24h:anxiety-vas @ 2026-01-10T15:00',
    'after-dose:d2:+48h:anxiety-vas @ 2026-01-11T15:00',
    'after-dose:d2:+72h:anxiety-vas @ 2026-01-12T15:00',
    'pre-dose:d3:anxiety-vas @ 2026-01-12T15:00',
    'after-dose:d3:+4h:anxiety-vas @ 2026-01-13T19:00',
    'after-dose:d3:+24h:anxiety-vas @ 2026-01-14T15:00',
    'after-dose:d3:+48h:anxiety-vas @ 2026-01-15T15:00',
    'pre-dose:d4:anxiety-vas @ 2026-01-15T15:00',
    'after-dose:d4:+4h:anxiety-vas @ 2026-01-16T19:00',
    'after-dose:d4:+24h:anxiety-vas @ 2026-01-17T15:00',
    'after-dose:d4:+48h:anxiety-vas @ 2026-01-18T15:00',
    'after-dose:d4:+72h:anxiety-vas @ 2026-01-19T15:00',
    'after-dose:d4:+168h:anxiety-vas @ 2026-01-23T15:00',
    'after-dose:d4:+336h:anxiety-vas @ 2026-01-30T15:00',
  ];

  it.each(['anxiety-intensive', 'ptsd', 'ocd'])(
    '%s: baseline, before each dose, and 4 h, days 1, 2, 3, 7 and 14 after it',
    (id) => {
      expect(checkIns(expand(id))).toEqual(induction4);
    },
  );

  it('after a single dose, keeps all six follow-ups', () => {
    expect(checkIns(expand('anxiety-intensive', { doses: dosesAt(D1) }))).toEqual([
      'baseline:anxiety-vas @ 2026-01-05T15:00',
      'after-dose:d1:+4h:anxiety-vas @ 2026-01-06T19:00',
      'after-dose:d1:+24h:anxiety-vas @ 2026-01-07T15:00',
      'after-dose:d1:+48h:anxiety-vas @ 2026-01-08T15:00',
      'after-dose:d1:+72h:anxiety-vas @ 2026-01-09T15:00',
      'after-dose:d1:+168h:anxiety-vas @ 2026-01-13T15:00',
      'after-dose:d1:+336h:anxiety-vas @ 2026-01-20T15:00',
    ]);
  });

  it('says why in each rationale', () => {
    for (const id of ['anxiety-intensive', 'ptsd', 'ocd']) {
      expect(getTemplate(id).rationale).toContain('24-hour recall lets answers days apart differ');
      expect(getTemplate(id).sources).toContain('taylor2018');
    }
  });
});

describe('maintenance-weekly', () => {
  // Maintenance began Monday 2 February 2026 at 09:00 EST (14:00Z).
  const maintenanceStartedAt = '2026-02-02T14:00:00.000Z';

  it('asks GAD-7 and PHQ-9 every Monday at 09:00 New York time, across the March change', () => {
    const items = expand('maintenance-weekly', { maintenanceStartedAt, until: '2026-03-17T00:00:00.000Z' });
    const gad7 = items.filter((s) => s.includes(':gad7 @'));
    expect(gad7).toEqual([
      'calendar:2026-02-02:gad7 @ 2026-02-02T14:00',
      'calendar:2026-02-09:gad7 @ 2026-02-09T14:00',
      'calendar:2026-02-16:gad7 @ 2026-02-16T14:00',
      'calendar:2026-02-23:gad7 @ 2026-02-23T14:00',
      'calendar:2026-03-02:gad7 @ 2026-03-02T14:00',
      'calendar:2026-03-09:gad7 @ 2026-03-09T13:00', // EDT from 8 March
      'calendar:2026-03-16:gad7 @ 2026-03-16T13:00',
    ]);
    expect(items).toHaveLength(14); // the same dates for PHQ-9
  });

  it('does not depend on doses: a late or skipped booster changes nothing', () => {
    const base = { maintenanceStartedAt, until: '2026-03-17T00:00:00.000Z' };
    const boosters = dosesAt('2026-02-05T15:00:00.000Z', '2026-02-19T15:00:00.000Z');
    expect(expand('maintenance-weekly', { ...base, doses: boosters })).toEqual(
      expand('maintenance-weekly', { ...base, doses: boosters.slice(0, 1) }),
    );
  });

  it('lists nothing before maintenance starts, or after the course ended', () => {
    expect(expand('maintenance-weekly')).toEqual([]);
    const ended = expand('maintenance-weekly', { maintenanceStartedAt, courseEndedAt: '2026-02-12T00:00:00.000Z' });
    expect(ended).toEqual([
      'calendar:2026-02-02:gad7 @ 2026-02-02T14:00',
      'calendar:2026-02-02:phq9 @ 2026-02-02T14:00',
      'calendar:2026-02-09:gad7 @ 2026-02-09T14:00',
      'calendar:2026-02-09:phq9 @ 2026-02-09T14:00',
    ]);
  });
});

describe('ptsd around the induction', () => {
  it('normal: day-1 follow-ups between doses; day 1, 7 and 14 after the last', () => {
    expect(expandScores('ptsd')).toEqual([
      'baseline:pcl5 @ 2026-01-05T15:00',
      'after-dose:d1:+24h:pcl5 @ 2026-01-07T15:00',
      'pre-dose:d2:pcl5 @ 2026-01-08T15:00',
      'after-dose:d2:+24h:pcl5 @ 2026-01-10T15:00',
      'pre-dose:d3:pcl5 @ 2026-01-12T15:00',
      'after-dose:d3:+24h:pcl5 @ 2026-01-14T15:00',
      'pre-dose:d4:pcl5 @ 2026-01-15T15:00',
      'after-dose:d4:+24h:pcl5 @ 2026-01-17T15:00',
      'after-dose:d4:+168h:pcl5 @ 2026-01-23T15:00',
      'after-dose:d4:+336h:pcl5 @ 2026-01-30T15:00',
    ]);
  });

  it('late fourth dose (21 January, 5 days late): dose 3 gets its day-7 follow-up; dose 4’s move', () => {
    const items = expandScores('ptsd', { doses: dosesAt(D1, D2, D3, '2026-01-21T15:00:00.000Z') });
    expect(items.slice(5)).toEqual([
      'after-dose:d3:+24h:pcl5 @ 2026-01-14T15:00',
      'after-dose:d3:+168h:pcl5 @ 2026-01-20T15:00', // D3 + 7 days, now before dose 4
      'pre-dose:d4:pcl5 @ 2026-01-20T15:00', // late D4 − 24 h
      'after-dose:d4:+24h:pcl5 @ 2026-01-22T15:00',
      'after-dose:d4:+168h:pcl5 @ 2026-01-28T15:00',
      'after-dose:d4:+336h:pcl5 @ 2026-02-04T15:00',
    ]);
  });

  it('skipped last dose: dose 3 becomes the last and keeps day 1, 7 and 14', () => {
    expect(expandScores('ptsd', { doses: dosesAt(D1, D2, D3) }).slice(-3)).toEqual([
      'after-dose:d3:+24h:pcl5 @ 2026-01-14T15:00',
      'after-dose:d3:+168h:pcl5 @ 2026-01-20T15:00',
      'after-dose:d3:+336h:pcl5 @ 2026-01-27T15:00',
    ]);
  });

  it('course ended 25 January: the 14-day follow-up (30 January) is not listed', () => {
    expect(expandScores('ptsd', { courseEndedAt: '2026-01-25T00:00:00.000Z' }).at(-1)).toBe(
      'after-dose:d4:+168h:pcl5 @ 2026-01-23T15:00',
    );
  });
});

describe('ocd around the induction', () => {
  it('normal: Y-BOCS at baseline, day 1 after each dose and day 7 after the last', () => {
    expect(expandScores('ocd')).toEqual([
      'baseline:ybocs @ 2026-01-05T15:00',
      'after-dose:d1:+24h:ybocs @ 2026-01-07T15:00',
      'after-dose:d2:+24h:ybocs @ 2026-01-10T15:00',
      'after-dose:d3:+24h:ybocs @ 2026-01-14T15:00',
      'after-dose:d4:+24h:ybocs @ 2026-01-17T15:00',
      'after-dose:d4:+168h:ybocs @ 2026-01-23T15:00',
    ]);
  });

  it('late, skipped and ended: follow-ups move with the dose, vanish with it, stop at the end', () => {
    expect(expandScores('ocd', { doses: dosesAt(D1, LATE_D2, D3, D4) })[2]).toBe(
      'after-dose:d2:+24h:ybocs @ 2026-01-11T20:00',
    );
    expect(expandScores('ocd', { doses: dosesAt(D1) })).toEqual([
      'baseline:ybocs @ 2026-01-05T15:00',
      'after-dose:d1:+24h:ybocs @ 2026-01-07T15:00',
      'after-dose:d1:+168h:ybocs @ 2026-01-13T15:00', // with no second dose, day 7 after the first stays
    ]);
    expect(expandScores('ocd', { courseEndedAt: '2026-01-20T00:00:00.000Z' })).toHaveLength(5);
  });
});

describe('safety-monthly', () => {
  it('asks urinary and craving every 28 days at 09:00, on the same weekday, across the March change', () => {
    // 5 January 09:00 EST is before the course opened (10:00), so the first is 2 February; then 2 and 30 March.
    expect(expand('safety-monthly')).toEqual([
      'calendar:2026-02-02:craving @ 2026-02-02T14:00',
      'calendar:2026-02-02:urinary @ 2026-02-02T14:00',
      'calendar:2026-03-02:craving @ 2026-03-02T14:00',
      'calendar:2026-03-02:urinary @ 2026-03-02T14:00',
      'calendar:2026-03-30:craving @ 2026-03-30T13:00',
      'calendar:2026-03-30:urinary @ 2026-03-30T13:00',
      'calendar:2026-04-27:craving @ 2026-04-27T13:00',
      'calendar:2026-04-27:urinary @ 2026-04-27T13:00',
    ]);
  });

  it('ignores doses and stops when the course ends', () => {
    expect(expand('safety-monthly', { doses: dosesAt(D1) })).toEqual(expand('safety-monthly'));
    expect(expand('safety-monthly', { courseEndedAt: '2026-03-10T00:00:00.000Z' })).toHaveLength(4);
  });
});
