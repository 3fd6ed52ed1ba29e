// Unit tests of the web app's pure modules (no DOM): formats, CSV, checks, routes, problem parsing,
// chart geometry and Kaplan–Meier helpers. Browser behaviour is in the *.int.test.ts files beside this.
import { describe, expect, it } from 'vitest';
import { chartGeometry } from '../../web/src/patient/chart.js';
import { bandWords, questionStem } from '../../web/src/patient/text.js';
import { fieldProblems, toProblem } from '../../web/src/shared/problem.js';
import { formatCsv } from '../../src/shared/csv.js';
import { ago, duration, mgPerKg, percent, proportion, usd } from '../../web/src/app/format.js';
import { ADMIN_SECTIONS, matchRoute } from '../../web/src/app/routes.js';
import { CLINICIAN_PATHS } from '../../src/http/web.js';
import { checkNumber, collect } from '../../web/src/app/validate.js';
import { atRisk, dayTicks, stepPoints } from '../../web/src/app/charts/km-data.js';
import type { KmResult } from '../../web/src/app/types.js';
import { timelineData } from '../../web/src/app/pages/patient/timeline-data.js';
import { DAY_MS } from '../../src/shared/time.js';
import { getInstrument } from '../../src/instruments/registry.js';
import { ratingItems } from '../../web/src/app/rating-items.js';
import { changeWords } from '../../web/src/app/schedule-words.js';

describe('format', () => {
  it('works out mg/kg to two decimals, and none without a weight', () => {
    // 35 mg ÷ 70 kg = 0.5; 50 mg ÷ 68 kg = 0.7353 → 0.74.
    expect(mgPerKg(35, 70)).toBe(0.5);
    expect(mgPerKg(50, 68)).toBe(0.74);
    expect(mgPerKg(35, null)).toBeNull();
    expect(mgPerKg(0, 70)).toBeNull();
  });

  it('says durations as people do, and proportions with their interval', () => {
    expect(duration(0.25)).toBe('6 hours');
    expect(duration(3.25)).toBe('3.3 days');
    expect(duration(null)).toBe('—');
    expect(percent(0.4225)).toBe('42%');
    expect(usd(6921.77)).toBe('$6,922');
    expect(proportion({ numerator: 12, denominator: 30, proportion: 0.4, lower: 0.2459, upper: 0.5768 })).toBe(
      '12 of 30 (40%; 95% CI 25%–58%)',
    );
    expect(proportion({ numerator: 0, denominator: 0, proportion: null, lower: null, upper: null })).toBe('0 of 0');
  });
});

describe('how long ago, as people say it', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const before = (minutes: number): string => new Date(now.getTime() - minutes * 60_000).toISOString();
  it('counts minutes, hours, then days, with the right plurals', () => {
    expect(ago(before(0.5), now)).toBe('just now');
    expect(ago(before(-3), now)).toBe('just now');
    expect(ago(before(1), now)).toBe('1 minute ago');
    expect(ago(before(25), now)).toBe('25 minutes ago');
    expect(ago(before(60), now)).toBe('1 hour ago');
    expect(ago(before(5 * 60 + 59), now)).toBe('5 hours ago');
    expect(ago(before(24 * 60), now)).toBe('yesterday');
    expect(ago(before(47 * 60), now)).toBe('yesterday');
    expect(ago(before(48 * 60), now)).toBe('2 days ago');
    expect(ago(before(64 * 24 * 60), now)).toBe('64 days ago');
  });
});

describe('csv', () => {
  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    const text = formatCsv(
      ['a', 'b'],
      [
        ['x, y', 'say "hi"'],
        ['=SUM(A1)', 12],
        [null, true],
      ],
    );
    expect(text).toBe('a,b\r\n"x, y","say ""hi"""\r\n\'=SUM(A1),12\r\n,true\r\n');
  });

  it('defuses a leading tab or carriage return, full-width formula signs and a formula after a separator', () => {
    const cells = ['\t=1+1', '\r=1+1', '＝1+1', '＋1', '－1', '＠SUM(A1)', 'calm;=1+1', 'calm,=1+1'];
    const lines = formatCsv(
      ['a'],
      cells.map((cell) => [cell]),
    ).split('\r\n');
    expect(lines.slice(1, -1)).toEqual([
      "'\t=1+1",
      `"'\r=1+1"`,
      "'＝1+1",
      "'＋1",
      "'－1",
      "'＠SUM(A1)",
      "'calm;=1+1",
      `"'calm,=1+1"`,
    ]);
  });
});

