/**
 * `npm run bench:soak` (not part of CI): ten minutes (SOAK_SECONDS) of steady mixed traffic against the
 * real app on SQLite — patient page reads, outcome and cohort reports, questionnaire submissions and
 * sign-ins — reporting throughput and p50/p99 per route for each minute, and resident memory cold, after
 * the first minute and at the end (target: growth ≤ 10% from the first minute to the end). Prints JSON.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const TOTAL_SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const WINDOW_SECONDS = Math.min(60, TOTAL_SECONDS);

interface Info {
  port: number;
  clinician: string;
  admin: string;
  email: string;
  password: string;
  patients: { patientId: string; courseId: string }[];
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', fileURLToPath(new URL('./soak-server.ts', import.meta.url))],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const info = await new Promise<Info>((resolve) =>
  createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line) as Info)),
);
const base = `http://127.0.0.1:${info.port}`;
const bearer = (token: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
});

async function rss(): Promise<number> {
  const text = await (await fetch(`${base}/metrics`, { headers: bearer(info.admin) })).text();
  return Number(/onset_process_resident_memory_bytes (\d+)/.exec(text)?.[1] ?? 0);
}

let n = 0;
const pick = (): Info['patients'][number] => info.patients[(n += 1) % info.patients.length]!;

/** Each route at its own steady rate (requests per second across its connections). */
const routes: { name: string; rate: number; connections: number; request: () => autocannon.Request }[] = [
  {
    name: 'GET patient page',
    rate: 40,
    connections: 4,
    request: () => ({ method: 'GET', path: `/api/v1/patients/${pick().patientId}`, headers: bearer(info.clinician) }),
  },
  {
    name: 'GET patient outcomes',
    rate: 20,
    connections: 4,
    request: () => ({
      method: 'GET',
      path: `/api/v1/patients/${pick().patientId}/outcomes`,
      headers: bearer(info.clinician),
    }),
  },
  {
    name: 'GET dashboard',
    rate: 5,
    connections: 2,
    request: () => ({ method: 'GET', path: '/api/v1/dashboard', headers: bearer(info.clinician) }),
  },
  {
    name: 'GET cohort report',
    rate: 1,
    connections: 1,
    request: () => ({ method: 'GET', path: '/api/v1/cohort?instrument=gad7', headers: bearer(info.clinician) }),
  },
  {
    name: 'POST questionnaire',
    rate: 20,
    connections: 4,
    request: () => {
      const p = pick();
      return {
        method: 'POST',
        path: '/api/v1/assessments',
        headers: bearer(info.clinician),
        body: JSON.stringify({
          patientId: p.patientId,
          courseId: p.courseId,
          instrument: 'gad7',
          completedAt: new Date().toISOString(),
          answers: [n % 4, 1, 2, 1, 0, 1, 2],
        }),
      };
    },
  },
];

/** Sign-ins every 4 s: under the sign-in rate limit (20 a minute per address), which would answer 429. */
async function signIns(
  seconds: number,
): Promise<{ route: string; requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number }> {
  const latencies: number[] = [];
  let non2xx = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: info.email, password: info.password }),
    });
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    if (!response.ok) non2xx += 1;
    await new Promise((r) => setTimeout(r, Math.max(0, 4000 - (performance.now() - started))));
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    route: 'POST sign-in',
    requestsPerSecond: Number((latencies.length / seconds).toFixed(2)),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    non2xx,
    errors: 0,
  };
}

const coldRss = await rss();
const windows: { rssMb: number }[] = [];
for (let elapsed = 0; elapsed < TOTAL_SECONDS; elapsed += WINDOW_SECONDS) {
  const results = await Promise.all([
    signIns(WINDOW_SECONDS),
    ...routes.map(async (route) => {
      const result = await autocannon({
        url: base,
        connections: route.connections,
        overallRate: route.rate,
        duration: WINDOW_SECONDS,
        requests: [{ setupRequest: (r) => ({ ...r, ...route.request() }) }],
      });
      return {
        route: route.name,
        requestsPerSecond: Number(result.requests.average.toFixed(1)),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      };
    }),
  ]);
  windows.push({ minute: elapsed / 60 + 1, routes: results, rssMb: Math.round((await rss()) / 1048576) } as {
    rssMb: number;
  });
  process.stderr.write(`soak: ${elapsed + WINDOW_SECONDS}/${TOTAL_SECONDS} s\n`);
}
const endRss = await rss();
child.kill('SIGTERM');
// Growth is measured from the end of the first minute: the first minute fills caches and compiles code.
const startMb = windows[0]?.rssMb ?? Math.round(coldRss / 1048576);
const endMb = Math.round(endRss / 1048576);
const growth = (endMb - startMb) / startMb;
process.stdout.write(
  `${JSON.stringify({ benchmark: 'soak', seconds: TOTAL_SECONDS, rssColdMb: Math.round(coldRss / 1048576), rssStartMb: startMb, rssEndMb: endMb, rssGrowth: Number(growth.toFixed(3)), targets: { rssGrowthMax: 0.1 }, pass: growth <= 0.1, windows }, null, 2)}\n`,
);
