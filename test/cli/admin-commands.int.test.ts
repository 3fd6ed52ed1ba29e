import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { captureIo } from '../../src/cli/io.js';
import type { Command } from 'commander';
import { main, onsetProgram } from '../../src/app/main.js';

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
  const clinic = await run(['clinic', 'create', 'Lakeside Clinic', '--data', dir, '--init']);
  expect(clinic.code).toBe(0);
  expect(clinic.out).toMatch(/^[0-9a-f-]{36}\n$/);
  const id = clinic.out.trim();
  const user = await run(
    ['user', 'create', '--clinic', id, '--email', 'dr@example.org', '--role', 'clinician', '--data', dir],
    'a sufficiently long password\n',
  );
  expect(user).toMatchObject({ code: 0, out: expect.stringMatching(/^created clinician dr@example.org/) as unknown });
  const db = new Database(join(dir, 'onset.sqlite'), { readonly: true });
  expect(db.prepare('SELECT email, role, clinic_id FROM users').all()).toEqual([
    { email: 'dr@example.org', role: 'clinician', clinic_id: id },
  ]);
  db.close();
});

it('bad input prints a clear error, exits non-zero and writes nothing', async () => {
  const id = (await run(['clinic', 'create', 'C', '--data', dir, '--init'])).out.trim();
  const short = await run(
    ['user', 'create', '--clinic', id, '--email', 'x@example.org', '--role', 'clinician', '--data', dir],
    'short\n',
  );
  expect(short.code).not.toBe(0);
  expect(short.err).toBe('error: password: must be at least 12 characters\n');
  const role = await run(
    ['user', 'create', '--clinic', id, '--email', 'x@example.org', '--role', 'owner', '--data', dir],
    'long enough password\n',
  );
  expect(role.err).toMatch(/role: must be one of: admin, clinician, researcher/);
  const clinic = await run(
    ['user', 'create', '--clinic', 'nope', '--email', 'x@example.org', '--role', 'admin', '--data', dir],
    'long enough password\n',
  );
  expect(clinic.err).toMatch(/clinic nope was not found/);
  const db = new Database(join(dir, 'onset.sqlite'), { readonly: true });
  expect(db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 0 });
  db.close();
});

it('migrate reports what it applied, then that the schema is up to date', async () => {
  expect((await run(['migrate', '--data', dir, '--init'])).out).toMatch(/^applied 0001-clinical-records/);
  expect((await run(['migrate', '--data', dir])).out).toMatch(/^schema is up to date/);
});