describe('validate', () => {
  it('names the field, the value and the allowed range', () => {
    const rule = { what: 'the dose', unit: 'mg', min: 0, exclusiveMin: true, max: 1000, required: true };
    expect(checkNumber('', rule)).toEqual({ ok: false, error: 'Enter the dose (more than 0 mg and at most 1000 mg)' });
    expect(checkNumber('0', rule)).toEqual({
      ok: false,
      error: 'The dose: 0 mg is outside the allowed range (more than 0 mg and at most 1000 mg)',
    });
    expect(checkNumber('1,000', rule)).toEqual({ ok: true, value: 1000 });
    expect(checkNumber('abc', rule)).toMatchObject({ ok: false });
    expect(checkNumber('2.5', { what: 'heart rate', integer: true })).toEqual({
      ok: false,
      error: 'Heart rate must be a whole number',
    });
    expect(checkNumber('', { what: 'the price' })).toEqual({ ok: true, value: null });
  });

  it('collects every error at once', () => {
    const result = collect({
      a: checkNumber('x', { what: 'a' }),
      b: checkNumber('2', { what: 'b' }),
      c: checkNumber('', { what: 'c', required: true }),
    });
    expect(result).toEqual({ ok: false, errors: { a: 'A must be a number', c: 'Enter c' } });
  });
});

describe('routes', () => {
  it('maps paths to pages, and anything else to not-found', () => {
    const id = '2917f672-27aa-4cc7-ae51-3298587f2cb3';
    expect(matchRoute('/')).toEqual({ page: 'dashboard' });
    expect(matchRoute('/cohort/')).toEqual({ page: 'cohort' });
    expect(matchRoute(`/patients/${id}`)).toEqual({ page: 'patient', id });
    expect(matchRoute(`/patients/${id}/summary`)).toEqual({ page: 'patient-summary', id });
    expect(matchRoute('/patients/not-an-id')).toEqual({ page: 'not-found' });
    expect(matchRoute('/admin')).toEqual({ page: 'admin', section: null });
    expect(matchRoute('/admin/users')).toEqual({ page: 'admin', section: 'users' });
    for (const unknown of ['/admin/nope', '/settings/x', '/admin/users/x', '/report/x'])
      expect(matchRoute(unknown), unknown).toEqual({ page: 'not-found' });
  });

  it('draws a page for every path the server serves the app at (src/http/web.ts), and the server serves each', () => {
    const id = '2917f672-27aa-4cc7-ae51-3298587f2cb3';
    for (const path of CLINICIAN_PATHS) {
      const url = path.replace(/:[a-zA-Z]+/g, id);
      expect(matchRoute(url).page, url).not.toBe('not-found');
    }
    const served = new Set<string>(CLINICIAN_PATHS);
    for (const section of ADMIN_SECTIONS) expect(served.has(`/admin/${section}`), section).toBe(true);
  });
});

describe('problems', () => {
  it('reads field problems from problem+json, or from a schema-validation sentence', () => {
    const listed = toProblem(400, {
      code: 'VALIDATION_FAILED',
      detail: 'mg: too big',
      problems: [{ field: 'mg', reason: 'too big' }],
    });
    expect(fieldProblems(listed)).toEqual([{ field: 'mg', reason: 'too big' }]);
    const sentence = toProblem(400, {
      code: 'FST_ERR_VALIDATION',
      detail: "body must have required property 'route', body/mg must be > 0",
    });
    expect(fieldProblems(sentence)).toEqual([
      { field: 'route', reason: 'is required' },
      { field: 'mg', reason: 'must be > 0' },
    ]);
    expect(toProblem(0, null).detail).toMatch(/Could not reach the server/);
  });
});

describe('patient page text', () => {
  it('takes the question from the intro and leaves out clinician notes', () => {
    expect(
      questionStem(
        'Over the last 2 weeks, how often have you been bothered by the following problems? Seven items scored 0–3.',
      ),
    ).toBe('Over the last 2 weeks, how often have you been bothered by the following problems?');
    expect(questionStem('Six dissociation items from the CADSS, each 0–4, rated after a dose.')).toBeNull();
    expect(bandWords('moderate')).toBe('in the moderate range');
    expect(bandWords(null)).toBe('');
  });
});

describe('progress chart geometry', () => {
  it('puts higher scores higher up and time left to right', () => {
    // Frame: x 40…624 (640 − 16), y 16…224 (260 − 36). Scores 0–21.
    const g = chartGeometry({
      points: [
        { at: 2 * DAY_MS, total: 21 },
        { at: 0, total: 0 },
      ],
      doses: [DAY_MS],
      min: 0,
      max: 21,
      width: 640,
      height: 260,
    });
    expect(g.dots).toEqual([
      { x: 40, y: 224, total: 0, at: 0 },
      { x: 624, y: 16, total: 21, at: 2 * DAY_MS },
    ]);
    expect(g.doseXs).toEqual([332]); // halfway: 40 + 584 / 2
    expect(g.line).toBe('M40,224L624,16');
    expect(g.yTicks.map((t) => t.value)).toEqual([0, 11, 21]); // 10.5 rounded: whole scores only
  });

  it('centres a single moment in a two-DAY_MS window', () => {
    const g = chartGeometry({
      points: [{ at: 1_000_000, total: 5 }],
      doses: [],
      min: 0,
      max: 10,
      width: 640,
      height: 260,
    });
    expect(g.dots[0]?.x).toBe(332);
  });
});

