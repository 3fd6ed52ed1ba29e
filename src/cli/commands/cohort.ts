import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { getInstrument } from '../../instruments/registry.js';
import { computeCohortReport } from '../../outcomes/cohort/compute.js';
import { parseCohortFile } from '../../outcomes/input/cohort-file.js';
import { cohortReportJson } from '../../outcomes/report/cohort-json.js';
import { cohortReportText } from '../../outcomes/report/cohort-text.js';
import { parseJson, readInput } from './outcomes.js';

/** `onset cohort FILE [--json]`: cohort outcomes of one instrument from a JSON file of patients ("-" = stdin). */
export function registerCohortCommands(program: Command, io: CliIo): void {
  program
    .command('cohort')
    .description(
      'cohort outcomes of one instrument (response by dose, onset and relief curves, booster rate, cost per responder) from a JSON file',
    )
    .argument(
      '<file>',
      'JSON file {"patients": [...]}, each patient as for `onset outcomes` ("-" reads standard input)',
    )
    .option('--json', 'print JSON instead of a readable summary')
    .action(async (file: string, options: { json?: boolean }) => {
      const input = parseCohortFile(parseJson(await readInput(file, io), file));
      const report = computeCohortReport({
        definition: input.definition,
        patients: input.patients,
        options: input.options,
      });
      if (options.json === true) {
        io.out(`${JSON.stringify(cohortReportJson(report), null, 2)}\n`);
      } else {
        io.out(cohortReportText(report, getInstrument(input.definition.instrument).shortName));
      }
    });
}
