import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { freshSqlite } from '../support/databases.js';

const writer = fileURLToPath(new URL('./sqlite-writer.ts', import.meta.url));
const CYCLES = 5;

/** Runs the writer until it has acknowledged `killAfter` records, then SIGKILLs it; returns the acks. */
function runAndKill(file: string, killAfter: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') return;
      acked.push(line);
      if (acked.length === killAfter) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`writer exited without being killed: ${stderr}`));
    });
  });
}

const sqlite = await freshSqlite();
afterAll(async () => {
  await sqlite.drop();
});

it(`SIGKILL during a stream of writes: integrity holds and every acknowledged write is present (${CYCLES} cycles)`, async () => {
  await sqlite.handle.close();
  const acknowledged: string[] = [];
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    // Kill at a different point each cycle, deep enough that writes are in flight.
    acknowledged.push(...(await runAndKill(sqlite.file, 20 + cycle * 37)));
  }
  const db = new Database(sqlite.file);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    for (const line of acknowledged) {
      const [kind, id, total] = line.split(' ');
      const table = kind === 'dose' ? 'doses' : 'assessments';
      const row = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
      expect(row, `${kind} ${id} was acknowledged but is missing`).toBeDefined();
      if (kind === 'assessment') expect(String(row?.total)).toBe(total);
    }
    // Every stored record has its audit entry: the record and its entry commit together.
    const orphans = db
      .prepare(
        `SELECT COUNT(*) AS n FROM doses d WHERE NOT EXISTS (SELECT 1 FROM audit_entries e WHERE e.clinic_id = d.clinic_id AND e.entity = 'dose' AND e.entity_id = d.id AND e.action = 'create')`,
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    expect(acknowledged.length).toBeGreaterThanOrEqual(CYCLES * 20);
  } finally {
    db.close();
  }
}, 120_000);
