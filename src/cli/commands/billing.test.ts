import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aClinicContext, aCourse, anEsketamineDoseBody, aPatient } from '../../../test/support/builders.js';
import { assessmentService } from '../../assessments/assessment.service.js';
import { listEntries } from '../../audit/audit.repository.js';
import { openSqlite } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { doseService } from '../../doses/dose.service.js';
import { isOnsetError } from '../../shared/errors.js';
import { captureIo } from '../io.js';
import { registerBillingCommands } from './billing.js';
import { registerExchangeCommands } from './exchange.js';

let dir: string;
let clinic: string;
let patientId: string;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const program = new Command().exitOverride();
  registerExchangeCommands(program, io);
  registerBillingCommands(program, io);
  try {
    await program.parseAsync(['node', 'onset', ...args, '--data', dir]);
    return { code: 0, out: io.stdout(), err: io.stderr() };
  } catch (error) {
    if (!isOnsetError(error)) throw error;
    return { code: 2, out: io.stdout(), err: `${io.stderr()}error: ${error.message}\n` };
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'onset-billing-'));
  const handle = openSqlite(join(dir, 'onset.sqlite'));
  await migrateToLatest(handle);
  const ctx = await aClinicContext(handle, 'Billing clinic');
  clinic = ctx.clinicId;
  const patient = await aPatient(ctx, { label: 'P-BILL-1' });
  patientId = patient.id;
  const course = await aCourse(ctx, patient.id);
  await doseService.create(
    ctx,
    anEsketamineDoseBody(patient.id, course.id, { givenAt: '2026-02-02T15:00:00Z', mg: 56 }),
  );
  await doseService.create(
    ctx,
    anEsketamineDoseBody(patient.id, course.id, { givenAt: '2026-02-05T15:00:00Z', mg: 84 }),
  );
  for (const [instrument, answers] of [
    ['gad7', [1, 1, 1, 1, 1, 1, 1]],
    ['phq9', [1, 1, 1, 1, 1, 1, 1, 1, 0]],
  ] as const) {
    await assessmentService.create(ctx, { patientId, instrument, completedAt: '2026-02-02T14:30:00Z', answers });
  }
  await handle.close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('onset export billing', () => {
  it('writes the documented columns: G2082 at 56 mg, G2083 at 84 mg, 96127 per instrument; and says it submits nothing', async () => {
    const result = await run(['export', 'billing', '--clinic', clinic, '--from', '2026-02-01', '--to', '2026-03-01']);
    expect(result.code).toBe(0);
    const [header, ...rows] = result.out.trimEnd().split('\r\n');
    expect(header).toBe(
      'patient_id,patient_label,service_date,code_system,code,units,description,basis,source,source_date',
    );
    expect(rows.map((r) => r.split(',').slice(1, 6).join(','))).toEqual([
      'P-BILL-1,2026-02-02,CPT,96127,2',
      'P-BILL-1,2026-02-02,HCPCS,G2082,1',
      'P-BILL-1,2026-02-05,HCPCS,G2083,1',
    ]);
    expect(result.err).toContain('Onset prepares lines and does not submit claims');
  });

  it('follows the clinic cap on 96127 units, audits the export, and refuses a bad period', async () => {
    expect((await run(['billing', 'settings', '--clinic', clinic, '--max-96127-units', '1'])).out).toBe(
      '{"max96127UnitsPerVisit":1}\n',
    );
    const out = join(dir, 'billing.csv');
    const capped = await run([
      'export',
      'billing',
      '--clinic',
      clinic,
      '--from',
      '2026-02-01',
      '--to',
      '2026-03-01',
      '--out',
      out,
    ]);
    expect(capped.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(',2026-02-02,CPT,96127,1,');
    const bad = await run(['billing', 'settings', '--clinic', clinic, '--max-96127-units', '0']);
    expect(bad.err).toContain('error: max96127UnitsPerVisit:');
    expect(
      (await run(['export', 'billing', '--clinic', clinic, '--from', '2026-03-01', '--to', '2026-02-01'])).err,
    ).toContain('error: --to: must be after --from');
    const handle = openSqlite(join(dir, 'onset.sqlite'));
    const entries = await listEntries(handle.db, clinic, {});
    await handle.close();
    expect(entries.filter((e) => e.action === 'export').length).toBe(2);
  });
});
