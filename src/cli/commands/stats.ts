/**
 * `onset stats km --csv FILE` fits Kaplan–Meier curves (one per group with --group, then a log-rank
 * test) from a CSV of times and event flags; the numbers agree with R's survfit and survdiff.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { invalid, notFound } from '../../shared/errors.js';
import { oneOfReason } from '../../shared/validate.js';
import { analyseSurvival, kmJson, kmText } from '../../stats/km-report.js';
import type { ConfType } from '../../stats/confidence.js';
import { readSurvivalCsv } from '../../stats/survival-csv.js';
import type { CliIo } from '../io.js';

const CONF_TYPES: readonly ConfType[] = ['log', 'log-log', 'plain'];

interface KmOptions {
  csv: string;
  time: string;
  event: string;
  group?: string;
  confType: string;
  json?: boolean;
}

function parseConfType(value: string): ConfType {
  const found = CONF_TYPES.find((type) => type === value);
  if (found === undefined) throw invalid('--conf-type', oneOfReason(CONF_TYPES));
  return found;
}

async function readCsvFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('CSV file', path);
    throw invalid('--csv', `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Registers `stats km` on the program. */
export function registerStatsCommands(program: Command, io: CliIo): void {
  const stats = program.command('stats').description('Survival statistics that agree with R (survival package)');
  stats
    .command('km')
    .description("Kaplan–Meier curves with medians and CIs (R's survfit); with --group, a log-rank test (survdiff)")
    .requiredOption('--csv <file>', 'CSV file with a header row, one subject per row')
    .option('--time <column>', 'column with the time to event or censoring (≥ 0)', 'time')
    .option('--event <column>', 'column with 1 = event, 0 = censored', 'event')
    .option('--group <column>', "column naming each subject's group: one curve per group and a log-rank test")
    .option('--conf-type <type>', `confidence interval scale: ${CONF_TYPES.join(', ')}`, 'log')
    .option('--json', 'print JSON (std.err of S = 0 rows, infinite in R, is null)')
    .action(async (options: KmOptions) => {
      const confType = parseConfType(options.confType);
      const text = await readCsvFile(options.csv);
      const groups = readSurvivalCsv(text, { time: options.time, event: options.event, group: options.group });
      const analysis = analyseSurvival(groups, { confType, compare: options.group !== undefined });
      io.out(options.json ? `${JSON.stringify(kmJson(analysis))}\n` : kmText(analysis));
    });
}
