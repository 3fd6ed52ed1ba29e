/**
 * `onset export billing` and `onset billing settings`: the billing lines a clinic prepares from its
 * records, as CSV with the columns docs/rems.md documents. Onset prepares the lines; it does not submit
 * claims.
 */
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { getBillingSettings, updateBillingSettings } from '../../billing/billing-settings.js';
import { exportBillingCsv } from '../../billing/billing.service.js';
import { getClinic } from '../../clinics/clinic.service.js';
import { systemContext, type ServiceContext } from '../../records/context.js';
import { invalid } from '../../shared/errors.js';
import { useDatabase, withDataOption, type DataOptions } from '../database-option.js';
import type { CliIo } from '../io.js';

interface BillingExportOptions extends DataOptions {
  clinic: string;
  from: string;
  to: string;
  out?: string;
}

interface BillingSettingsOptions extends DataOptions {
  clinic: string;
  max96127Units?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A --from/--to date (YYYY-MM-DD, the start of that UTC day) as an instant. */
function dayStart(value: string, option: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw invalid(option, `must be a date as YYYY-MM-DD (got ${value})`);
  return `${value}T00:00:00.000Z`;
}

async function withClinic<R>(
  options: DataOptions & { clinic: string },
  work: (ctx: ServiceContext) => Promise<R>,
): Promise<R> {
  return useDatabase(options, async (handle) => {
    await getClinic(handle.db, options.clinic);
    return work(systemContext(handle, options.clinic, { actor: 'cli' }));
  });
}

/** Adds `billing` under `onset export`. */
export function registerBillingExport(exporting: Command, io: CliIo): void {
  withDataOption(
    exporting
      .command('billing')
      .description(
        'billing lines (G2082/G2083, 96127) for a period as CSV; Onset prepares lines, it does not submit claims',
      )
      .requiredOption('--clinic <id>', 'the clinic to export')
      .requiredOption('--from <date>', 'first day of the period, YYYY-MM-DD (UTC)')
      .requiredOption('--to <date>', 'the day after the period, YYYY-MM-DD (UTC)')
      .option('--out <file>', 'CSV file to write (it must not exist); stdout without it'),
  ).action(async (options: BillingExportOptions) => {
    const period = { from: dayStart(options.from, '--from'), to: dayStart(options.to, '--to') };
    if (options.out !== undefined && existsSync(options.out))
      throw invalid('--out', `${options.out} already exists; choose a new file so no earlier export is overwritten`);
    const { csv, lines } = await withClinic(options, (ctx) => exportBillingCsv(ctx, period));
    if (options.out === undefined) io.out(csv);
    else {
      await writeFile(options.out, csv, 'utf8');
      io.err(`wrote ${options.out}\n`);
    }
    io.err(`prepared ${lines.length} billing lines; Onset prepares lines and does not submit claims\n`);
  });
}

/** Registers `onset billing settings`. */
export function registerBillingCommands(program: Command, io: CliIo): void {
  const billing = program.command('billing').description("the clinic's billing settings");
  withDataOption(
    billing
      .command('settings')
      .description('show, or change with --max-96127-units, the billing settings')
      .requiredOption('--clinic <id>', 'the clinic')
      .option('--max-96127-units <n>', 'CPT 96127 units per visit at most'),
  ).action(async (options: BillingSettingsOptions) => {
    const settings = await withClinic(options, (ctx) =>
      options.max96127Units === undefined
        ? getBillingSettings(ctx)
        : updateBillingSettings(ctx, { max96127UnitsPerVisit: Number(options.max96127Units) }),
    );
    io.out(`${JSON.stringify(settings)}\n`);
  });
}
