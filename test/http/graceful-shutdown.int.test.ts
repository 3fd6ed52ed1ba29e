import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/app/main.js';

const dir = mkdtempSync(join(tmpdir(), 'onset-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = fileURLToPath(new URL('../../src/app/run.ts', import.meta.url));

async function run(args: string[], stdin = ''): Promise<string> {
  const io = captureIo(stdin);
  expect(await main(['node', 'onset', ...args, '--data', dir], io)).toBe(0);
  return io.stdout().trim();
}

it('SIGTERM stops accepting, finishes the requests in flight, closes the database and exits 0', async () => {
  const clinicId = await run(['clinic', 'create', 'Shutdown clinic', '--init']);
  await run(
    ['user', 'create', '--clinic', clinicId, '--email', 'term@example.org', '--role', 'clinician'],
    'a long enough password\n',
  );
  const token = await run(['token', 'create', '--email', 'term@example.org']);

  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'start', '--no-demo', '--port', '0', '--data', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /running at (http:\/\/\S+?)\/? /.exec(line);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  // Eight clients write patients back to back; SIGTERM comes once the server has answered a few, so
  // it lands while requests are in flight however fast or slow this machine is today.
  const results: { status: number; label: string }[] = [];
  let sent = 0;
  let answered201 = 0;
  let onAnswered: () => void = () => undefined;
  const fewAnswered = new Promise<void>((resolve) => (onAnswered = resolve));
  const client = async (): Promise<void> => {
    for (;;) {
      const label = `TERM-${sent++}`;
      const result = await fetch(`${url}/api/v1/patients`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ label }),
      }).then(
        async (r) => ({ status: r.status, label: r.ok ? ((await r.json()) as { label: string }).label : label }),
        () => ({ status: 0, label }), // refused: the server had stopped accepting
      );
      results.push(result);
      if (result.status === 201 && ++answered201 === 5) onAnswered();
      if (result.status !== 201) return;
    }
  };
  const clients = Promise.all(Array.from({ length: 8 }, client));
  await fewAnswered;
  child.kill('SIGTERM');
  await clients;
  expect(await exited).toBe(0);
  await expect(fetch(`${url}/healthz`)).rejects.toThrow();

  // No request was cut off half-way: each was answered (201), turned away while closing (503), or refused.
  expect(results.map((r) => r.status).filter((s) => s !== 201 && s !== 503 && s !== 0)).toEqual([]);
  expect(results.some((r) => r.status === 201)).toBe(true);
  const answered = results.filter((r) => r.status === 201).map((r) => r.label);
  const turnedAway = results.filter((r) => r.status !== 201).map((r) => r.label);
  const db = new Database(join(dir, 'onset.sqlite'), { readonly: true });
  const stored = (db.prepare("SELECT label FROM patients WHERE label LIKE 'TERM-%'").all() as { label: string }[]).map(
    (p) => p.label,
  );
  db.close();
  for (const label of answered) expect(stored).toContain(label);
  for (const label of turnedAway) expect(stored).not.toContain(label); // turned away: nothing written
  expect(stored).toHaveLength(answered.length);
  // A clean close checkpoints the write-ahead log into the database file.
  const wal = join(dir, 'onset.sqlite-wal');
  expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
}, 60_000);
