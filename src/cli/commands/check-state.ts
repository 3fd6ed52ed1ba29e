import type { Command } from 'commander';
import { listClinics } from '../../clinics/clinic.service.js';
import { systemContext } from '../../records/context.js';
import { checkClinicState, type ClinicStateCheck, type PatientStateCheck } from '../../safety/check-state.service.js';
import type { MissingCause, UnexpectedCause } from '../../safety/compare-state.js';
import { invalid, OnsetError } from '../../shared/errors.js';
import { useDatabase, withDataOption, type DataOptions } from '../database-option.js';
import type { CliIo } from '../io.js';

interface CheckStateOptions extends DataOptions {
  clinic?: string;
  sample?: string;
  repair?: boolean;
  json?: boolean;
}

const MISSING: Readonly<Record<MissingCause, string>> = {
  'not-raised': 'the last write, under the current rules and settings, should have raised it',
  rules: 'the patient was last evaluated under other rules or another baseline window; the next write raises it',
  settings: "the clinic's settings changed after the patient's last write; the next write raises it",
};

const UNEXPECTED: Readonly<Record<UnexpectedCause, string>> = {
  'later-writes': "the patient's records were written after it was raised",
  settings: "the clinic's settings changed after it was raised",
  rules: 'the rules or the baseline window changed after it was raised',
  'unknown-rule': 'no current rule has this id',
  unexplained: 'nothing written or changed since it was raised explains it',
};

const BASIS: Readonly<Record<'stale' | 'none', string>> = {
  stale: 'the last whole-history evaluation ran under other rules or another baseline window',
  none: 'no basis is stored for the patient',
};

function parseSample(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && Number.isSafeInteger(n)))
    throw invalid('--sample', `"${value}" is not a number of patients (a whole number, at least 1)`);
  return n;
}

function patientLines(check: PatientStateCheck): string[] {
  const lines: string[] = [];
  for (const m of check.missing)
    lines.push(`MISSING ${m.rule} ${m.episodeKey} (${m.severity}, raised ${m.raisedAt}): ${MISSING[m.cause]}`);
  if (check.basis !== 'current' && check.lastWriteAt !== null)
    lines.push(`BASIS ${check.basis}: ${BASIS[check.basis]}; the next write evaluates the whole history`);
  for (const u of check.unexpected)
    lines.push(
      `${u.cause === 'unexplained' ? 'UNEXPLAINED' : 'NOT FOUND AGAIN'}: alert ${u.alertId} ${u.rule} ${u.episodeKey} (raised ${u.raisedAt}): ${UNEXPECTED[u.cause]}; kept`,
    );
  if (check.repaired !== null)
    lines.push(
      `REPAIRED: raised ${check.repaired.alertsRaised} alert(s)${check.repaired.basisStored ? '; stored the current basis' : ''}`,
    );
  return lines;
}

/** A clinic's check in lines: the counts, then what does not match for each patient, named by id. */
export function describeClinicCheck(result: ClinicStateCheck): string[] {
  const at = `clinic ${result.clinicId}:`;
  const failed = result.failed.length > 0 ? `, ${result.failed.length} could not be checked` : '';
  const lines = [
    `${at} ${result.checked} of ${result.patients} patients checked: ${result.consistent} match, ${result.mismatched.length} do not${failed}`,
  ];
  for (const check of result.details)
    for (const line of patientLines(check)) lines.push(`${at} patient ${check.patientId}: ${line}`);
  for (const f of result.failed) lines.push(`${at} patient ${f.patientId}: FAILED: ${f.message}`);
  return lines;
}

/**
 * `onset check-state [--clinic ID] [--sample N] [--repair] [--json]`: each patient's alerts and stored
 * basis against a whole-history evaluation (docs/operations.md "Safety state check"); exits non-zero
 * while a mismatch is left.
 */
export function registerCheckStateCommand(program: Command, io: CliIo): void {
  withDataOption(
    program
      .command('check-state')
      .description(
        "compare each patient's safety alerts and stored basis with a whole-history evaluation of the rules; name what does not match",
      )
      .option('--clinic <id>', 'only this clinic')
      .option('--sample <n>', 'check this many patients of each clinic, picked at random (default: every patient)')
      .option('--repair', 'raise the missing alerts and store the current basis (alerts are never changed or deleted)')
      .option('--json', 'print JSON instead of lines'),
  ).action(async (options: CheckStateOptions) => {
    const sample = options.sample === undefined ? undefined : parseSample(options.sample);
    const repair = options.repair === true;
    const results = await useDatabase(options, async (handle) => {
      const clinics = options.clinic === undefined ? (await listClinics(handle.db)).map((c) => c.id) : [options.clinic];
      const checked: ClinicStateCheck[] = [];
      for (const clinicId of clinics)
        checked.push(await checkClinicState(systemContext(handle, clinicId, { actor: 'cli' }), { sample, repair }));
      return checked;
    });
    if (options.json === true) io.out(`${JSON.stringify({ clinics: results }, null, 2)}\n`);
    else for (const result of results) for (const line of describeClinicCheck(result)) io.out(`${line}\n`);
    const outstanding = results.reduce((n, r) => n + r.outstanding.length, 0);
    const failed = results.reduce((n, r) => n + r.failed.length, 0);
    const problems = [
      outstanding > 0
        ? `the safety state of ${outstanding} patient(s) does not match a whole-history evaluation${repair ? '' : ' (onset check-state --repair raises the missing alerts and stores the basis)'}`
        : null,
      failed > 0 ? `${failed} patient(s) could not be checked` : null,
    ].filter((p): p is string => p !== null);
    if (problems.length > 0) throw new OnsetError('CONFLICT', problems.join('; '));
  });
}
