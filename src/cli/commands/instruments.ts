/**
 * `onset instruments` lists the instruments; `onset score INSTRUMENT ANSWER...` scores item values given
 * in item order ('-' = missing; the C-SSRS screener takes y/n).
 */
import type { Command } from 'commander';
import { invalid, invalidMany, type FieldProblem } from '../../shared/errors.js';
import { describeLinkIds } from '../../instruments/link-ids.js';
import { getInstrument, listInstruments } from '../../instruments/registry.js';
import { scoreAnswers } from '../../instruments/score.js';
import type { InstrumentDefinition, ScoreResult } from '../../instruments/types.js';
import type { CliIo } from '../io.js';

/** Registers `instruments` and `score` on the program. */
export function registerInstrumentCommands(program: Command, io: CliIo): void {
  program
    .command('instruments')
    .description('List the instruments Onset can score: items, score range, licence and source')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      io.out(options.json ? instrumentsJson(listInstruments()) : instrumentsTable(listInstruments()));
    });
  program
    .command('score')
    .description("Score one questionnaire from item values in item order ('-' = missing; C-SSRS: y/n)")
    .argument('<instrument>', 'instrument id, e.g. gad7 (see `onset instruments`)')
    .argument('<answers...>', "item values in item order; '-' for a missing item")
    .option('--json', 'print JSON')
    .action((id: string, values: string[], options: { json?: boolean }) => {
      const def = getInstrument(id);
      const result = scoreAnswers(def, parseAnswers(def, values));
      io.out(options.json ? scoreJson(result) : scoreSummary(def, result));
    });
}

/** Turns command-line tokens into answers in item order; errors name the item. */
export function parseAnswers(def: InstrumentDefinition, tokens: readonly string[]): (number | null)[] {
  if (tokens.length !== def.items.length) {
    const order = def.id === 'lsas' ? 'fear 1–24, then avoidance 1–24' : `items ${describeLinkIds(def)} in order`;
    throw invalid('answers', `${def.id} takes ${def.items.length} values (${order}); got ${tokens.length}`);
  }
  const problems: FieldProblem[] = [];
  const answers = def.items.map((item, index) => {
    const token = tokens[index] ?? '-';
    const value = def.id === 'cssrs' ? parseYesNo(token) : parseWhole(token);
    if (value === undefined) {
      const allowed = def.id === 'cssrs' ? 'y, n or -' : `a whole number ${item.min}–${item.max} or -`;
      problems.push({ field: `answers.${item.linkId}`, reason: `"${token}" is not ${allowed}` });
    }
    return value ?? null;
  });
  if (problems.length > 0) throw invalidMany(problems);
  return answers;
}

function parseWhole(token: string): number | null | undefined {
  if (token === '-') return null;
  return /^-?\d+$/.test(token) ? Number(token) : undefined;
}

function parseYesNo(token: string): number | null | undefined {
  const word = token.toLowerCase();
  if (word === '-') return null;
  if (word === 'y' || word === 'yes') return 1;
  if (word === 'n' || word === 'no') return 0;
  return undefined;
}

/** One JSON line, keys in a fixed order; `prorated` appears only when the total was prorated. */
export function scoreJson(result: ScoreResult): string {
  const { instrument, total, band, complete, prorated, subscales, flags } = result;
  const line = { instrument, total, band, complete, ...(prorated ? { prorated } : {}), subscales, flags };
  return `${JSON.stringify(line)}\n`;
}

function scoreSummary(def: InstrumentDefinition, result: ScoreResult): string {
  const missing = def.items.filter((item) => result.answers[item.linkId] === null).map((item) => item.linkId);
  const lines = [`${def.shortName} — ${def.name}`];
  if (result.total === null) {
    lines.push(`Total: not scored (range ${def.totalMin}–${def.totalMax})`);
  } else {
    lines.push(`Total: ${result.total} (range ${def.totalMin}–${def.totalMax})${result.prorated ? ', prorated' : ''}`);
  }
  lines.push(`${def.id === 'cssrs' ? 'Risk' : 'Band'}: ${result.band ?? '—'}`);
  lines.push(
    `Complete: ${result.complete ? 'yes' : 'no'}${missing.length > 0 ? ` (missing: ${missing.join(', ')})` : ''}`,
  );
  const subscales = Object.entries(result.subscales).map(([key, value]) => `${key} ${value ?? '—'}`);
  if (subscales.length > 0) lines.push(`Subscales: ${subscales.join(', ')}`);
  lines.push(`Flags: ${result.flags.length > 0 ? result.flags.join(', ') : 'none'}`);
  return `${lines.join('\n')}\n`;
}

function instrumentsJson(defs: readonly InstrumentDefinition[]): string {
  const rows = defs.map((def) => ({
    id: def.id,
    name: def.name,
    shortName: def.shortName,
    items: def.items.length,
    totalMin: def.totalMin,
    totalMax: def.totalMax,
    licence: def.licence,
    validated: def.validated,
    source: def.source,
  }));
  return `${JSON.stringify(rows)}\n`;
}

function instrumentsTable(defs: readonly InstrumentDefinition[]): string {
  const header = ['ID', 'NAME', 'ITEMS', 'RANGE', 'LICENCE'];
  const rows = defs.map((def) => [
    def.id,
    def.shortName,
    String(def.items.length),
    `${def.totalMin}–${def.totalMax}`,
    def.licence,
  ]);
  const widths = header.map((title, col) => Math.max(title.length, ...rows.map((row) => row[col]?.length ?? 0)));
  const format = (cells: readonly string[]): string =>
    cells
      .map((cell, col) => cell.padEnd(widths[col] ?? 0))
      .join('  ')
      .trimEnd();
  const sources = defs.map((def) => `${def.id}: ${def.name}. ${def.source}`);
  return `${[format(header), ...rows.map(format), '', 'Sources:', ...sources].join('\n')}\n`;
}
