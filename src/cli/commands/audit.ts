import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { anchorHeads, parseAnchor } from '../../audit/audit-anchor.js';
import { verifyAudit, type AnchorHead, type AuditVerdict } from '../../audit/audit-verify.js';
import { listClinics } from '../../clinics/clinic.service.js';
import type { DatabaseHandle } from '../../db/database.js';
import { OnsetError, invalid } from '../../shared/errors.js';
import { useDatabase, withDataOption, type DataOptions } from '../database-option.js';
import type { CliIo } from '../io.js';

async function clinicsOf(handle: DatabaseHandle, clinic: string | undefined): Promise<string[]> {
  return clinic === undefined ? (await listClinics(handle.db)).map((c) => c.id) : [clinic];
}

function readAnchorFile(path: string): Map<string, AnchorHead> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw invalid('--against', `cannot read ${path}`);
  }
  return new Map(parseAnchor(text).clinics.map((head) => [head.clinicId, head]));
}

/** The verdict in lines: what holds, and each thing that does not, named. */
export function describeVerdict(verdict: AuditVerdict): string[] {
  const at = `clinic ${verdict.clinicId}:`;
  const lines: string[] = [];
  if (verdict.firstBroken === null) lines.push(`${at} ${verdict.entries} entries, chain intact`);
  else
    lines.push(
      `${at} BROKEN at entry ${verdict.firstBroken.seq}: ${verdict.firstBroken.reason} (${verdict.entries} entries verified before it)`,
    );
  if (verdict.notMacProtected > 0)
    lines.push(
      `${at} not MAC-protected: ${verdict.notMacProtected} entries (written before audit MACs; checked by their hash only)`,
    );
  if (verdict.anchor !== null) lines.push(`${at} ANCHOR: ${verdict.anchor}`);
  const records = verdict.records;
  if (records === null) lines.push(`${at} records not checked: the chain is broken`);
  else {
    for (const r of records.changed)
      lines.push(`${at} RECORD CHANGED: ${r.table} ${r.id} does not match its latest audit entry`);
    for (const r of records.deleted)
      lines.push(`${at} RECORD DELETED: ${r.table} ${r.id} has audit entries but no row`);
    for (const r of records.inserted) lines.push(`${at} RECORD INSERTED: ${r.table} ${r.id} has no audited write`);
    lines.push(`${at} ${records.matched} records match their audit entries`);
    const { beforeRecordHashes, syntheticBulkLoad } = records.notChecked;
    if (beforeRecordHashes > 0)
      lines.push(`${at} not checked: ${beforeRecordHashes} records last written before record hashes`);
    if (syntheticBulkLoad > 0) lines.push(`${at} not checked: ${syntheticBulkLoad} synthetic records loaded in bulk`);
  }
  return lines;
}

/** `onset audit verify [--against FILE]` and `onset audit anchor --out FILE`. */
export function registerAuditCommands(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('the append-only, hash-chained, MAC-protected audit trail');
  withDataOption(
    audit
      .command('verify')
      .description('check every clinic’s audit chain, its head and every audited record; name what is wrong')
      .option('--clinic <id>', 'only this clinic')
      .option(
        '--against <file>',
        'an anchor written by onset audit anchor: the chain must still hold it and not have shrunk',
      ),
  ).action(async (options: DataOptions & { clinic?: string; against?: string }) => {
    const anchors = options.against === undefined ? null : readAnchorFile(options.against);
    const failures = await useDatabase(options, async (handle) => {
      const clinics = await clinicsOf(handle, options.clinic);
      let failed = 0;
      for (const head of anchors?.values() ?? []) {
        if (options.clinic !== undefined && head.clinicId !== options.clinic) continue;
        if (clinics.includes(head.clinicId)) continue;
        failed += 1;
        io.out(
          `clinic ${head.clinicId}: ANCHOR: the anchor holds ${head.seq} entries of this clinic, but it is gone from the database\n`,
        );
      }
      for (const clinicId of clinics) {
        const verdict = await verifyAudit(handle.db, clinicId, anchors?.get(clinicId));
        if (!verdict.ok) failed += 1;
        for (const line of describeVerdict(verdict)) io.out(`${line}\n`);
      }
      return failed;
    });
    if (failures > 0) throw new OnsetError('CONFLICT', `the audit trail of ${failures} clinic(s) does not verify`);
  });
  withDataOption(
    audit
      .command('anchor')
      .description(
        'write each clinic’s chain head (entry, hash, MAC, count, time) to a file kept away from the database',
      )
      .requiredOption('--out <file>', 'where to write the anchor (refuses to overwrite)')
      .option('--clinic <id>', 'only this clinic'),
  ).action(async (options: DataOptions & { out: string; clinic?: string }) => {
    const file = await useDatabase(options, async (handle) =>
      anchorHeads(handle.db, await clinicsOf(handle, options.clinic), new Date()),
    );
    try {
      writeFileSync(options.out, `${JSON.stringify(file, null, 2)}\n`, { flag: 'wx' });
    } catch {
      throw invalid('--out', `cannot write ${options.out} (it may already exist)`);
    }
    io.out(`anchored ${file.clinics.length} clinic(s) in ${options.out}\n`);
  });
}
