import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'onset-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(stdin);
  const code = await main(['node', 'onset', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

it('clinic create prints the new id alone; user create reads the password from stdin', async () => {
  const clinic = await run(['clinic', 'create', 'Lakeside Clinic', '--data', dir]);
  expect(clinic.code).toBe(0);
  expect(clinic.out).toMatch(/^[0-9a-f-]{36}\n$/);
  const id = clinic.out.trim();
  const user = await run(['user', 'create', '--clinic', id, '--email', 'dr@example.org', '--role', 'clinician', '--data', dir], 'a sufficiently long password\n');
  expect(user).toMatchObject({ code: 0, out: expect.stringMatching(/^created clinician dr@example.org/) as unknown });
  const db = new Database(join(dir, 'onset.sqlite'), { readonly: true });
  expect(db.prepare('SELECT email, role, clinic_id FROM users').all()).toEqual([{ email: 'dr@example.org', role: 'clinician', clinic_id: id }]);
  db.close();
});

it('bad input prints a clear error, exits non-zero and writes nothing', async () => {
  const id = (await run(['clinic', 'create', 'C', '--data', dir])).out.trim();
  const short = await run(['user', 'create', '--clinic', id, '--email', 'x@example.org', '--role', 'clinician', '--data', dir], 'short\n');
  expect(short.code).not.toBe(0);
  expect(short.err).toBe('error: password: must be at least 12 characters\n');
  const role = await run(['user', 'create', '--clinic', id, '--email', 'x@example.org', '--role', 'owner', '--data', dir], 'long enough password\n');
  expect(role.err).toMatch(/role: must be one of: admin, clinician, researcher/);
  const clinic = await run(['user', 'create', '--clinic', 'nope', '--email', 'x@example.org', '--role', 'admin', '--data', dir], 'long enough password\n');
  expect(clinic.err).toMatch(/clinic nope was not found/);
  const db = new Database(join(dir, 'onset.sqlite'), { readonly: true });
  expect(db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 0 });
  db.close();
});

it('migrate reports what it applied, then that the schema is up to date', async () => {
  expect((await run(['migrate', '--data', dir])).out).toMatch(/^applied 0001-clinical-records/);
  expect((await run(['migrate', '--data', dir])).out).toMatch(/^schema is up to date/);
});

it('backup writes a consistent copy and refuses to overwrite', async () => {
  await run(['clinic', 'create', 'Backed up', '--data', dir]);
  const target = join(dir, 'copy.sqlite');
  expect((await run(['backup', target, '--data', dir])).code).toBe(0);
  const copy = new Database(target, { readonly: true });
  expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(copy.prepare('SELECT name FROM clinics').all()).toEqual([{ name: 'Backed up' }]);
  copy.close();
  const again = await run(['backup', target, '--data', dir]);
  expect(again.code).not.toBe(0);
  expect(again.err).toMatch(/already exists/);
  const missing = await run(['backup', join(dir, 'other.sqlite'), '--data', join(dir, 'empty')]);
  expect(missing.err).toMatch(/no database at/);
  expect(existsSync(join(dir, 'empty', 'onset.sqlite'))).toBe(false);
});

it('--help works on every command', async () => {
  for (const args of [['--help'], ['start', '--help'], ['migrate', '--help'], ['clinic', 'create', '--help'], ['user', 'create', '--help'], ['backup', '--help']]) {
    const result = await run(args);
    expect(result.code, args.join(' ')).toBe(0);
    expect(result.out, args.join(' ')).toMatch(/^Usage: onset/);
  }
});
