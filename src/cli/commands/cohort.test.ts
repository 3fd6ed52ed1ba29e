import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { captureIo } from '../io.js';
import { registerCohortCommands } from './cohort.js';
import { parseCohortFile } from '../../outcomes/input/cohort-file.js';

async function run(input: unknown, ...flags: string[]): Promise<string> {
  const io = captureIo(typeof input === 'string' ? input : JSON.stringify(input));
  const program = new Command().exitOverride();
  registerCohortCommands(program, io);
  await program.parseAsync(['node', 'onset', 'cohort', '-', ...flags]);
  return io.stdout();
}

// A hand-worked cohort of 3 made-up patients (synthetic). GAD-7: response = total ≤ baseline × 0.5,
// remission ≤ 4.
const COHORT = {
  patients: [
    {
      // ana: baseline 16 (≤ 8 responds). Dose 1 Jan 5, dose 2 Jan 12 ($400 each).
      // Jan 6 = 6 (R, onset 1 day); Jan 9 = 12 (relief lost 4 days after dose 1); Jan 13 = 4 (R and M, dose 2).
      id: 'ana',
      conditions: ['gad'],
      instrument: 'gad7',
      doses: [
        { at: '2026-01-05T10:00:00Z', priceUsd: 400 },
        { at: '2026-01-12T10:00:00Z', priceUsd: 400 },
      ],
      assessments: [
        { at: '2026-01-04T10:00:00Z', total: 16 },
        { at: '2026-01-06T10:00:00Z', total: 6 },
        { at: '2026-01-09T10:00:00Z', total: 12 },
        { at: '2026-01-13T10:00:00Z', total: 4 },
      ],
    },
    {
      // patient-2 (no id): baseline 14 at the moment of dose 1 (≤ 7 responds); 10 and 9 never respond →
      // onset censored at the last score, Jan 10 = 5 days. One dose, $400.
      conditions: ['gad', 'panic'],
      instrument: 'gad7',
      doses: [{ at: '2026-01-05T10:00:00Z', priceUsd: 400 }],
      assessments: [
        { at: '2026-01-05T10:00:00Z', total: 14 },
        { at: '2026-01-07T10:00:00Z', total: 10 },
        { at: '2026-01-10T10:00:00Z', answers: [2, 2, 1, 1, 1, 1, 1] },
      ],
    },
    {
      // cy: the only early score is 35 days before dose 1 → no baseline; assessed after dose 1 but never
      // a responder, though its 3 ≤ 4 is remission (which needs no baseline). Dose without a price takes the default
      // $300.
      id: 'cy',
      instrument: 'gad7',
      doses: [{ at: '2026-01-05T10:00:00Z', route: 'intranasal', setting: 'clinic' }],
      assessments: [
        { at: '2025-12-01T10:00:00Z', total: 15 },
        { at: '2026-01-06T10:00:00Z', total: 3 },
      ],
      defaultPriceUsd: 300,
    },
  ],
};

interface Prop {
  numerator: number;
  denominator: number;
  proportion: number | null;
  lower: number | null;
  upper: number | null;
}
interface Km {
  n: number;
  events: number;
  table: {
    time: number;
    nRisk: number;
    nEvent: number;
    nCensor: number;
    survival: number;
    stdErr: number | null;
    lower: number | null;
    upper: number | null;
  }[];
}
interface Out {
  instrument: string;
  n: number;
  withoutBaseline: number;
  responseByDose: {
    dose: number;
    itt: { response: Prop; remission: Prop };
    perProtocol: { response: Prop; remission: Prop };
  }[];
  onset: {
    n: number;
    overall: Km;
    byCondition: { condition: string; n: number }[];
    excluded: { reason: string; count: number }[];
  };
  relief: { n: number; overall: Km; excluded: { reason: string; count: number }[] };
  boosterRate: { n: number; median: number | null; excludedShortFollowUp: number };
  costPerResponder: {
    valueUsd: number | null;
    totalCostUsd: number | null;
    responders: number;
    patientsWithUnknownCost: number;
    n: number;
  };
}