describe('Kaplan–Meier helpers', () => {
  // Three subjects: event at 1, censored at 2, event at 3 → S = 2/3 after t=1, 0 after t=3.
  const curve: KmResult = {
    n: 3,
    events: 2,
    table: [
      { time: 1, nRisk: 3, nEvent: 1, nCensor: 0, survival: 2 / 3, stdErr: 0.35, lower: 0.3, upper: 1 },
      { time: 2, nRisk: 2, nEvent: 0, nCensor: 1, survival: 2 / 3, stdErr: 0.35, lower: 0.3, upper: 1 },
      { time: 3, nRisk: 1, nEvent: 1, nCensor: 0, survival: 0, stdErr: Infinity, lower: null, upper: null },
    ],
    median: 3,
    medianLower: 1,
    medianUpper: null,
    confType: 'log',
    confLevel: 0.95,
  };

  it('counts those at risk: everyone at 0, then those whose time is at or after t', () => {
    expect([0, 1, 1.5, 2, 3, 3.5].map((t) => atRisk(curve, t))).toEqual([3, 3, 2, 2, 1, 0]);
  });

  it('starts the steps at time 0 and flips the band for the cumulative curve', () => {
    expect(stepPoints(curve, 'survival')[0]).toEqual({ time: 0, value: 1, lower: 1, upper: 1 });
    const cumulative = stepPoints(curve, 'cumulative');
    expect(cumulative[1]).toMatchObject({ time: 1, lower: 0, upper: 0.7 });
    expect(cumulative[1]?.value).toBeCloseTo(1 / 3, 12);
    expect(cumulative[3]).toEqual({ time: 3, value: 1, lower: null, upper: null });
  });

  it('chooses readable tick steps whose last tick covers the longest time', () => {
    expect(dayTicks(44)).toEqual([0, 14, 28, 42, 56]);
    expect(dayTicks(3.9)).toEqual([0, 1, 2, 3, 4]);
    expect(dayTicks(0)).toEqual([0, 1]);
  });
});

