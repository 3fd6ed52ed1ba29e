import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { MINUTE_MS } from '../../src/shared/time.js';

const server = fileURLToPath(new URL('./http-server.ts', import.meta.url));

export interface CrashState {
  clinicId: string;
  token: string;
  patients: { patientId: string; courseId: string }[];
}

/** What the clients were told: only 2xx responses count as acknowledged. */
export interface Acknowledged {
  assessments: { id: string; instrument: string; total: number; suicidal: boolean }[];
  doses: { id: string }[];
  requests: number;
}

interface Running {
  port: number;
  state: CrashState;
  kill(): Promise<void>;
}

function startServer(target: string, stateFile: string): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', server, target, stateFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code, signal) => {
      if (signal === null) reject(new Error(`crash-test server exited (${code}): ${stderr}`));
    });
    createInterface({ input: child.stdout }).once('line', (line) => {
      const { port, state } = JSON.parse(line) as { port: number; state: CrashState };
      resolve({
        port,
        state,
        kill: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      });
    });
  });
}

let sequence = 0;

/** One client: alternating questionnaires (some with PHQ-9 item 9 positive) and doses, until stopped. */
async function client(base: string, state: CrashState, ack: Acknowledged, stop: { now: boolean }): Promise<void> {
  while (!stop.now) {
    const n = ++sequence;
    const p = state.patients[n % state.patients.length]!;
    const at = new Date(Date.UTC(2026, 0, 2) + n * MINUTE_MS).toISOString();
    const headers = { authorization: `Bearer ${state.token}`, 'content-type': 'application/json' };
    ack.requests += 1;
    try {
      if (n % 3 === 0) {
        const response = await fetch(`${base}/api/v1/doses`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            patientId: p.patientId,
            courseId: p.courseId,
            givenAt: at,
            drug: 'esketamine',
            route: 'intranasal',
            mg: 56,
            setting: 'clinic',
            observationMinutes: 120,
          }),
        });
        if (response.ok) ack.doses.push({ id: ((await response.json()) as { id: string }).id });
      } else {
        const suicidal = n % 5 === 0;
        const answers = [n % 4, 1, 2, 1, 0, 1, 2, 1, suicidal ? 1 : 0];
        const response = await fetch(`${base}/api/v1/assessments`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            patientId: p.patientId,
            courseId: p.courseId,
            instrument: 'phq9',
            completedAt: at,
            answers,
          }),
        });
        if (response.ok) {
          const body = (await response.json()) as { id: string; total: number };
          ack.assessments.push({
            id: body.id,
            instrument: 'phq9',
            total: answers.reduce((a, b) => a + b, 0),
            suicidal,
          });
        }
      }
    } catch {
      // The server died mid-request: this request was never acknowledged.
    }
  }
}

/**
 * Drives concurrent writes over HTTP and SIGKILLs the server at a random moment, `cycles` times, each
 * time restarting it on the same database. Returns every acknowledged write for the caller to verify.
 */
export async function runCrashCycles(options: {
  target: string;
  stateFile: string;
  cycles: number;
  clients?: number;
  onCycle?: (cycle: number) => void;
}): Promise<{ ack: Acknowledged; state: CrashState }> {
  const ack: Acknowledged = { assessments: [], doses: [], requests: 0 };
  let state: CrashState | null = null;
  for (let cycle = 0; cycle < options.cycles; cycle++) {
    const running = await startServer(options.target, options.stateFile);
    state = running.state;
    const stop = { now: false };
    const clients = Array.from({ length: options.clients ?? 8 }, () =>
      client(`http://127.0.0.1:${running.port}`, running.state, ack, stop),
    );
    // Kill once writes are flowing (a few acknowledged), at a random moment after that.
    const acknowledged = (): number => ack.assessments.length + ack.doses.length;
    const before = acknowledged();
    for (let waited = 0; acknowledged() < before + 5 && waited < 20_000; waited += 20) await sleep(20);
    await sleep(Math.floor(Math.random() * 400));
    await running.kill();
    stop.now = true;
    await Promise.all(clients);
    options.onCycle?.(cycle + 1);
  }
  if (state === null) throw new Error('no cycles ran');
  return { ack, state };
}