describe('onset cohort --json on a hand-worked cohort of 3', () => {
  const result = run(COHORT, '--json').then((text) => JSON.parse(text) as Out);

  it('has the documented top-level keys, 3 patients, 1 without a baseline', async () => {
    const out = await result;
    expect(Object.keys(out)).toEqual([
      'instrument',
      'n',
      'withoutBaseline',
      'responseByDose',
      'onset',
      'relief',
      'boosterRate',
      'costPerResponder',
    ]);
    expect(out.instrument).toBe('gad7');
    expect(out.n).toBe(3);
    expect(out.withoutBaseline).toBe(1);
  });

  it('ITT: response 1/3 after doses 1 and 2 (ana); remission 1/3 (cy, 3 ≤ 4) then 1/3 (ana, 4 ≤ 4)', async () => {
    const rows = (await result).responseByDose;
    expect(rows).toHaveLength(8);
    expect(rows.slice(0, 3).map((r) => [r.itt.response.numerator, r.itt.response.denominator])).toEqual([
      [1, 3],
      [1, 3],
      [0, 3],
    ]);
    expect(rows.slice(0, 3).map((r) => [r.itt.remission.numerator, r.itt.remission.denominator])).toEqual([
      [1, 3],
      [1, 3],
      [0, 3],
    ]);
    // Wilson 95% for 1/3: centre (1/3 + z²/6)/(1 + z²/3) = 0.42692, half 0.36543 → [0.0615, 0.7923].
    expect(rows[0]?.itt.response.lower).toBeCloseTo(0.0615, 4);
    expect(rows[0]?.itt.response.upper).toBeCloseTo(0.7923, 4);
  });

  it('per protocol: dose 1 all 3 assessed (1 responds); dose 2 only ana (1/1, remission 1/1); dose 3 nobody (0/0, none)', async () => {
    const rows = (await result).responseByDose;
    expect(rows.slice(0, 3).map((r) => [r.perProtocol.response.numerator, r.perProtocol.response.denominator])).toEqual(
      [
        [1, 3],
        [1, 1],
        [0, 0],
      ],
    );
    expect(rows[1]?.perProtocol.remission).toMatchObject({ numerator: 1, denominator: 1, proportion: 1 });
    expect(rows[2]?.perProtocol.response).toEqual({
      numerator: 0,
      denominator: 0,
      proportion: null,
      lower: null,
      upper: null,
    });
  });

  it('onset KM: ana event at day 1, patient-2 censored at day 5; cy left out (no baseline)', async () => {
    const onset = (await result).onset;
    expect(onset.n).toBe(2);
    expect(onset.excluded).toEqual([{ reason: 'no baseline (response cannot be defined)', count: 1 }]);
    const table = onset.overall.table;
    expect(table.map((r) => [r.time, r.nRisk, r.nEvent, r.nCensor, r.survival])).toEqual([
      [1, 2, 1, 0, 0.5],
      [5, 1, 0, 1, 0.5],
    ]);
    // Greenwood: √(1 / (2 × 1)) = 0.70711; log-scale band 0.5 × exp(±1.95996 × 0.70711) = [0.1250, 2.0 → 1].
    expect(table[0]?.stdErr).toBeCloseTo(Math.SQRT1_2, 12);
    expect(table[0]?.lower).toBeCloseTo(0.125, 3);
    expect(table[0]?.upper).toBe(1);
    expect(onset.byCondition.map((g) => [g.condition, g.n])).toEqual([
      ['gad', 2],
      ['panic', 1],
    ]);
  });

  it('relief KM: only ana has an episode, 4 days, lost → S = 0 (stdErr infinite → null, no bounds)', async () => {
    const relief = (await result).relief;
    expect(relief.n).toBe(1);
    expect(relief.excluded).toEqual([{ reason: 'no relief episode (never responded, or no baseline)', count: 2 }]);
    expect(relief.overall.table).toEqual([
      { time: 4, nRisk: 1, nEvent: 1, nCensor: 0, survival: 0, stdErr: null, lower: null, upper: null },
    ]);
  });

  it('booster rate: nobody followed more than 30 days; cost per responder ($400 × 2 + $400 + $300) ÷ 1 = $1,500', async () => {
    const out = await result;
    expect(out.boosterRate).toMatchObject({ n: 0, median: null, excludedShortFollowUp: 3 });
    expect(out.costPerResponder).toEqual({
      valueUsd: 1500,
      totalCostUsd: 1500,
      responders: 1,
      patientsWithUnknownCost: 0,
      n: 3,
    });
  });
});

describe('onset cohort (summary)', () => {
  it('prints the figures in words, rows up to the last assessed dose', async () => {
    const text = await run(COHORT);
    expect(text).toContain('GAD-7 cohort: 3 patients, 1 without a baseline (non-responders in ITT)');
    expect(text).toContain('  dose 1: response 1/3 (33.3%) | 1/3 (33.3%); remission 1/3 (33.3%) | 1/3 (33.3%)');
    expect(text).toContain('  dose 2: response 1/3 (33.3%) | 1/1 (100.0%); remission 1/3 (33.3%) | 1/1 (100.0%)');
    expect(text).not.toContain('  dose 3:');
    expect(text).toContain(
      'Relief duration (Kaplan–Meier): 1 patient, 1 event, median 4.0 days (2 left out: no relief episode',
    );
    expect(text).toContain('Cost per responder: $1500.00 ($1500.00 ÷ 1 responder)');
  });
});

describe('parseCohortFile', () => {
  it('defaults ids by position, conditions to none and route and setting to "unknown"', () => {
    const { definition, patients } = parseCohortFile(COHORT);
    expect(definition).toEqual({ instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 });
    expect(patients.map((p) => p.patientId)).toEqual(['ana', 'patient-2', 'cy']);
    expect(patients[2]?.conditions).toEqual([]);
    expect(patients[0]?.doses[0]).toEqual({
      at: Date.UTC(2026, 0, 5, 10),
      priceUsd: 400,
      route: 'unknown',
      setting: 'unknown',
    });
    expect(patients[2]?.doses[0]).toMatchObject({ route: 'intranasal', setting: 'clinic', priceUsd: null });
    // Answers 2+2+1+1+1+1+1 are scored by the instrument library.
    expect(patients[1]?.assessments[2]).toEqual({ at: Date.UTC(2026, 0, 10, 10), total: 9, complete: true });
  });
});