describe('patient timeline data', () => {
  it('draws the response band at baseline × (1 − r) and the remission band at the cut-off', () => {
    // Baseline 16, GAD-7 response fraction 0.5 → response at or below 8; remission at or below 4.
    const outcomes = [
      {
        instrument: 'gad7',
        name: 'GAD-7',
        definition: { responseFraction: 0.5, remissionMax: 4, reliableChange: 4, source: 'Spitzer 2006' },
        outcomes: {
          baseline: { at: '2026-01-04T09:00:00.000Z', total: 16 },
          assessments: [
            {
              at: '2026-01-06T09:00:00.000Z',
              total: 7,
              change: -9,
              percentChange: -56.25,
              response: true,
              remission: false,
              reliable: 'improved' as const,
            },
          ],
        },
      },
    ] as unknown as Parameters<typeof timelineData>[0]['outcomes'];
    const assessment = (completedAt: string, total: number) =>
      ({ instrument: 'gad7', completedAt, total, band: null, complete: true }) as unknown as Parameters<
        typeof timelineData
      >[0]['assessments'][number];
    const data = timelineData({
      doses: [{ givenAt: '2026-01-05T10:00:00Z', route: 'iv', mg: 35, mgPerKg: 0.5 }] as unknown as Parameters<
        typeof timelineData
      >[0]['doses'],
      assessments: [assessment('2026-01-06T09:00:00.000Z', 7), assessment('2026-01-04T09:00:00.000Z', 16)],
      adverseEvents: [],
      alerts: [],
      outcomes,
      ranges: new Map([['gad7', { min: 0, max: 21, name: 'GAD-7' }]]),
    });
    expect(data.panels).toHaveLength(1);
    expect(data.panels[0]).toMatchObject({
      instrument: 'gad7',
      min: 0,
      max: 21,
      baseline: 16,
      responseMax: 8,
      remissionMax: 4,
    });
    expect(data.panels[0]?.points.map((p) => [p.total, p.response])).toEqual([
      [16, null],
      [7, true],
    ]);
    expect(data.doses).toEqual([
      { at: Date.parse('2026-01-05T10:00:00Z'), route: 'iv', mg: 35, mgPerKg: 0.5, number: 1 },
    ]);
    expect(data.reliefEnd).toBeNull();
  });

  it('puts the predicted end of relief after the latest dose on the axis, and extends the axis to hold it', () => {
    // Dose 1 on 5 January 10:00; relief has held 2 days, 3 more at the median: median end 10 January 10:00.
    const forecast = {
      patientId: 'p',
      instrument: 'gad7',
      relief: {
        dose: 1,
        doseAt: '2026-01-05T10:00:00.000Z',
        elapsedDays: 2,
        remainingMedianDays: 3,
        nextSessionFrom: '2026-01-08T10:00:00.000Z',
        nextSessionTo: '2026-01-25T10:00:00.000Z',
      },
      noRelief: null,
      keepGoing: null,
      model: {
        distribution: 'lognormal',
        patients: 13,
        episodes: 26,
        events: 25,
        frailtySd: 0.2,
        fittedAt: '2026-01-07T10:00:00.000Z',
      },
    } as unknown as NonNullable<Parameters<typeof timelineData>[0]['forecast']>;
    const input = {
      doses: [{ givenAt: '2026-01-05T10:00:00Z', route: 'iv', mg: 35, mgPerKg: 0.5 }] as unknown as Parameters<
        typeof timelineData
      >[0]['doses'],
      assessments: [
        { instrument: 'gad7', completedAt: '2026-01-04T09:00:00.000Z', total: 16, band: null, complete: true },
      ] as unknown as Parameters<typeof timelineData>[0]['assessments'],
      adverseEvents: [],
      alerts: [],
      outcomes: [],
      ranges: new Map([['gad7', { min: 0, max: 21, name: 'GAD-7' }]]),
    };
    const data = timelineData({ ...input, forecast });
    expect(data.reliefEnd).toEqual({
      dose: 1,
      from: Date.parse('2026-01-08T10:00:00Z'),
      to: Date.parse('2026-01-25T10:00:00Z'),
      median: Date.parse('2026-01-10T10:00:00Z'),
      instrument: 'gad7',
      modelEpisodes: 26,
    });
    // First mark 4 January 09:00, last the window's end 25 January 10:00: 21 days, 2% of it is under
    // half a DAY_MS, so half a DAY_MS either side.
    expect(data.start).toBe(Date.parse('2026-01-03T21:00:00Z'));
    expect(data.end).toBe(Date.parse('2026-01-25T22:00:00Z'));
    // Without a relief forecast the axis ends half a DAY_MS after the dose.
    const without = timelineData({ ...input, forecast: { ...forecast, relief: null } });
    expect(without.reliefEnd).toBeNull();
    expect(without.end).toBe(Date.parse('2026-01-05T22:00:00Z'));
  });
});

describe('clinician rating items', () => {
  it('reads the C-SSRS screener’s skip logic from its enableWhen: 3–5 after a yes to 2, 6b after a yes to 6', () => {
    const asked = ratingItems(getInstrument('cssrs')).map((item) => [item.linkId, item.askedWhen]);
    const yesTo = (linkId: string): { linkId: string; value: number }[] => [{ linkId, value: 1 }];
    expect(asked).toEqual([
      ['1', []],
      ['2', []],
      ['3', yesTo('2')],
      ['4', yesTo('2')],
      ['5', yesTo('2')],
      ['6', []],
      ['6b', yesTo('6')],
    ]);
  });

  it('gives each HAM-A item its words and the options 0–4 with their labels', () => {
    const [first] = ratingItems(getInstrument('hama'));
    expect(first?.text).toMatch(/^Anxious mood/);
    expect(first?.options.map((o) => `${o.value} ${o.label}`)).toEqual([
      '0 Not present',
      '1 Mild',
      '2 Moderate',
      '3 Severe',
      '4 Very severe',
    ]);
  });
});

describe('schedule changes in words', () => {
  const instruments = [
    { id: 'gad7', name: 'Generalized Anxiety Disorder 7', shortName: 'GAD-7', totalMin: 0, totalMax: 21 },
    { id: 'phq9', name: 'Patient Health Questionnaire 9', shortName: 'PHQ-9', totalMin: 0, totalMax: 27 },
  ];
  it('names what will be asked and what no longer, and nothing for an item both keep', () => {
    const before = {
      name: 'A',
      items: [
        { kind: 'baseline' as const, instruments: ['gad7'] },
        { kind: 'pre-dose' as const, instruments: ['gad7'] },
      ],
    };
    const after = {
      name: 'B',
      items: [
        { kind: 'baseline' as const, instruments: ['gad7'] },
        { kind: 'after-dose' as const, instruments: ['phq9'], offsetsHours: [24, 168] },
      ],
    };
    expect(changeWords(before, after, instruments)).toEqual({
      added: ['After each dose, at 24, 168 hours: PHQ-9'],
      removed: ['Before each dose: GAD-7'],
    });
    expect(changeWords(null, before, instruments)).toEqual({
      added: ['Before the first dose (baseline): GAD-7', 'Before each dose: GAD-7'],
      removed: [],
    });
  });
});
