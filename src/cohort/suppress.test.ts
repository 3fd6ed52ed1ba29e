// Small-cell suppression worked by hand: each report below is written out in full (not computed), so
// every expected cell is read off the input with the rules of suppress.ts at a minimum of 11.
import { describe, expect, it } from 'vitest';
import type { KmResult, KmRow } from '../stats/kaplan-meier.js';
import type { CohortReport, DoseRow, SurvivalFigure } from '../outcomes/cohort/types.js';
import { suppressSmallCells } from './suppress.js';

const S = 'suppressed (n < 11)';

function rate(
  numerator: number,
  denominator: number,
  definition: 'ittResponse' | 'ittRemission' | 'perProtocolResponse' | 'perProtocolRemission',
) {
  const proportion = denominator === 0 ? null : numerator / denominator;
  return { numerator, denominator, proportion, lower: proportion, upper: proportion, n: denominator, definition };
}

function doseRow(dose: number, n: number, response: number, remission: number, perProtocolN: number): DoseRow {
  return {
    dose,
    itt: { response: rate(response, n, 'ittResponse'), remission: rate(remission, n, 'ittRemission') },
    perProtocol: {
      response: rate(response, perProtocolN, 'perProtocolResponse'),
      remission: rate(remission, perProtocolN, 'perProtocolRemission'),
    },
  };
}

function row(time: number, nRisk: number, nEvent: number): KmRow {
  return { time, nRisk, nEvent, nCensor: 0, survival: 0.5, stdErr: 0.1, lower: 0.4, upper: 0.6 };
}

function km(n: number, table: KmRow[], median: number | null): KmResult {
  const events = table.reduce((sum, r) => sum + r.nEvent, 0);
  return { n, events, table, median, medianLower: median, medianUpper: null, confType: 'log', confLevel: 0.95 };
}

function survival(n: number, groups: [string, number][], excluded = 0): SurvivalFigure {
  const curve = km(n, [row(1, n, 1)], null);
  return {
    n,
    definition: 'onsetCurve',
    overall: curve,
    byCondition: groups.map(([condition, size]) => ({ condition, n: size, curve: km(size, [row(1, size, 1)], null) })),
    logRank:
      groups.length < 2
        ? null
        : {
            chiSquare: 1,
            df: groups.length - 1,
            p: 0.3,
            groups: groups.map(([name, size]) => ({ name, n: size, observed: 1, expected: 1 })),
          },
    logRankUnavailable: groups.length < 2 ? 'fewer than 2 condition groups' : null,
    excluded: excluded > 0 ? [{ reason: 'no baseline (response cannot be defined)', count: excluded }] : [],
    note: 'note.',
  };
}

/** 40 patients, every cell 0 or at least 11 apart from what a test changes. */
function report(n = 40): CohortReport {
  return {
    instrument: 'gad7',
    filter: {},
    n,
    withoutBaseline: 0,
    responseByDose: { n, definition: 'ittResponse', rows: [doseRow(1, n, 20, 0, n)] },
    onset: survival(n, [
      ['gad', 25],
      ['ptsd', 15],
    ]),
    relief: survival(n, []),
    adverseEvents: {
      n: 120,
      definition: 'adverseEventsPer100Doses',
      doses: 120,
      events: 30,
      byCategory: [{ category: 'nausea', count: 30, per100Doses: 25 }],
    },
    boosterRate: {
      n,
      definition: 'boosterRate',
      median: 2,
      bins: [
        { from: 0, to: 1, count: 0 },
        { from: 1, to: 2, count: 20 },
        { from: 2, to: null, count: 20 },
      ],
      excludedShortFollowUp: 0,
    },
    costPerResponder: {
      n,
      definition: 'costPerResponder',
      valueUsd: 900,
      totalCostUsd: 18000,
      responders: 20,
      patientsWithUnknownCost: 0,
    },
  };
}