describe('onset cohort: bad input', () => {
  const refused = async (input: unknown): Promise<string> => {
    try {
      await run(input, '--json');
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    throw new Error('expected the input to be refused');
  };
  const withPatient = (i: number, patch: Record<string, unknown>): unknown => ({
    patients: COHORT.patients.map((p, j) => (j === i ? { ...p, ...patch } : p)),
  });

  it('names a patient whose instrument differs from the first', async () => {
    // Its answers are then scored as PHQ-9 (9 items) too, so both problems are named.
    const message = await refused(withPatient(1, { instrument: 'phq9' }));
    expect(message).toContain(
      'patients[1].instrument: is "phq9" but patients[0].instrument is "gad7": every patient must use the same instrument',
    );
    expect(message).toContain('patients[1].assessments[2].answers: expected 9 values for phq9');
  });

  it('names the JSON path of a bad time in the words of onset outcomes', async () => {
    expect(await refused(withPatient(2, { doses: [{ at: '2026-02-30T10:00:00Z' }] }))).toBe(
      'patients[2].doses[0].at: not an ISO-8601 date-time (e.g. 2026-01-05T10:00:00Z; Z or an offset is required)',
    );
  });

  it("puts the scorer's answer problems and out-of-range totals under the patient, all at once", async () => {
    const message = await refused(
      withPatient(0, {
        assessments: [
          { at: '2026-01-04T10:00:00Z', total: 22 },
          { at: '2026-01-06T10:00:00Z', answers: [1, 1, 4, 1, 1, 1, 0] },
        ],
      }),
    );
    expect(message).toContain('patients[0].assessments[0].total: 22 is not a whole number from 0 to 21 (GAD-7)');
    expect(message).toContain('patients[0].assessments[1].answers.3: 4 is outside 0–3');
  });

  it("refuses unknown fields (listing the cohort file's extra ones) and per-patient options", async () => {
    const message = await refused(
      withPatient(0, { doses: [{ at: '2026-01-05T10:00:00Z', priceUSD: 1 }], options: {}, sex: 'f' }),
    );
    expect(message).toContain(
      'patients[0].doses[0].priceUSD: is not a known field (allowed: at, priceUsd, route, setting)',
    );
    expect(message).toContain(
      'patients[0].options: options apply to every patient: give them once, at the top of the file',
    );
    expect(message).toContain(
      'patients[0].sex: is not a known field (allowed: id, conditions, instrument, doses, assessments, defaultPriceUsd)',
    );
  });

  it('refuses bad ids, conditions and routes, and a repeated id', async () => {
    expect(await refused(withPatient(2, { id: 'ana' }))).toBe('patients[2].id: "ana" is also the id of patients[0]');
    expect(await refused(withPatient(0, { id: '' }))).toBe('patients[0].id: must be a non-empty string');
    expect(await refused(withPatient(0, { conditions: 'gad' }))).toBe(
      'patients[0].conditions: must be a list of condition names (strings)',
    );
    expect(await refused(withPatient(0, { conditions: ['gad', 3] }))).toBe(
      'patients[0].conditions[1]: must be a non-empty string (a condition name)',
    );
    expect(await refused(withPatient(2, { doses: [{ at: '2026-01-05T10:00:00Z', route: 7 }] }))).toBe(
      'patients[2].doses[0].route: must be a non-empty string',
    );
  });

  it('needs an object with at least one patient', async () => {
    expect(await refused([])).toBe('(file): must be a JSON object with patients (a list of patients)');
    expect(await refused({ patients: [] })).toBe('patients: must be a list of at least one patient');
    expect(await refused({})).toBe('patients: is required (a list of at least one patient)');
    expect(await refused({ patients: [3] })).toBe(
      'patients[0]: must be a JSON object with instrument, doses and assessments',
    );
    expect(await refused({ ...COHORT, patient: [] })).toBe(
      'patient: is not a known field (allowed: patients, options)',
    );
    expect(await refused('{"patients": [')).toMatch(/^file: - is not valid JSON/);
  });

  it('takes top-level options for every patient and refuses bad ones', async () => {
    expect(await refused({ ...COHORT, options: { coverageCapDays: 0 } })).toBe(
      'options.coverageCapDays: 0 is not a number of days > 0',
    );
    // A 40-day baseline window gives cy a baseline (15 → 3 responds): 2 of 3 respond after dose 1.
    const out = JSON.parse(await run({ ...COHORT, options: { baselineWindowDays: 40 } }, '--json')) as Out;
    expect(out.withoutBaseline).toBe(0);
    expect(out.responseByDose[0]?.itt.response.numerator).toBe(2);
  });
});
