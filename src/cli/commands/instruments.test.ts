import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { OnsetError } from '../../shared/errors.js';
import { captureIo } from '../io.js';
import { registerInstrumentCommands, scoreJson } from './instruments.js';

/** Runs `onset <args>` in-process with only the instrument commands registered. */
async function run(...args: string[]): Promise<string> {
  const io = captureIo();
  const program = new Command().exitOverride();
  registerInstrumentCommands(program, io);
  await program.parseAsync(['node', 'onset', ...args]);
  return io.stdout();
}

async function refusal(...args: string[]): Promise<string> {
  try {
    await run(...args);
  } catch (error) {
    if (error instanceof OnsetError) return error.message;
    throw error;
  }
  throw new Error('expected an OnsetError');
}

describe('onset score', () => {
  it('prints the GAD-7 JSON line with keys in the fixed order', async () => {
    // 3+2+2+1+0+1+2 = 11: moderate (10–14), and ≥ 10 is probable GAD (Spitzer 2006).
    expect(await run('score', 'gad7', '3', '2', '2', '1', '0', '1', '2', '--json')).toBe(
      '{"instrument":"gad7","total":11,"band":"moderate","complete":true,"subscales":{},"flags":[]}\n',
    );
  });

  it('prints an empty flag list when no rule fires', async () => {
    // 7 items at 1 = 7: mild (5–9), below the probable-GAD cut-off.
    expect(await run('score', 'gad7', '1', '1', '1', '1', '1', '1', '1', '--json')).toBe(
      '{"instrument":"gad7","total":7,"band":"mild","complete":true,"subscales":{},"flags":[]}\n',
    );
  });

  it("takes '-' as a missing item: total and band null, incomplete", async () => {
    expect(await run('score', 'phq9', '1', '1', '1', '1', '-', '1', '1', '1', '2', '--json')).toBe(
      '{"instrument":"phq9","total":null,"band":null,"complete":false,"subscales":{},"flags":["suicidality-item-positive"]}\n',
    );
  });

  it('prints subscales (HAM-A: psychic 1–6 and 14 at 2 = 14; somatic 7–13 at 1 = 7)', async () => {
    const out = await run(
      'score',
      'hama',
      '2',
      '2',
      '2',
      '2',
      '2',
      '2',
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
      '1',
      '2',
      '--json',
    );
    expect(out).toBe(
      '{"instrument":"hama","total":21,"band":"mild to moderate","complete":true,"subscales":{"psychic":14,"somatic":7},"flags":[]}\n',
    );
  });

  it('takes C-SSRS answers as y/n with - for questions skip logic leaves out', async () => {
    // Yes to 1; no to 2, so 3–5 are left out; yes to 6 and to 6b: behaviour in the past 3 months = high.
    expect(await run('score', 'cssrs', 'y', 'n', '-', '-', '-', 'Y', 'yes', '--json')).toBe(
      '{"instrument":"cssrs","total":2,"band":"high","complete":true,"subscales":{},"flags":["risk-high"]}\n',
    );
  });

  it('takes 48 LSAS values: fear 1–24, then avoidance 1–24', async () => {
    // Every fear rating 1 (24) and every avoidance rating 0: total 24, below the cut-off of 30.
    const values = [...Array.from({ length: 24 }, () => '1'), ...Array.from({ length: 24 }, () => '0')];
    const out = JSON.parse(await run('score', 'lsas', ...values, '--json')) as { total: number; subscales: object };
    expect(out).toMatchObject({ total: 24, subscales: { fear: 24, avoidance: 0, performance: 13, social: 11 } });
  });

  it('prints a readable summary without --json', async () => {
    expect(await run('score', 'gad7', '3', '2', '2', '1', '0', '1', '2')).toBe(
      [
        'GAD-7 — Generalized Anxiety Disorder 7-item scale',
        'Total: 11 (range 0–21)',
        'Band: moderate',
        'Complete: yes',
        'Flags: none',
        '',
      ].join('\n'),
    );
  });

  it('says which items are missing in the summary', async () => {
    const out = await run('score', 'ybocs', '1', '1', '-', '1', '1', '1', '1', '1', '-', '1');
    expect(out).toContain('Total: not scored (range 0–40)');
    expect(out).toContain('Complete: no (missing: 3, 9)');
    expect(out).toContain('Subscales: obsessions —, compulsions —');
  });

  it('refuses a value outside the range, naming the item', async () => {
    expect(await refusal('score', 'gad7', '3', '2', '2', '1', '0', '1', '4')).toBe('answers.7: 4 is outside 0–3');
  });

  it('refuses a negative value, naming the item', async () => {
    expect(await refusal('score', 'gad7', '-1', '2', '2', '1', '0', '1', '2')).toBe('answers.1: -1 is outside 0–3');
  });

  it('refuses a word where a number belongs, naming the item', async () => {
    expect(await refusal('score', 'gad7', '3', 'two', '2', '1', '0', '1', '2')).toBe(
      'answers.2: "two" is not a whole number 0–3 or -',
    );
  });

  it('refuses a C-SSRS answer that is not y, n or -', async () => {
    expect(await refusal('score', 'cssrs', 'y', '1', '-', '-', '-', 'n', '-')).toBe('answers.2: "1" is not y, n or -');
  });

  it('refuses the wrong number of answers', async () => {
    expect(await refusal('score', 'gad7', '1', '2')).toBe('answers: gad7 takes 7 values (items 1–7 in order); got 2');
    expect(await refusal('score', 'lsas', '1')).toBe(
      'answers: lsas takes 48 values (fear 1–24, then avoidance 1–24); got 1',
    );
  });

  it('refuses an unknown instrument, listing the known ones', async () => {
    expect(await refusal('score', 'gad', '1')).toContain('instrument "gad" was not found; known instruments: gad7');
  });
});

