import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { populateClinic, withoutIds } from '../../../test/fhir/clinic-fixture.js';
import { aClinicContext } from '../../../test/support/builders.js';
import { openSqlite } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { isOnsetError } from '../../shared/errors.js';
import { captureIo } from '../io.js';
import { registerAdminCommands } from './admin.js';
import { registerExchangeCommands } from './exchange.js';

let dir: string;
let clinicA: string;

/** Runs the commands in-process as main does (an OnsetError prints "error: …" and exits 2). */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const program = new Command().exitOverride();
  registerAdminCommands(program, io);
  registerExchangeCommands(program, io);
  try {
    await program.parseAsync(['node', 'onset', ...args, '--data', dir]);
    return { code: 0, out: io.stdout(), err: io.stderr() };
  } catch (error) {
    if (!isOnsetError(error)) throw error;
    return { code: 2, out: io.stdout(), err: `${io.stderr()}error: ${error.message}\n` };
  }
}

/** A Bundle without what differs between two exports of the same records (ids, clocks). */
function comparable(json: string): string {
  return withoutIds(
    JSON.parse(json, (key, value: unknown) => (key === 'lastUpdated' || key === 'timestamp' ? undefined : value)),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'onset-exchange-'));
  const handle = openSqlite(join(dir, 'onset.sqlite'));
  await migrateToLatest(handle);
  const ctx = await aClinicContext(handle, 'CLI clinic');
  await populateClinic(ctx);
  clinicA = ctx.clinicId;
  await handle.close();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('onset export fhir / import fhir', () => {
  it('round-trips a clinic through a file without loss; progress goes to stderr, the Bundle alone to stdout', async () => {
    const exported = await run(['export', 'fhir', '--clinic', clinicA]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.out)).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
    expect(exported.err).toContain('patients exported: 2/2\n');
    expect(exported.err).toContain('exported 2 patients, 2 courses, 3 doses, 8 assessments');
    const file = join(dir, 'bundle.json');
    writeFileSync(file, exported.out);

    const clinicB = (await run(['clinic', 'create', 'Receiving clinic'])).out.trim();
    const imported = await run(['import', 'fhir', file, '--clinic', clinicB]);
    expect(imported).toMatchObject({
      code: 0,
      out: `imported 2 Patient, 2 EpisodeOfCare, 2 MedicationStatement, 8 QuestionnaireResponse, 3 MedicationAdministration, 3 AdverseEvent, 2 Procedure into clinic ${clinicB}\n`,
    });
    const again = await run(['export', 'fhir', '--clinic', clinicB]);
    expect(comparable(again.out)).toEqual(comparable(exported.out));
  });

  it('a refused import lists every problem on stderr, exits non-zero and writes nothing', async () => {
    const bundle = JSON.parse((await run(['export', 'fhir', '--clinic', clinicA])).out) as {
      entry: { resource: Record<string, unknown> }[];
    };
    bundle.entry[0]!.resource.gender = 'f';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bundle));
    const clinicC = (await run(['clinic', 'create', 'Empty clinic'])).out.trim();
    const refused = await run(['import', 'fhir', file, '--clinic', clinicC]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      `${file}: 1 problem; nothing was imported\n  Bundle.entry[0].resource.gender: "f" is not one of: female, male, other, unknown\n`,
    );
    expect(refused.err).toContain(`error: ${file} was not imported: 1 problem (listed above)`);
    expect(JSON.parse((await run(['export', 'fhir', '--clinic', clinicC])).out)).toMatchObject({ entry: [] });
  });

  it('names a missing file and an unknown clinic', async () => {
    expect((await run(['import', 'fhir', join(dir, 'nope.json'), '--clinic', clinicA])).err).toMatch(
      /error: file: .*nope\.json does not exist/,
    );
    expect((await run(['export', 'fhir', '--clinic', 'no-such-clinic'])).err).toMatch(
      /error: clinic no-such-clinic was not found/,
    );
  });
});

describe('--deidentify', () => {
  it('prints a new random secret when none is configured, and reuses ONSET_DEIDENTIFY_SECRET when it is', async () => {
    const fresh = await run(['export', 'fhir', '--clinic', clinicA, '--deidentify']);
    expect(fresh.err).toMatch(/de-identifying with a new random secret: [0-9a-f]{64}\n/);
    expect(fresh.out).not.toContain('Ada');
    process.env.ONSET_DEIDENTIFY_SECRET = 'cli test secret';
    try {
      const one = await run(['export', 'fhir', '--clinic', clinicA, '--deidentify']);
      const two = await run(['export', 'fhir', '--clinic', clinicA, '--deidentify']);
      expect(one.err).toContain('de-identifying with the secret in ONSET_DEIDENTIFY_SECRET');
      const strip = (json: string): unknown =>
        JSON.parse(json, (key, value: unknown) => (key === 'timestamp' ? undefined : value));
      expect(strip(two.out)).toEqual(strip(one.out));
    } finally {
      delete process.env.ONSET_DEIDENTIFY_SECRET;
    }
  });
});

describe('onset export csv / import csv', () => {
  it('writes one file per record type and refuses to overwrite an earlier export', async () => {
    const out = join(dir, 'csv');
    const first = await run(['export', 'csv', '--clinic', clinicA, '--out', out]);
    expect(first.code).toBe(0);
    for (const name of [
      'patients',
      'courses',
      'doses',
      'assessments',
      'adverse_events',
      'therapy_sessions',
      'medications',
      'alerts',
    ]) {
      expect(existsSync(join(out, `${name}.csv`))).toBe(true);
    }
    expect(readFileSync(join(out, 'patients.csv'), 'utf8').split('\r\n')[0]).toBe(
      'id,label,name,email,phone,birth_year,sex,weight_kg,conditions,history,synthetic,created_at,updated_at',
    );
    expect((await run(['export', 'csv', '--clinic', clinicA, '--out', out])).err).toMatch(
      /error: --out: .*patients\.csv already exists/,
    );
    expect((await run(['export', 'csv', '--clinic', clinicA])).err).toMatch(/error: --out: is required for CSV/);
  });

  it('imports a spreadsheet all or nothing, with a report of every bad row', async () => {
    const clinic = (await run(['clinic', 'create', 'Spreadsheet clinic'])).out.trim();
    const patients = join(dir, 'new-patients.csv');
    writeFileSync(patients, 'label,birth_year,sex,conditions\nS-1,1980,female,gad\nS-2,1875,male,gad;flu\n');
    const refused = await run(['import', 'csv', 'patients', patients, '--clinic', clinic]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      `${patients}: 2 problems; nothing was imported\n  line 3, column birth_year: must be at least 1900\n  line 3, column conditions: value 2 must be one of: refractory-anxiety, gad, sad, panic, ocd, ptsd, depression\n`,
    );
    writeFileSync(patients, 'label,birth_year,sex,conditions\nS-1,1980,female,gad\nS-2,1975,male,gad;ptsd\n');
    expect(await run(['import', 'csv', 'patients', patients, '--clinic', clinic])).toMatchObject({
      code: 0,
      out: `imported 2 patients into clinic ${clinic}\n`,
    });
    expect((await run(['import', 'csv', 'visits', patients, '--clinic', clinic])).err).toMatch(
      /error: kind: must be one of: patients, courses, doses, assessments\n/,
    );
  });
});
