import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { invalid } from '../../shared/errors.js';
import { getInstrument } from '../../instruments/registry.js';
import { computePatientOutcomes } from '../../outcomes/patient/compute.js';
import { parsePatientFile } from '../../outcomes/input/patient-file.js';
import { patientOutcomesJson } from '../../outcomes/report/patient-json.js';
import { patientOutcomesText } from '../../outcomes/report/patient-text.js';

/** `onset outcomes FILE [--json]`: one patient's outcomes on one instrument, from a JSON file ("-" = stdin). */
export function registerOutcomesCommands(program: Command, io: CliIo): void {
  program
    .command('outcomes')
    .description(
      'per-patient outcomes of one instrument (baseline, response, onset, relief, coverage, cost, tolerance) from a JSON file',
    )
    .argument('<file>', 'JSON file with instrument, doses and assessments ("-" reads standard input)')
    .option('--json', 'print JSON instead of a readable summary')
    .action(async (file: string, options: { json?: boolean }) => {
      const input = parsePatientFile(parseJson(await readInput(file, io), file));
      const outcomes = computePatientOutcomes(input);
      if (options.json === true) {
        io.out(`${JSON.stringify(patientOutcomesJson(outcomes), null, 2)}\n`);
      } else {
        io.out(patientOutcomesText(outcomes, input.definition, getInstrument(input.definition.instrument).shortName));
      }
    });
}

/** The text of FILE, or of standard input for "-"; a missing or unreadable file is an error naming it. */
export async function readInput(file: string, io: CliIo): Promise<string> {
  if (file === '-') return io.readStdin();
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw invalid(
      'file',
      code === 'ENOENT' ? `${file} does not exist` : `${file} cannot be read (${String(code ?? error)})`,
    );
  }
}

/** Parses JSON text, naming the file when it is not JSON. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalid('file', `${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}
