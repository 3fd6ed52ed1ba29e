import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/audit.service.js';
import { patientService } from '../../src/patients/patient.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { aClinicContext, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

describeEachEngine('audit chain', (engine) => {
  let test: TestDatabase;
  let ctx: ServiceContext;

  beforeAll(async () => {
    test = await freshDatabase(engine);
    ctx = await aClinicContext(test.handle);
    const patient = await aPatient(ctx);
    await patientService.get(ctx, patient.id);
    await patientService.update(ctx, patient.id, { weightKg: 71 });
    await patientService.list(ctx);
  });
  afterAll(async () => {
    await test.drop();
  });

  it('every read and change is an entry, in order, naming who, what and which patient', async () => {
    const entries = await test.handle.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('clinic_id', '=', ctx.clinicId)
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => [e.seq, e.action, e.entity])).toEqual([
      [1, 'create', 'patient'],
      [2, 'read', 'patient'],
      [3, 'update', 'patient'],
      [4, 'list', 'patient'],
    ]);
    expect(entries[0]).toMatchObject({ actor_type: 'user', actor_id: 'test-user', ip: '127.0.0.1' });
    expect(JSON.parse(entries[2]!.detail)).toEqual({ fields: ['weightKg'] });
    expect(await verifyChain(ctx)).toEqual({ ok: true, entries: 4, firstBroken: null });
  });

  it('a changed entry is detected and named', async () => {
    await test.handle.db
      .updateTable('audit_entries')
      .set({ action: 'read' })
      .where('clinic_id', '=', ctx.clinicId)
      .where('seq', '=', 3)
      .execute();
    expect(await verifyChain(ctx)).toMatchObject({
      ok: false,
      entries: 2,
      firstBroken: { seq: 3, reason: 'its content does not match its hash' },
    });
    await test.handle.db
      .updateTable('audit_entries')
      .set({ action: 'update' })
      .where('clinic_id', '=', ctx.clinicId)
      .where('seq', '=', 3)
      .execute();
    expect((await verifyChain(ctx)).ok).toBe(true);
  });

  it('a deleted entry is detected and named', async () => {
    await test.handle.db
      .deleteFrom('audit_entries')
      .where('clinic_id', '=', ctx.clinicId)
      .where('seq', '=', 2)
      .execute();
    expect(await verifyChain(ctx)).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'entry 2 is missing' } });
  });
});
