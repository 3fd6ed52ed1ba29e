import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildWorld, type ApiWorld } from '../support/api-world.js';
import { describeEachEngine } from '../support/databases.js';

describeEachEngine('clinic safety settings', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildWorld(engine);
  });
  afterAll(async () => {
    await world.close();
  });

  it('defaults are in force until an administrator changes them; the rules then follow the clinic setting', async () => {
    const admin = world.principals.admin.headers;
    const before = await world.app.inject({
      method: 'GET',
      url: '/api/v1/safety-settings',
      headers: world.principals.clinician.headers,
    });
    expect(before.json()).toMatchObject({
      safety: { bpPreDoseSystolic: 140, bpPreDoseDiastolic: 90, maxDosesIn30Days: 8 },
      crisisMessage: expect.stringMatching(/988/) as unknown,
    });

    expect(
      (
        await world.app.inject({
          method: 'PUT',
          url: '/api/v1/safety-settings',
          headers: world.principals.clinician.headers,
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
    const bad = await world.app.inject({
      method: 'PUT',
      url: '/api/v1/safety-settings',
      headers: admin,
      payload: { safety: { bpPreDoseSystolic: 10 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ problems: [{ field: 'safety.bpPreDoseSystolic' }] });
    expect(
      (await world.app.inject({ method: 'GET', url: '/api/v1/safety-settings', headers: admin })).json(),
    ).toMatchObject({ safety: { bpPreDoseSystolic: 140 } });

    const changed = await world.app.inject({
      method: 'PUT',
      url: '/api/v1/safety-settings',
      headers: admin,
      payload: {
        safety: { bpPreDoseSystolic: 150 },
        crisisMessage: 'Call 999 now if you feel unsafe, or go to your nearest A&E.',
      },
    });
    expect(changed.json()).toMatchObject({
      safety: { bpPreDoseSystolic: 150, bpPreDoseDiastolic: 90 },
      crisisMessage: 'Call 999 now if you feel unsafe, or go to your nearest A&E.',
    });

    // 145/85 before a dose: above the default 140 but not above this clinic's 150 — no alert.
    const course = (
      await world.app.inject({
        method: 'GET',
        url: `/api/v1/courses?patient=${world.ids.patients}`,
        headers: world.principals.clinician.headers,
      })
    ).json<{ items: { id: string }[] }>().items[0]!;
    const dose = await world.app.inject({
      method: 'POST',
      url: '/api/v1/doses',
      headers: world.principals.clinician.headers,
      payload: {
        patientId: world.ids.patients,
        courseId: course.id,
        givenAt: '2026-02-10T10:00:00Z',
        drug: 'esketamine',
        route: 'intranasal',
        mg: 56,
        setting: 'clinic',
        systolicBefore: 145,
        diastolicBefore: 85,
      },
    });
    expect(dose.statusCode).toBe(201);
    const alerts = await world.app.inject({
      method: 'GET',
      url: `/api/v1/alerts?patient=${world.ids.patients}&rule=bp-pre-dose`,
      headers: world.principals.clinician.headers,
    });
    expect(alerts.json<{ items: unknown[] }>().items).toEqual([]);
  });
});
