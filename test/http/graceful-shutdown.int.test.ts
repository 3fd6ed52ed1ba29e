import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'onset-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = fileURLToPath(new URL('../../src/cli/run.ts', import.meta.url));

async function run(args: string[], stdin = ''): Promise<string> {
  const io = captureIo(stdin);
  expect(await main(['node', 'onset', ...args, '--data', dir], io)).toBe(0);
  return io.stdout().trim();
}

it('SIGTERM stops accepting, finishes the requests in flight, closes the database and exits 0', async () => {
  const clinicId = await run(['clinic', 'create', 'Shutdown clinic']);
  await run(['user', 'create', '--clinic', clinicId, '--email', 'term@example.org', '--role', 'clinician'], 'a long enough password\n');
  const token = await run(['token', 'create', '--email', 'term@example.org']);

  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'start', '--no-demo', '--port', '0', '--data', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /running at (http:\/\/\S+?)\/? /.exec(line);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const requests = Array.from({ length: 40 }, (_, i) =>
    fetch(`${url}/api/v1/patients`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ label: `TERM-${i}` }),
    }).then(
      async (r) => ({ status: r.status, label: r.ok ? ((await r.json()) as { label: string }).label : null }),
      () => ({ status: 0, label: null }), // refused: the server had stopped accepting
    ),
  );
  await new Promise((r) => setTimeout(r, 30));
  child.kill('SIGTERM');
  const results = await Promise.all(requests);
  expect(await exited).toBe(0);
  await expect(fetch(`${url}/healthz`)).rejects.toThrow();

  // No request was cut off half-way: each was answered (201), turned away while closing (503), or refused.
  expect(results.map((r) => r.status).filter((s) => s !== 201 && s !== 503 && s !== 0)).toEqual([]);
  expect(results.some((r) => r.status === 201)).toBe(true);
  const answered = results.filter((r) => r.status === 201).map((r) => r.label);
  const db = new Database(join(dir, 'onset.sqlite'), { readonly: true });
  const stored = (db.prepare("SELECT label FROM patients WHERE label LIKE 'TERM-%'").all() as { label: string }[]).map((p) => p.label);
  db.close();
  for (const label of answered) expect(stored).toContain(label);
  results.forEach((r, i) => {
    if (r.status !== 201) expect(stored).not.toContain(`TERM-${i}`); // turned away: nothing written
  });
  // A clean close checkpoints the write-ahead log into the database file.
  const wal = join(dir, 'onset.sqlite-wal');
  expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
}, 60_000);
