import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../../src/alerts/alert.service.js';
import type { Database } from '../../src/db/schema.js';
import { leasedOutbox, sendReady, type LeasedRow } from '../../src/mail/leased-outbox.repository.js';
import type { ServiceContext } from '../../src/records/context.js';
import { aClinicContext, aCourse, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';
import { MINUTE_MS } from '../../src/shared/time.js';

const NOON = '2026-03-02T12:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(NOON) + minutes * MINUTE_MS).toISOString();

type Table = 'mail_outbox' | 'alert_mail_outbox';
type Row = LeasedRow & {
  state: string;
  body: string;
  claimed_by: string | null;
  claimed_until: string | null;
  sent_at: string | null;
  not_before: string;
  last_error: string | null;
};

/** Where the messages belong: a clinic with one patient on one course. */
interface World {
  ctx: ServiceContext;
  patientId: string;
  courseId: string;
}

async function aWorld(test: TestDatabase): Promise<World> {
  const ctx = await aClinicContext(test.handle);
  const patient = await aPatient(ctx);
  const course = await aCourse(ctx, patient.id);
  return { ctx, patientId: patient.id, courseId: course.id };
}

type LooseDb = Kysely<Record<string, Record<string, unknown>>>;
const loose = (db: Kysely<Database>): LooseDb => {
  const view: unknown = db;
  return view as LooseDb;
};

/** A due questionnaire for the world's patient: what a questionnaire message is about. */
async function aDueItem(world: World): Promise<string> {
  const id = randomUUID();
  const row = {
    clinic_id: world.ctx.clinicId,
    id,
    patient_id: world.patientId,
    course_id: world.courseId,
    key: `k-${id}`,
    instrument: 'gad7',
    anchor: 'baseline',
    due_at: NOON,
    created_at: NOON,
    updated_at: NOON,
  };
  await loose(world.ctx.db).insertInto('due_assessments').values(row).execute();
  return id;
}

/**
 * An alert for the world's patient: what an alert message is about. A warning, so raising it queues no e-mail itself.
 */
async function anAlert(world: World): Promise<string> {
  const { alert } = await raiseAlert(world.ctx, {
    patientId: world.patientId,
    rule: 'craving',
    severity: 'warning',
    episodeKey: `test:${randomUUID()}`,
    raisedAt: NOON,
    evidence: {},
  });
  return alert.id;
}

/** A pending message in `table`, due at `notBefore`, with the columns that table needs besides the lease's. */
async function aMessage(world: World, table: Table, notBefore: string): Promise<string> {
  const id = randomUUID();
  const own =
    table === 'mail_outbox'
      ? { due_assessment_id: await aDueItem(world), kind: 'invite' }
      : { alert_id: await anAlert(world) };
  const row = {
    clinic_id: world.ctx.clinicId,
    id,
    to_address: 'someone@clinic.example',
    subject: 'S',
    body: 'B',
    not_before: notBefore,
    state: 'pending',
    created_at: NOON,
    updated_at: NOON,
    ...own,
  };
  await loose(world.ctx.db).insertInto(table).values(row).execute();
  return id;
}

async function stored(db: Kysely<Database>, table: Table, id: string): Promise<Row> {
  const view: unknown = db;
  return (view as Kysely<Record<Table, Row>>)
    .selectFrom(table)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

describeEachEngine('leased outbox', (engine) => {
  let test: TestDatabase;
  let world: World;
  beforeAll(async () => {
    test = await freshDatabase(engine);
    world = await aWorld(test);
  });
  afterAll(async () => test.drop());

  for (const table of ['mail_outbox', 'alert_mail_outbox'] as const) {
    describe(table, () => {
      const outbox = leasedOutbox<Row>(table);

      it('offers due pending messages oldest first, skipping the listed ones and those not yet due', async () => {
        const later = await aMessage(world, table, at(-5));
        const first = await aMessage(world, table, at(-10));
        await aMessage(world, table, at(30));
        expect((await outbox.nextReady(test.handle.db, NOON, []))?.id).toBe(first);
        expect((await outbox.nextReady(test.handle.db, NOON, [first]))?.id).toBe(later);
        // Mark both handled so later tests in this table start from an empty queue.
        for (const id of [first, later]) {
          const row = await stored(test.handle.db, table, id);
          expect(await outbox.claim(test.handle.db, row, { workerId: 'w', now: NOON, until: at(5) })).toBe(true);
          expect(await outbox.finish(test.handle.db, row, 'w', { state: 'sent', now: NOON })).toBe(true);
        }
        expect(await outbox.nextReady(test.handle.db, NOON, [])).toBeUndefined();
      });

      it('lets exactly one of two workers claim a message, counting one attempt', async () => {
        const id = await aMessage(world, table, at(-1));
        const row = await stored(test.handle.db, table, id);
        const claims = await Promise.all(
          ['a', 'b'].map((workerId) => outbox.claim(test.handle.db, row, { workerId, now: NOON, until: at(5) })),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
        const after = await stored(test.handle.db, table, id);
        expect(after).toMatchObject({ state: 'sending', attempts: 1, claimed_until: at(5) });
        expect(after.claimed_by).toBe(claims[0] ? 'a' : 'b');
        await outbox.finish(test.handle.db, row, after.claimed_by ?? '', { state: 'sent', now: NOON });
      });

      it('holds a claimed message while its lease lasts; after it, another worker takes it over and the first can no longer finish it', async () => {
        const id = await aMessage(world, table, at(-1));
        const row = await stored(test.handle.db, table, id);
        expect(await outbox.claim(test.handle.db, row, { workerId: 'dead', now: NOON, until: at(5) })).toBe(true);
        expect(await outbox.nextReady(test.handle.db, at(4), [])).toBeUndefined();
        expect((await outbox.nextReady(test.handle.db, at(6), []))?.id).toBe(id);
        expect(await outbox.claim(test.handle.db, row, { workerId: 'alive', now: at(6), until: at(11) })).toBe(true);
        expect(await outbox.finish(test.handle.db, row, 'dead', { state: 'sent', now: at(7) })).toBe(false);
        expect(
          await outbox.finish(test.handle.db, row, 'alive', { state: 'sent', now: at(7), body: 'B [link removed]' }),
        ).toBe(true);
        expect(await stored(test.handle.db, table, id)).toMatchObject({
          state: 'sent',
          attempts: 2,
          sent_at: at(7),
          claimed_by: null,
          claimed_until: null,
          body: 'B [link removed]',
        });
      });

      it('puts a retried message back at its new time, keeping its body and recording the error', async () => {
        const id = await aMessage(world, table, at(-1));
        const row = await stored(test.handle.db, table, id);
        await outbox.claim(test.handle.db, row, { workerId: 'w', now: NOON, until: at(5) });
        expect(
          await outbox.finish(test.handle.db, row, 'w', {
            state: 'pending',
            now: NOON,
            notBefore: at(2),
            error: '451 try later',
          }),
        ).toBe(true);
        expect(await stored(test.handle.db, table, id)).toMatchObject({
          state: 'pending',
          not_before: at(2),
          last_error: '451 try later',
          body: 'B',
          sent_at: null,
          claimed_by: null,
        });
        expect(await outbox.nextReady(test.handle.db, at(1), [])).toBeUndefined();
        expect((await outbox.nextReady(test.handle.db, at(2), []))?.id).toBe(id);
        await outbox.claim(test.handle.db, row, { workerId: 'w', now: at(2), until: at(7) });
        await outbox.finish(test.handle.db, row, 'w', { state: 'failed', now: at(2) });
      });

      it('sendReady delivers up to the batch, counts outcomes and names the message in errors', async () => {
        const ids = [
          await aMessage(world, table, at(-3)),
          await aMessage(world, table, at(-2)),
          await aMessage(world, table, at(-1)),
        ];
        const seen: string[] = [];
        const run = { workerId: 'w', now: new Date(NOON), leaseMs: 300_000, label: 'message' };
        const deliver = async (row: Row) => {
          seen.push(row.id);
          const outcome = row.id === ids[0] ? ('retried' as const) : ('sent' as const);
          await outbox.finish(
            test.handle.db,
            row,
            'w',
            outcome === 'sent'
              ? { state: 'sent', now: NOON }
              : { state: 'pending', now: NOON, notBefore: at(60), error: 'later' },
          );
          return outcome === 'sent' ? { outcome } : { outcome, error: 'later' };
        };
        expect(await sendReady(test.handle.db, outbox, { ...run, batch: 2 }, deliver)).toEqual({
          sent: 1,
          retried: 1,
          failed: 0,
          cancelled: 0,
          errors: [`message ${ids[0]}: later`],
        });
        expect(await sendReady(test.handle.db, outbox, { ...run, batch: 2 }, deliver)).toEqual({
          sent: 1,
          retried: 0,
          failed: 0,
          cancelled: 0,
          errors: [],
        });
        expect(seen).toEqual(ids);
      });
    });
  }
});
