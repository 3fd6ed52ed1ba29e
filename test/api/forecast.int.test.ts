// The forecast route: a patient in relief after their latest dose gets the predicted end of relief
// with its basis and the model's n; before the clinic's first fit it says the model is being fitted
// rather than waiting; a bad instrument is named.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../../src/db/database.js';
import { refreshClinicForecast } from '../../src/patients/forecast-cache.js';
import { buildWorld, type ApiWorld } from '../support/api-world.js';
import { describeEachEngine } from '../support/databases.js';
import { DAY_MS } from '../../src/shared/time.js';
import { aClinicWithReliefHistory, aPatientInRelief } from '../support/forecast-patients.js';

describeEachEngine('patient forecast', (engine: Engine) => {
  let world: ApiWorld;
  let inRelief: string;

  beforeAll(async () => {
    world = await buildWorld(engine);
    // 12 patients, two episodes each, relief lost between day 3 and day 7 or between day 1 and day 3.
    await aClinicWithReliefHistory(world.a);
    // In relief: responded 2 days after the latest dose.
    inRelief = await aPatientInRelief(world.a);
  });

  afterAll(async () => {
    await world.close();
  });

  const get = (url: string) => world.app.inject({ method: 'GET', url, headers: world.principals.clinician.headers });

  it('does not wait for the first fit: says the model is being fitted', async () => {
    const response = await get(`/api/v1/patients/${inRelief}/forecast?instrument=gad7`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ instrument: 'gad7', relief: null, noRelief: { code: 'model-pending' } });
  });

  it('once fitted: the predicted end of relief after the latest dose, its basis and the model n', async () => {
    await refreshClinicForecast(world.a, 'gad7');
    const response = await get(`/api/v1/patients/${inRelief}/forecast`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      instrument: string;
      relief: Record<string, number | string>;
      noRelief: unknown;
      model: Record<string, number>;
    }>();
    expect(body.instrument).toBe('gad7');
    expect(body.noRelief).toBeNull();
    // 12 patients × 2 ended episodes, and the patient in relief: one ended, one still holding.
    expect(body.model).toMatchObject({ patients: 13, episodes: 26, events: 25 });
    const relief = body.relief;
    expect(relief.basis).toBe('patient');
    expect(relief.dose).toBe(2);
    expect(relief.elapsedDays).toBe(2);
    // Every episode in the clinic ended between day 1.5 and day 7, so the median lies there too.
    expect(relief.medianDays).toBeGreaterThan(1.5);
    expect(relief.medianDays).toBeLessThan(7);
    expect(relief.lowerDays).toBeLessThan(relief.medianDays as number);
    expect(relief.upperDays).toBeGreaterThan(relief.medianDays as number);
    expect(Date.parse(relief.nextSessionFrom as string)).toBeGreaterThan(
      Date.parse(relief.doseAt as string) + 2 * DAY_MS,
    );
  });

  it('names a bad instrument and changes nothing', async () => {
    const response = await get(`/api/v1/patients/${inRelief}/forecast?instrument=nope`);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('instrument');
  });
});