describe('onset instruments', () => {
  it('lists every instrument as JSON with items, range, licence and source', async () => {
    const rows = JSON.parse(await run('instruments', '--json')) as Record<string, unknown>[];
    expect(rows.map((row) => row.id)).toEqual([
      'gad7',
      'phq9',
      'pcl5',
      'hama',
      'ocir',
      'ybocs',
      'lsas',
      'minispin',
      'cadss6',
      'cssrs',
      'urinary',
      'craving',
      'anxiety-vas',
    ]);
    expect(rows[0]).toMatchObject({
      id: 'gad7',
      name: 'Generalized Anxiety Disorder 7-item scale',
      shortName: 'GAD-7',
      items: 7,
      totalMin: 0,
      totalMax: 21,
      licence: 'free-with-attribution',
      validated: true,
    });
    expect(rows[0]!.source).toContain('Spitzer');
  });

  it('prints a table, then the sources', async () => {
    const lines = (await run('instruments')).split('\n');
    expect(lines[0]).toBe('ID           NAME              ITEMS  RANGE  LICENCE');
    expect(lines[1]).toBe('gad7         GAD-7             7      0–21   free-with-attribution');
    expect(lines).toContain('lsas         LSAS              48     0–144  structure-only');
    expect(lines).toContain('anxiety-vas  Anxiety check-in  1      0–100  not-validated');
    expect(lines).toContain('Sources:');
    expect(lines.find((line) => line.startsWith('urinary: '))).toContain('not a validated instrument');
  });
});

describe('scoreJson', () => {
  it('adds "prorated":true after "complete" only when the total was prorated', () => {
    const result = {
      instrument: 'gad7' as const,
      total: 18,
      subscales: {},
      band: 'severe',
      complete: true,
      prorated: true,
      flags: [],
      answers: {},
    };
    expect(scoreJson(result)).toBe(
      '{"instrument":"gad7","total":18,"band":"severe","complete":true,"prorated":true,"subscales":{},"flags":[]}\n',
    );
  });
});