/** Every number anywhere in a value (keys included in the path for the failure message). */
function numbers(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return [`${path}=${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
  return [];
}

describe('small-cell suppression of the cohort report', () => {
  it('publishes a report with no small cell unchanged', () => {
    const published = suppressSmallCells(report(), 11);
    const { suppression, ...rest } = published;
    expect(suppression).toEqual({ minCellSize: 11, label: S });
    expect({ ...rest, onset: { ...rest.onset, note: 'note.' }, relief: { ...rest.relief, note: 'note.' } }).toEqual(
      report(),
    );
  });

  it('withholds every number of a cohort of one patient, naming the reason', () => {
    const one = report(1);
    one.onset = survival(1, [['ocd', 1]]);
    one.adverseEvents = {
      n: 3,
      definition: 'adverseEventsPer100Doses',
      doses: 3,
      events: 1,
      byCategory: [{ category: 'suicidality', count: 1, per100Doses: 33.3 }],
    };
    const published = suppressSmallCells(one, 11);
    expect(published.n).toBe(S);
    expect(published.suppressed).toBe(S);
    expect(numbers({ ...published, suppression: null })).toEqual([]);
    expect(JSON.stringify(published)).not.toContain('suicidality');
  });

  it('withholds a proportion whose responders, or non-responders, are fewer than 11', () => {
    const r = report(40);
    r.responseByDose.rows = [doseRow(1, 40, 5, 0, 40), doseRow(2, 40, 35, 11, 40), doseRow(3, 40, 11, 29, 40)];
    const [d1, d2, d3] = suppressSmallCells(r, 11).responseByDose.rows;
    // 5 responders: small. 35 responders leave 5 non-responders: small. 11 and 29 are not.
    expect(d1?.itt.response).toMatchObject({
      numerator: S,
      proportion: S,
      lower: S,
      upper: S,
      denominator: 40,
      suppressed: S,
    });
    expect(d1?.itt.remission.numerator).toBe(0);
    expect(d2?.itt.response.numerator).toBe(S);
    expect(d2?.itt.remission.numerator).toBe(11);
    expect(d3?.itt.response.numerator).toBe(11);
    expect(d3?.itt.remission.numerator).toBe(29);
  });

  it('withholds a numerator in both analyses when the per-protocol remainder would give it away', () => {
    const r = report(40);
    // 25 assessed of 40 (15 not assessed: publishable); 20 responded, so 5 assessed non-responders.
    r.responseByDose.rows = [doseRow(1, 40, 20, 0, 25)];
    const [d1] = suppressSmallCells(r, 11).responseByDose.rows;
    expect(d1?.perProtocol.response).toMatchObject({ numerator: S, proportion: S, denominator: 25 });
    // 20 of 40 is safe alone, but 25 − 20 = 5 would be read off the per-protocol denominator.
    expect(d1?.itt.response).toMatchObject({ numerator: S, proportion: S, denominator: 40 });
  });

  it('withholds a per-protocol denominator that is, or leaves, fewer than 11 patients', () => {
    const r = report(40);
    r.responseByDose.rows = [doseRow(1, 40, 0, 0, 8), doseRow(2, 40, 0, 0, 33)];
    const [d1, d2] = suppressSmallCells(r, 11).responseByDose.rows;
    expect(d1?.perProtocol.response).toMatchObject({ denominator: S, n: S, numerator: S });
    // 40 − 33 = 7 patients not assessed after dose 2.
    expect(d2?.perProtocol.remission).toMatchObject({ denominator: S, n: S });
    expect(d2?.itt.response.numerator).toBe(0);
  });

  it('suppresses a second adverse-event category when only one is small, so the total cannot give it back', () => {
    const r = report(40);
    r.adverseEvents = {
      n: 120,
      definition: 'adverseEventsPer100Doses',
      doses: 120,
      events: 35,
      byCategory: [
        { category: 'dissociation', count: 12, per100Doses: 10 },
        { category: 'nausea', count: 20, per100Doses: 16.7 },
        { category: 'suicidality', count: 3, per100Doses: 2.5 },
      ],
    };
    const cells = suppressSmallCells(r, 11).adverseEvents;
    expect(cells.events).toBe(35);
    expect(cells.byCategory.map((c) => [c.category, c.count, c.per100Doses])).toEqual([
      ['dissociation', S, S],
      ['nausea', 20, 16.7],
      ['suicidality', S, S],
    ]);
  });

  it('withholds every adverse-event category when the event total is small', () => {
    const r = report(40);
    r.adverseEvents = {
      n: 120,
      definition: 'adverseEventsPer100Doses',
      doses: 120,
      events: 4,
      byCategory: [{ category: 'nausea', count: 4, per100Doses: 3.3 }],
    };
    const cells = suppressSmallCells(r, 11).adverseEvents;
    expect([cells.events, cells.byCategory[0]?.count, cells.byCategory[0]?.per100Doses]).toEqual([S, S, S]);
  });

  it('suppresses the next smallest booster bin with a lone small one, and leaves empty bins', () => {
    const r = report(40);
    r.boosterRate.bins = [
      { from: 0, to: 1, count: 0 },
      { from: 1, to: 2, count: 4 },
      { from: 2, to: 3, count: 12 },
      { from: 3, to: null, count: 24 },
    ];
    expect(suppressSmallCells(r, 11).boosterRate.bins.map((b) => b.count)).toEqual([0, S, S, 24]);
  });

  it('withholds the booster figure when its short-follow-up remainder is small', () => {
    const r = report(40);
    r.boosterRate = { ...r.boosterRate, n: 37, excludedShortFollowUp: 3 };
    expect(suppressSmallCells(r, 11).boosterRate).toMatchObject({
      n: S,
      median: S,
      bins: [],
      excludedShortFollowUp: S,
      suppressed: S,
    });
  });

  it('stops a Kaplan–Meier curve before fewer than 11 are at risk, withholding its total and a later median', () => {
    const r = report(40);
    const overall = km(
      40,
      [row(1, 40, 10), row(2, 30, 10), row(3, 20, 9), row(4, 11, 1), row(5, 10, 1), row(6, 3, 1)],
      5,
    );
    r.onset = { ...survival(40, []), overall };
    const curve = suppressSmallCells(r, 11).onset.overall;
    expect(curve?.table.map((x) => x.nRisk)).toEqual([40, 30, 20, 11]);
    expect(curve).toMatchObject({ events: S, median: S, medianLower: S, n: 40 });
    // The onset curve's events are the responders: they go from the cost figure too.
    expect(suppressSmallCells(r, 11).costPerResponder).toMatchObject({
      responders: S,
      valueUsd: S,
      totalCostUsd: 18000,
    });
  });

  it('keeps a median reached while enough patients are at risk', () => {
    const r = report(40);
    r.onset = { ...survival(40, []), overall: km(40, [row(1, 40, 25), row(2, 15, 5), row(3, 10, 1)], 1) };
    expect(suppressSmallCells(r, 11).onset.overall).toMatchObject({ median: 1, medianLower: 1, events: S });
  });

  it('suppresses a small condition group, the next smallest group with it, and the log-rank test', () => {
    const r = report(40);
    r.onset = survival(40, [
      ['gad', 30],
      ['ocd', 5],
      ['ptsd', 14],
    ]);
    const onset = suppressSmallCells(r, 11).onset;
    expect(onset.byCondition.map((g) => [g.condition, g.n, g.curve.n, g.curve.table.length])).toEqual([
      ['gad', 30, 30, 1],
      ['ocd', S, S, 0],
      ['ptsd', S, S, 0],
    ]);
    expect(onset.logRank).toBeNull();
    expect(onset.logRankUnavailable).toContain(S);
  });

  it('withholds a whole curve when the patients left off it are fewer than 11', () => {
    const r = report(40);
    r.withoutBaseline = 3;
    r.onset = survival(37, [['gad', 37]], 3);
    const published = suppressSmallCells(r, 11);
    expect(published.withoutBaseline).toBe(S);
    expect(published.onset).toMatchObject({
      n: S,
      overall: null,
      byCondition: [],
      excluded: [{ count: S }],
      suppressed: S,
    });
  });

  it('withholds responders and the cost per responder when the non-responders are few', () => {
    const r = report(40);
    r.costPerResponder = { ...r.costPerResponder, responders: 36, valueUsd: 500, patientsWithUnknownCost: 2 };
    expect(suppressSmallCells(r, 11).costPerResponder).toMatchObject({
      responders: S,
      valueUsd: S,
      totalCostUsd: 18000,
      patientsWithUnknownCost: S,
    });
  });

  it('uses the clinic minimum: at 2 only single patients are withheld', () => {
    const r = report(40);
    r.responseByDose.rows = [doseRow(1, 40, 1, 2, 40)];
    const [d1] = suppressSmallCells(r, 2).responseByDose.rows;
    expect([d1?.itt.response.numerator, d1?.itt.remission.numerator]).toEqual(['suppressed (n < 2)', 2]);
  });
});