it('backup writes a consistent copy and refuses to overwrite', async () => {
  await run(['clinic', 'create', 'Backed up', '--data', dir, '--init']);
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

it('--help works on every command, found by walking the command tree', async () => {
  const paths: string[][] = [];
  const walk = (command: Command, path: string[]): void => {
    if (command.commands.length === 0) paths.push(path);
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(onsetProgram(captureIo()), []);
  expect(paths.length).toBeGreaterThanOrEqual(18);
  for (const path of [[], ...paths]) {
    const result = await run([...path, '--help']);
    expect(result.code, path.join(' ')).toBe(0);
    expect(result.out, path.join(' ')).toMatch(/^Usage: onset/);
  }
});

it('token create prints a token once; list shows it without the secret; revoke ends it', async () => {
  const clinicId = (await run(['clinic', 'create', 'Tokens', '--data', dir, '--init'])).out.trim();
  await run(
    ['user', 'create', '--clinic', clinicId, '--email', 'ehr@example.org', '--role', 'admin', '--data', dir],
    'an integration password\n',
  );
  const created = await run(['token', 'create', '--email', 'ehr@example.org', '--name', 'EHR', '--data', dir]);
  expect(created.out).toMatch(/^api_[0-9a-f]{32}_[A-Za-z0-9_-]{43}\n$/);
  const listed = await run(['token', 'list', '--clinic', clinicId, '--data', dir]);
  expect(listed.out).toMatch(/EHR .* active/);
  expect(listed.out).not.toContain(created.out.trim());
  const id = listed.out.split(' ')[0]!;
  expect((await run(['token', 'revoke', id, '--clinic', clinicId, '--data', dir])).code).toBe(0);
  expect((await run(['token', 'list', '--clinic', clinicId, '--data', dir])).out).toMatch(/revoked/);
  expect((await run(['token', 'create', '--email', 'nobody@example.org', '--data', dir])).err).toMatch(
    /no user with the e-mail/,
  );
});

it('audit verify passes on an intact chain and names the first broken entry after tampering', async () => {
  const clinicId = (await run(['clinic', 'create', 'Audited', '--data', dir, '--init'])).out.trim();
  await run(
    ['user', 'create', '--clinic', clinicId, '--email', 'a1@example.org', '--role', 'admin', '--data', dir],
    'a long enough password\n',
  );
  await run(
    ['user', 'create', '--clinic', clinicId, '--email', 'a2@example.org', '--role', 'clinician', '--data', dir],
    'a long enough password\n',
  );
  const ok = await run(['audit', 'verify', '--data', dir]);
  expect(ok).toMatchObject({ code: 0, out: expect.stringMatching(/2 entries, chain intact/) as unknown });
  const db = new Database(join(dir, 'onset.sqlite'));
  db.prepare("UPDATE audit_entries SET actor_type = 'user' WHERE seq = 2").run();
  db.close();
  const bad = await run(['audit', 'verify', '--data', dir]);
  expect(bad.code).not.toBe(0);
  expect(bad.out).toMatch(/BROKEN at entry 2: its content does not match its hash/);
});

it('token create is an operator action: audited as created by the CLI for that user', async () => {
  const id = (await run(['clinic', 'create', 'Ops', '--data', dir, '--init'])).out.trim();
  await run(
    ['user', 'create', '--clinic', id, '--email', 'ops@example.org', '--role', 'admin', '--data', dir],
    'a sufficiently long password\n',
  );
  const created = await run(['token', 'create', '--email', 'ops@example.org', '--name', 'prometheus', '--data', dir]);
  expect(created.code).toBe(0);
  const db = new Database(join(dir, 'onset.sqlite'), { readonly: true });
  const user = db.prepare('SELECT id FROM users').get() as { id: string };
  const token = db.prepare('SELECT id, user_id FROM api_tokens').get() as { id: string; user_id: string };
  expect(token.user_id).toBe(user.id);
  expect(
    db
      .prepare("SELECT actor_type, actor_id, detail FROM audit_entries WHERE entity = 'api-token' AND entity_id = ?")
      .all(token.id),
  ).toEqual([{ actor_type: 'cli', actor_id: null, detail: JSON.stringify({ userId: user.id }) }]);
  db.close();
});

it('user seal-secrets seals plaintext two-step secrets with ONSET_SECRET_KEY, and refuses without it', async () => {
  const id = (await run(['clinic', 'create', 'Legacy', '--data', dir, '--init'])).out.trim();
  await run(
    ['user', 'create', '--clinic', id, '--email', 'old@example.org', '--role', 'admin', '--data', dir],
    'a sufficiently long password\n',
  );
  const writer = new Database(join(dir, 'onset.sqlite'));
  writer.prepare("UPDATE users SET totp_secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'").run();
  writer.close();
  const saved = process.env.ONSET_SECRET_KEY;
  try {
    delete process.env.ONSET_SECRET_KEY;
    expect((await run(['user', 'seal-secrets', '--data', dir])).err).toMatch(/ONSET_SECRET_KEY is not set/);
    process.env.ONSET_SECRET_KEY = 'c3'.repeat(32);
    expect((await run(['user', 'seal-secrets', '--data', dir])).out).toBe('sealed 1 two-step sign-in secret(s)\n');
    expect((await run(['user', 'seal-secrets', '--data', dir])).out).toBe('sealed 0 two-step sign-in secret(s)\n');
  } finally {
    if (saved === undefined) delete process.env.ONSET_SECRET_KEY;
    else process.env.ONSET_SECRET_KEY = saved;
  }
  const db = new Database(join(dir, 'onset.sqlite'), { readonly: true });
  expect((db.prepare('SELECT totp_secret FROM users').get() as { totp_secret: string }).totp_secret).toMatch(/^gcm1:/);
  db.close();
});

it('clinic list names each clinic with its id, time zone, patients and active staff, as lines or JSON', async () => {
  const empty = await run(['clinic', 'list', '--data', dir]);
  expect(empty.code).not.toBe(0); // no database in a folder that is not the default, and no --init
  const a = (
    await run(['clinic', 'create', 'Lakeside Clinic', '--data', dir, '--init', '--time-zone', 'Europe/Oslo'])
  ).out.trim();
  const b = (await run(['clinic', 'create', 'Harbour Clinic', '--data', dir])).out.trim();
  await run(
    ['user', 'create', '--clinic', a, '--email', 'dr@example.org', '--role', 'clinician', '--data', dir],
    'a sufficiently long password\n',
  );
  const list = await run(['clinic', 'list', '--data', dir]);
  expect(list).toEqual({
    code: 0,
    out: `${b}  Harbour Clinic  (UTC; 0 patients, 0 staff users)\n${a}  Lakeside Clinic  (Europe/Oslo; 0 patients, 1 staff user)\n`,
    err: '',
  });
  const json = await run(['clinic', 'list', '--json', '--data', dir]);
  expect(JSON.parse(json.out)).toEqual([
    { id: b, name: 'Harbour Clinic', timeZone: 'UTC', patients: 0, staff: 0 },
    { id: a, name: 'Lakeside Clinic', timeZone: 'Europe/Oslo', patients: 0, staff: 1 },
  ]);
});
