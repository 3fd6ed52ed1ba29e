// A researcher cannot single out a patient through the cohort report: a filter that matches one
// patient (OCD, intramuscular, one month) publishes no figure about them, while a clinician reading
// the same filter gets every number. The clinic's minimum cell size is an admin's to change.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adverseEventService } from '../../src/adverse-events/adverse-event.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import type { Engine } from '../../src/db/database.js';
import { buildWorld, type ApiWorld } from '../support/api-world.js';
import { aCourse, aDose, aPatient } from '../support/builders.js';
import { describeEachEngine } from '../support/databases.js';

const LABEL = 'suppressed (n < 11)';
const ONE_PATIENT = '/api/v1/cohort?condition=ocd&route=im&from=2026-02-01&to=2026-03-01';

/** A GAD-7 answered so that it totals `total` (items of 3 first). */
function gad7(total: number): number[] {
  return Array.from({ length: 7 }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
}

/** Every number in the report apart from the filter the reader sent, with its path. */
function numbers(value: unknown, path = ''): string[] {
  if (typeof value === 'number') return [`${path}=${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      k === 'filter' || k === 'suppression' ? [] : numbers(v, `${path}.${k}`),
    );
  }
  return [];
}

describeEachEngine('cohort small-cell suppression', (engine: Engine) => {
  let world: ApiWorld;

  beforeAll(async () => {
    world = await buildWorld(engine);
    const { a } = world;
    for (let i = 0; i < 12; i++) {
      const patient = await aPatient(a, { conditions: ['gad'] });
      const course = await aCourse(a, patient.id);
      await aDose(a, patient.id, course.id, { givenAt: '2026-01-06T10:00:00Z' });
    }
    // The one OCD patient treated intramuscularly in February: a response on day 2, a suicidality event.
    const patient = await aPatient(a, { conditions: ['ocd'] });
    const course = await aCourse(a, patient.id, { startedAt: '2026-02-09T09:00:00Z' });
    await assessmentService.create(a, {
      patientId: patient.id,
      courseId: course.id,
      instrument: 'gad7',
      completedAt: '2026-02-09T09:30:00Z',
      answers: gad7(18),
    });
    await aDose(a, patient.id, course.id, { givenAt: '2026-02-10T10:00:00Z', route: 'im' });
    await assessmentService.create(a, {
      patientId: patient.id,
      courseId: course.id,
      instrument: 'gad7',
      completedAt: '2026-02-12T10:00:00Z',
      answers: gad7(5),
    });
    await adverseEventService.create(a, {
      patientId: patient.id,
      category: 'suicidality',
      grade: 3,
      onsetAt: '2026-02-11T13:37:00Z',
    });
  });

  afterAll(async () => {
    await world.close();
  });

  async function cohort(
    principal: 'researcher' | 'clinician' | 'admin',
    url: string,
  ): Promise<{ report: Record<string, unknown> & { n: unknown } }> {
    const response = await world.app.inject({ method: 'GET', url, headers: world.principals[principal].headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it('gives a researcher no figure about the one patient a filter matches', async () => {
    const { report } = await cohort('researcher', ONE_PATIENT);
    expect(report.n).toBe(LABEL);
    expect(numbers(report)).toEqual([]);
    expect(JSON.stringify(report)).not.toContain('suicidality');
    expect(report.suppression).toEqual({ minCellSize: 11, label: LABEL });
  });

  it('gives a clinician every number for the same filter', async () => {
    const { report } = await cohort('clinician', ONE_PATIENT);
    expect(report.n).toBe(1);
    expect(report).toMatchObject({
      onset: { overall: { events: 1, median: 2 } },
      adverseEvents: { events: 1, byCategory: [{ category: 'suicidality', count: 1 }] },
      suppression: null,
    });
  });

  it("withholds small cells of a researcher's larger cohort: two single adverse events", async () => {
    const { report } = await cohort('researcher', '/api/v1/cohort');
    expect(report.n).toBe(14);
    expect(report).toMatchObject({
      adverseEvents: {
        events: LABEL,
        byCategory: [
          { category: 'nausea', count: LABEL },
          { category: 'suicidality', count: LABEL },
        ],
      },
    });
  });

  it('lets only an admin change the minimum cell size, within its bounds', async () => {
    const put = (principal: 'researcher' | 'admin', payload: unknown) =>
      world.app.inject({
        method: 'PUT',
        url: '/api/v1/cohort/settings',
        headers: world.principals[principal].headers,
        payload: payload as Record<string, unknown>,
      });
    expect((await put('researcher', { minCellSize: 2 })).statusCode).toBe(403);
    const refused = await put('admin', { minCellSize: 1 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ problems: { field: string }[] }>().problems.map((e) => e.field)).toContain('minCellSize');
    const accepted = await put('admin', { minCellSize: 2 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toEqual({ minCellSize: 2 });
    const { report } = await cohort('researcher', ONE_PATIENT);
    expect(report.n).toBe('suppressed (n < 2)');
    const larger = await cohort('researcher', '/api/v1/cohort');
    expect(larger.report).toMatchObject({
      adverseEvents: { events: 2, byCategory: [{ count: 'suppressed (n < 2)' }, { count: 'suppressed (n < 2)' }] },
    });
    expect((await put('admin', { minCellSize: 11 })).statusCode).toBe(200);
  });
});
