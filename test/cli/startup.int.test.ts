import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/app/main.js';
import { closedPort } from '../support/ports.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'onset-startup-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], databaseUrl?: string): Promise<{ code: number; out: string; err: string }> {
  if (databaseUrl !== undefined) {
    vi.stubEnv('ONSET_DATABASE_URL', databaseUrl);
    // PostgreSQL needs the audit key before anything else (docs/operations.md); these tests are about the database.
    vi.stubEnv('ONSET_AUDIT_KEY', 'startup-test-audit-key-not-a-secret-0123456789');
  }
  try {
    const io = captureIo();
    const code = await main(['node', 'onset', ...args], io);
    return { code, out: io.stdout(), err: io.stderr() };
  } finally {
    vi.unstubAllEnvs();
  }
}

it('a database that refuses connections stops start and migrate with its (redacted) address and the reason', async () => {
  const port = await closedPort();
  const url = `postgres://onset:s3cret@127.0.0.1:${port}/onset`;
  const expected = `error: cannot open the database postgres://onset:***@127.0.0.1:${port}/onset: connect ECONNREFUSED 127.0.0.1:${port}\n`;
  for (const command of [['start', '--port', '0', '--no-demo'], ['migrate']]) {
    const result = await run(command, url);
    expect(result, command[0]).toEqual({ code: 1, out: '', err: expected });
  }
});

it('a --data folder without a database is refused, naming the folder, and nothing is created there', async () => {
  const typo = join(dir, 'onset-dta');
  const expected = `error: no Onset database in ${typo}; check --data, or add --init to create a new one there\n`;
  for (const command of [['start', '--port', '0'], ['clinic', 'create', 'Lakeside'], ['migrate']]) {
    const result = await run([...command, '--data', typo]);
    expect(result, command.join(' ')).toEqual({ code: 2, out: '', err: expected });
  }
  expect(existsSync(typo)).toBe(false);
});

it('a bad ONSET_CHECK_STATE_SAMPLE stops start before the database is opened, naming the variable', async () => {
  const folder = join(dir, 'sampled');
  vi.stubEnv('ONSET_CHECK_STATE_SAMPLE', 'fifty');
  const result = await run(['start', '--port', '0', '--no-demo', '--data', folder, '--init']);
  expect(result).toEqual({
    code: 2,
    out: '',
    err: 'error: ONSET_CHECK_STATE_SAMPLE: must be a whole number of patients per clinic (0 turns the daily check off); it is "fifty"\n',
  });
  expect(existsSync(folder)).toBe(false);
});

it('--init creates a new database in the folder; later commands find it without --init', async () => {
  const folder = join(dir, 'clinic-data');
  expect((await run(['clinic', 'create', 'Lakeside', '--data', folder, '--init'])).code).toBe(0);
  expect(existsSync(join(folder, 'onset.sqlite'))).toBe(true);
  const second = await run(['clinic', 'create', 'Riverside', '--data', folder]);
  expect(second).toMatchObject({ code: 0, err: '' });
});

// The real command in a child process, so that "exits" means the process ended by itself.
const cli = fileURLToPath(new URL('../../src/app/run.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

interface Spawned {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
  /**
   * The first stdout line matching `pattern` (already printed or still to come); rejects if the process exits first.
   */
  line: (pattern: RegExp) => Promise<string>;
}

function spawnOnset(args: string[], cwd: string): Spawned {
  const child = spawn(process.execPath, ['--import', tsx, cli, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ONSET_DATABASE_URL: '' },
  });
  const lines: string[] = [];
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let stderr = '';
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of waiting.filter((w) => w.pattern.test(line))) w.resolve(line);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const line = (pattern: RegExp): Promise<string> =>
    new Promise((resolve, reject) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) {
        resolve(seen);
        return;
      }
      waiting.push({ pattern, resolve });
      void exited.then((code) => reject(new Error(`exited (${code}) before printing ${pattern}: ${stderr}`)));
    });
  return { child, stderr: () => stderr, exited, line };
}

/** Resolves with the exit code, or rejects (and ends the child) when it is still running at the deadline. */
async function exitWithin(started: Spawned, ms: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      started.child.kill('SIGKILL');
      reject(new Error(`still running after ${ms} ms; stderr: ${started.stderr()}`));
    }, ms);
  });
  try {
    return await Promise.race([started.exited, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

it('the first start in the default folder creates it with the demo clinic; a second start on the same port exits non-zero, saying so', async () => {
  const first = spawnOnset(['start', '--port', '0'], dir);
  try {
    const running = await first.line(/running at http:\/\/\S+/);
    const url = /running at (http:\/\/\S+?)\/? /.exec(running)?.[1] ?? '';
    await first.line(/^Synthetic demo data\. Sign in as/);
    expect(existsSync(join(dir, 'onset-data', 'onset.sqlite'))).toBe(true);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const port = new URL(url).port;
    const second = spawnOnset(['start', '--port', port, '--no-demo'], dir);
    expect(await exitWithin(second, 90_000)).toBe(1);
    expect(second.stderr()).toBe(
      `error: cannot listen on 127.0.0.1:${port}: the port is already in use (is Onset already running?); choose another with --port\n`,
    );
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  } finally {
    first.child.kill('SIGTERM');
    await first.exited;
  }
}, 240_000);
