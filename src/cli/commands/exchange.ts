/**
 * `onset export fhir|csv` and `onset import fhir|csv`: moving a clinic's records in and out as FHIR R4
 * Bundles or CSV files, and de-identified exports for research. Progress and notices go to stderr, so
 * `onset export fhir --clinic ID > bundle.json` writes only the Bundle to stdout.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { getClinic } from '../../clinics/clinic.service.js';
import type { DatabaseHandle } from '../../db/database.js';
import { CSV_KINDS, type CsvKind } from '../../exchange/csv-columns.js';
import { exportCsv } from '../../exchange/csv-export.js';
import { importCsv } from '../../exchange/csv-import.js';
import { SECRET_ENV, deidentifySecret, type DeidentifyKey } from '../../exchange/deidentify.js';
import { exportFhir } from '../../exchange/export-fhir.js';
import { importFhir } from '../../exchange/import-fhir.js';
import { systemContext, type ServiceContext } from '../../records/context.js';
import { OnsetError, invalid, isOnsetError } from '../../shared/errors.js';
import { oneOfReason } from '../../shared/validate.js';
import { useDatabase, withDataOption, type DataOptions } from '../database-option.js';
import type { CliIo } from '../io.js';
import { registerBillingExport } from './billing.js';
import { readInput } from './outcomes.js';

interface ExportOptions extends DataOptions {
  clinic: string;
  deidentify?: boolean;
  out?: string;
}

interface ImportOptions extends DataOptions {
  clinic: string;
}

/** Registers `export fhir`, `export csv`, `import fhir` and `import csv`. */
export function registerExchangeCommands(program: Command, io: CliIo): void {
  const exporting = program.command('export').description("export a clinic's records as a FHIR R4 Bundle or CSV files");
  exportCommand(
    exporting.command('fhir').description('a FHIR R4 transaction Bundle (stdout, or DIR/bundle.json with --out)'),
  ).action(async (options: ExportOptions) => {
    await runExportFhir(options, io);
  });
  exportCommand(exporting.command('csv').description('one CSV file per record type into --out DIR')).action(
    async (options: ExportOptions) => {
      await runExportCsv(options, io);
    },
  );

  registerBillingExport(exporting, io);
  const importing = program.command('import').description('import records into a clinic (all or nothing)');
  withDataOption(
    importing
      .command('fhir')
      .description('a FHIR R4 transaction Bundle (all or nothing) or batch Bundle (entry by entry)')
      .argument('<file>', 'the Bundle JSON file')
      .requiredOption('--clinic <id>', 'the clinic to import into'),
  ).action(async (file: string, options: ImportOptions) => {
    await runImportFhir(file, options, io);
  });
  withDataOption(
    importing
      .command('csv')
      .description('patients, courses, doses or assessments from a CSV file; nothing is written if any row is refused')
      .argument('<kind>', CSV_KINDS.join(', '))
      .argument('<file>', 'the CSV file (first line: column names)')
      .requiredOption('--clinic <id>', 'the clinic to import into'),
  ).action(async (kind: string, file: string, options: ImportOptions) => {
    await runImportCsv(kind, file, options, io);
  });
}

function exportCommand(command: Command): Command {
  return withDataOption(
    command
      .requiredOption('--clinic <id>', 'the clinic to export')
      .option(
        '--deidentify',
        `for research: pseudonyms, shifted dates, no names, contacts or free text (secret from ${SECRET_ENV}, else a new one)`,
      )
      .option('--out <dir>', 'folder to write into (it must not hold an earlier export)'),
  );
}

/** Opens the database and a context for the clinic, acting as the CLI. */
async function withClinic<R>(
  options: DataOptions & { clinic: string },
  work: (ctx: ServiceContext, handle: DatabaseHandle) => Promise<R>,
): Promise<R> {
  return useDatabase(options, async (handle) => {
    await getClinic(handle.db, options.clinic);
    return work(systemContext(handle, options.clinic, { actor: 'cli' }), handle);
  });
}

/** Reports progress on stderr about ten times over a long job, and at its end. */
function progress(io: CliIo, what: string): (done: number, total: number) => void {
  return (done, total) => {
    const step = Math.max(1, Math.ceil(total / 10));
    if (done === total || done % step === 0) io.err(`${what}: ${done}/${total}\n`);
  };
}

