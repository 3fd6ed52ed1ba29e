import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { fitClinicForecast, forecastFor, type PatientForecast } from '../../forecast/index.js';
import { parseCohortFile } from '../../outcomes/input/cohort-file.js';
import { invalid } from '../../shared/errors.js';
import { oneOfReason } from '../../shared/validate.js';
import { parseJson, readInput } from './outcomes.js';

/** One patient's forecast as `onset forecast --json` prints it (docs/outcomes.md "Forecast", "Keep going?"). */
export interface ForecastJson {
  id: string;
  relief: {
    medianDays: number;
    lowerDays: number;
    upperDays: number;
    remainingMedianDays: number;
    pStill7: number;
    pStill14: number;
    basis: 'patient' | 'cohort';
  } | null;
  /** Why there is no relief forecast, when there is none. */
  reliefNote: string | null;
  keepGoing: { byDose: number; p: number; lower: number | null; upper: number | null; n: number }[] | null;
  /** Why "keep going?" has no figure (too few patients), when it has none for a patient who has not responded. */
  keepGoingNote: string | null;
}

const round = (v: number): number => Math.round(v * 1e4) / 1e4;

export function forecastJson(forecast: PatientForecast): ForecastJson {
  const r = forecast.relief;
  const k = forecast.keepGoing;
  return {
    id: forecast.patientId,
    relief:
      r === null
        ? null
        : {
            medianDays: round(r.medianDays),
            lowerDays: round(r.lowerDays),
            upperDays: round(r.upperDays),
            remainingMedianDays: round(r.remainingMedianDays),
            pStill7: round(r.pStill7),
            pStill14: round(r.pStill14),
            basis: r.basis,
          },
    reliefNote: forecast.noRelief?.text ?? null,
    keepGoing:
      k?.status === 'estimated'
        ? k.rows.map((row) => ({
            byDose: row.byDose,
            p: round(row.p),
            lower: row.lower === null ? null : round(row.lower),
            upper: row.upper === null ? null : round(row.upper),
            n: row.n,
          }))
        : null,
    keepGoingNote: k?.status === 'too-few' ? k.text : null,
  };
}

function forecastText(f: ForecastJson): string {
  const lines = [f.id];
  if (f.relief !== null) {
    const r = f.relief;
    lines.push(
      `  relief after the latest dose: median ${r.medianDays.toFixed(1)} days (80% interval ${r.lowerDays.toFixed(1)}–${r.upperDays.toFixed(1)}; basis: ${r.basis})`,
      `  remaining: median ${r.remainingMedianDays.toFixed(1)} days; P(still in relief) at day 7 ${r.pStill7.toFixed(2)}, at day 14 ${r.pStill14.toFixed(2)}`,
    );
  } else lines.push(`  relief: ${f.reliefNote ?? 'none'}`);
  if (f.keepGoing !== null) {
    for (const row of f.keepGoing) {
      const ci =
        row.lower === null || row.upper === null
          ? 'no interval'
          : `95% CI ${row.lower.toFixed(2)}–${row.upper.toFixed(2)}`;
      lines.push(`  keep going? first response by dose ${row.byDose}: ${row.p.toFixed(2)} (${ci}; n = ${row.n})`);
    }
  } else if (f.keepGoingNote !== null) lines.push(`  keep going? ${f.keepGoingNote}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `onset forecast FILE [--json]`: each patient's relief forecast after their latest dose and, before a
 * first response, "keep going?" — the model fitted on the file's patients, who are the clinic's cohort.
 */
export function registerForecastCommands(program: Command, io: CliIo): void {
  program
    .command('forecast')
    .description(
      'per-patient forecast (when relief will end after the latest dose; keep going?) from a JSON file of patients, the model fitted on them',
    )
    .argument(
      '<file>',
      'JSON file {"patients": [...]}, each patient as for `onset outcomes` ("-" reads standard input)',
    )
    .option('--json', 'print JSON instead of a readable summary')
    .option(
      '--distribution <name>',
      'relief-length distribution: auto (the better-fitting of the two), lognormal or weibull',
      'auto',
    )
    .action(async (file: string, options: { json?: boolean; distribution: string }) => {
      if (
        options.distribution !== 'auto' &&
        options.distribution !== 'lognormal' &&
        options.distribution !== 'weibull'
      ) {
        throw invalid('distribution', oneOfReason(['auto', 'lognormal', 'weibull']));
      }
      const input = parseCohortFile(parseJson(await readInput(file, io), file));
      if (Object.keys(input.options).length > 0) {
        throw invalid(
          'options',
          'onset forecast uses the windows of docs/outcomes.md as they are; remove options from the file',
        );
      }
      const clinic = fitClinicForecast({ definition: input.definition, patients: input.patients }, Date.now(), {
        distribution: options.distribution,
      });
      const results = input.patients.map((p) => forecastJson(forecastFor(clinic, p)));
      if (options.json === true) io.out(`${JSON.stringify({ patients: results }, null, 2)}\n`);
      else io.out(results.map(forecastText).join(''));
    });
}
