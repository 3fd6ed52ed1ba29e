import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { issuePatientLink, resolvePatientLink } from '../../src/auth/patient-link.service.js';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/app/main.js';
import { openSqlite } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { aClinicContext, aPatient } from '../support/builders.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'onset-cli-links-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo('');
  const code = await main(['node', 'onset', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

/** A clinic with one patient and a questionnaire link and a progress link for them, in the data folder. */
async function aClinicWithLinks(): Promise<{
  clinicId: string;
  patientId: string;
  questionnaire: { id: string; token: string };
  progress: { id: string; token: string };
}> {
  const handle = openSqlite(join(dir, 'onset.sqlite'));
  try {
    await migrateToLatest(handle);
    const ctx = { ...(await aClinicContext(handle)), now: () => new Date() };
    const patient = await aPatient(ctx);
    const q = await issuePatientLink(ctx, patient.id, { purpose: 'questionnaire', instrument: 'gad7' });
    const p = await issuePatientLink(ctx, patient.id, { purpose: 'progress' });
    return {
      clinicId: ctx.clinicId,
      patientId: patient.id,
      questionnaire: { id: q.link.id, token: q.token },
      progress: { id: p.link.id, token: p.token },
    };
  } finally {
    await handle.close();
  }
}

async function stateOf(token: string): Promise<string> {
  const handle = openSqlite(join(dir, 'onset.sqlite'));
  try {
    return (await resolvePatientLink(handle.db, token)).state;
  } finally {
    await handle.close();
  }
}

it('link revoke stops a link; link list shows it revoked beside the one that still works', async () => {
  const world = await aClinicWithLinks();
  const revoked = await run(['link', 'revoke', '--clinic', world.clinicId, world.progress.id, '--data', dir]);
  expect(revoked).toEqual({ code: 0, out: `revoked ${world.progress.id}\n`, err: '' });
  expect(await stateOf(world.progress.token)).toBe('revoked');
  expect(await stateOf(world.questionnaire.token)).toBe('valid');

  const list = await run(['link', 'list', '--clinic', world.clinicId, '--patient', world.patientId, '--data', dir]);
  expect(list.code).toBe(0);
  const lines = list.out.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines.find((l) => l.startsWith(world.progress.id))).toMatch(/ progress .* revoked \d{4}-/);
  expect(lines.find((l) => l.startsWith(world.questionnaire.id))).toMatch(/ questionnaire gad7 .* works until \d{4}-/);

  const audit = await run(['audit', 'verify', '--clinic', world.clinicId, '--data', dir]);
  expect(audit.out).toMatch(/chain intact/);
});

it('revoking twice, or a link of another clinic, is a clear error that changes nothing', async () => {
  const world = await aClinicWithLinks();
  expect((await run(['link', 'revoke', '--clinic', world.clinicId, world.progress.id, '--data', dir])).code).toBe(0);
  const twice = await run(['link', 'revoke', '--clinic', world.clinicId, world.progress.id, '--data', dir]);
  expect(twice.code).not.toBe(0);
  expect(twice.err).toMatch(/^error: this link was already revoked at \d{4}-/);

  const other = (await run(['clinic', 'create', 'Other clinic', '--data', dir])).out.trim();
  const elsewhere = await run(['link', 'revoke', '--clinic', other, world.questionnaire.id, '--data', dir]);
  expect(elsewhere.err).toBe(`error: patient link ${world.questionnaire.id} was not found\n`);
  expect(await stateOf(world.questionnaire.token)).toBe('valid');
});
