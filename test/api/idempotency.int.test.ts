import { afterAll, beforeAll, expect, it } from 'vitest';
import { issuePatientLink } from '../../src/auth/patient-link.service.js';
import { buildWorld, type ApiWorld } from '../support/api-world.js';
import { describeEachEngine } from '../support/databases.js';

describeEachEngine('Idempotency-Key on writes', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildWorld(engine);
  });
  afterAll(async () => {
    await world.close();
  });
  const count = async (): Promise<number> =>
    (
      await world.test.handle.db
        .selectFrom('assessments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  const body = (answers: number[]): Record<string, unknown> => ({
    patientId: world.ids.patients,
    instrument: 'gad7',
    completedAt: '2026-02-01T10:00:00Z',
    answers,
  });

  it('a retried request returns the original result and writes nothing new', async () => {
    const headers = { ...world.principals.clinician.headers, 'idempotency-key': `retry-${engine}-0001` };
    const before = await count();
    const first = await world.app.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      headers,
      payload: body([1, 1, 1, 1, 1, 1, 1]),
    });
    const second = await world.app.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      headers,
      payload: body([1, 1, 1, 1, 1, 1, 1]),
    });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(await count()).toBe(before + 1);
  });

  it('the same key with a different request is refused and changes nothing', async () => {
    const headers = { ...world.principals.clinician.headers, 'idempotency-key': `mismatch-${engine}-01` };
    await world.app.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      headers,
      payload: body([2, 2, 2, 2, 2, 2, 2]),
    });
    const before = await count();
    const other = await world.app.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      headers,
      payload: body([0, 0, 0, 0, 0, 0, 0]),
    });
    expect(other.statusCode).toBe(409);
    expect(other.json<{ detail: string }>().detail).toMatch(/different request/);
    expect(await count()).toBe(before);
  });

  it('concurrent duplicates write once', async () => {
    const headers = { ...world.principals.clinician.headers, 'idempotency-key': `race-${engine}-0001` };
    const before = await count();
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        world.app.inject({ method: 'POST', url: '/api/v1/assessments', headers, payload: body([3, 3, 3, 3, 3, 3, 3]) }),
      ),
    );
    expect(responses.filter((r) => r.statusCode === 201).length).toBeGreaterThanOrEqual(1);
    expect(responses.map((r) => r.statusCode).filter((s) => s !== 201 && s !== 409)).toEqual([]);
    expect(await count()).toBe(before + 1);
  });

  it('a phone resending its questionnaire through a single-use link gets the original answer back', async () => {
    const { token } = await issuePatientLink({ ...world.a, now: () => new Date() }, world.ids.patients!, {
      purpose: 'questionnaire',
      instrument: 'gad7',
    });
    const headers = { 'x-onset-link': token, 'idempotency-key': `phone-${engine}-resend-1` };
    const before = await count();
    const first = await world.app.inject({
      method: 'POST',
      url: '/api/v1/link/responses',
      headers,
      payload: { answers: [1, 0, 1, 0, 1, 0, 1] },
    });
    expect(first.statusCode).toBe(201);
    // The link is used now; it identifies its holder only to replay what this key stored.
    const again = await world.app.inject({
      method: 'POST',
      url: '/api/v1/link/responses',
      headers,
      payload: { answers: [1, 0, 1, 0, 1, 0, 1] },
    });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await count()).toBe(before + 1);
  });

  it('a malformed key is refused', async () => {
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: { ...world.principals.clinician.headers, 'idempotency-key': 'x' },
      payload: body([1, 1, 1, 1, 1, 1, 1]),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ problems: [{ field: 'Idempotency-Key' }] });
  });
});