function deidentifyKey(options: ExportOptions, io: CliIo): DeidentifyKey | undefined {
  if (options.deidentify !== true) return undefined;
  const { secret, fromEnv } = deidentifySecret();
  if (fromEnv)
    io.err(
      `de-identifying with the secret in ${SECRET_ENV}: pseudonyms and date shifts match earlier exports made with it\n`,
    );
  else
    io.err(
      `de-identifying with a new random secret: ${secret.toString('hex')}\n  keep it (as ${SECRET_ENV}) to repeat these pseudonyms and date shifts in a later export; discard it to make them unlinkable\n`,
    );
  return { secret, now: new Date() };
}

async function writeNew(dir: string, name: string, text: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  if (existsSync(path))
    throw invalid('--out', `${path} already exists; choose an empty folder so no earlier export is overwritten`);
  await writeFile(path, text, 'utf8');
  return path;
}

function summary(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
}

async function runExportFhir(options: ExportOptions, io: CliIo): Promise<void> {
  const key = deidentifyKey(options, io);
  const { bundle, counts } = await withClinic(options, (ctx) =>
    exportFhir(ctx, {
      ...(key === undefined ? {} : { deidentify: key }),
      onProgress: progress(io, 'patients exported'),
    }),
  );
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
  if (options.out === undefined) io.out(text);
  else io.err(`wrote ${await writeNew(options.out, 'bundle.json', text)}\n`);
  io.err(`exported ${summary(counts)}${key === undefined ? '' : ' (de-identified)'}\n`);
}

async function runExportCsv(options: ExportOptions, io: CliIo): Promise<void> {
  if (options.out === undefined) throw invalid('--out', 'is required for CSV: the export is one file per record type');
  const out = options.out;
  const key = deidentifyKey(options, io);
  const { files, counts } = await withClinic(options, (ctx) =>
    exportCsv(ctx, {
      ...(key === undefined ? {} : { deidentify: key }),
      onProgress: progress(io, 'patients exported'),
    }),
  );
  for (const file of files) io.err(`wrote ${await writeNew(out, file.name, file.text)}\n`);
  io.err(`exported ${summary(counts)}${key === undefined ? '' : ' (de-identified)'}\n`);
}

/** Prints every refused row or element on stderr, then fails with a one-line summary. */
function reportRefusal(error: unknown, file: string, io: CliIo): never {
  if (isOnsetError(error) && error.code === 'VALIDATION_FAILED' && error.problems.length > 0) {
    io.err(
      `${file}: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}; nothing was imported\n`,
    );
    for (const p of error.problems) io.err(`  ${p.field}: ${p.reason}\n`);
    throw new OnsetError(
      'VALIDATION_FAILED',
      `${file} was not imported: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} (listed above)`,
    );
  }
  throw error;
}

async function runImportFhir(file: string, options: ImportOptions, io: CliIo): Promise<void> {
  const text = await readInput(file, io);
  const result = await withClinic(options, (ctx) => importFhir(ctx, text, progress(io, 'entries imported'))).catch(
    (error: unknown) => reportRefusal(error, file, io),
  );
  (result.response.entry ?? []).forEach((entry, index) => {
    const response = entry.response;
    for (const issue of response?.outcome?.issue ?? []) {
      io.err(`  Bundle.entry[${index}] ${response?.status ?? ''}: ${issue.details?.text ?? issue.diagnostics ?? ''}\n`);
    }
  });
  io.out(`imported ${summary(result.created) || 'nothing'} into clinic ${options.clinic}\n`);
  if (result.refused > 0)
    throw new OnsetError(
      'VALIDATION_FAILED',
      `${result.refused} batch entr${result.refused === 1 ? 'y was' : 'ies were'} refused (listed above); the others were imported`,
    );
}

async function runImportCsv(kind: string, file: string, options: ImportOptions, io: CliIo): Promise<void> {
  if (!(CSV_KINDS as readonly string[]).includes(kind)) throw invalid('kind', oneOfReason(CSV_KINDS));
  const text = await readInput(file, io);
  const result = await withClinic(options, (ctx) =>
    importCsv(ctx, kind as CsvKind, text, progress(io, 'rows checked')),
  ).catch((error: unknown) => reportRefusal(error, file, io));
  io.out(`imported ${result.imported} ${kind} into clinic ${options.clinic}\n`);
}
