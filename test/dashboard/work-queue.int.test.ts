// The work queue read from the patients' work-queue rows (src/patients/patient-summary.repository.ts,
// src/dashboard/dashboard.repository.ts): its order, its pages and filters, and rows that follow every
// write that changes them, on both engines.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { raiseAlert, transitionAlert } from '../../src/alerts/alert.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { courseService } from '../../src/courses/course.service.js';
import { dashboardRepository, type QueueEnding } from '../../src/dashboard/dashboard.repository.js';
import { dashboard } from '../../src/dashboard/dashboard.service.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { ServiceContext } from '../../src/records/context.js';
import { DAY_MS } from '../../src/shared/time.js';
import { aClinicContext, aCourse, aDose, aPatient, FIXED_NOW } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

const NOW = FIXED_NOW.getTime();
const daysAgo = (days: number): string => new Date(NOW - days * DAY_MS).toISOString();
const NO_FILTER = { search: '', alertsOnly: false };

interface Spec {
  label: string;
  name?: string;
  /** Days since the one dose (under the 8 of the missed-follow-up rule, which would raise a warning); null: no dose. */
  dosed: number | null;
  /** Open alerts, each raised a day ago unless given as [severity, days ago]. */
  alerts?: (Severity | [Severity, number])[];
}
type Severity = 'urgent' | 'warning' | 'info';

describeEachEngine('the work queue', (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await freshDatabase(engine);
  });
  afterAll(async () => {
    await test.drop();
  });

  /** A clinic with these patients; returns its context and the patients' ids by label. */
  async function aClinicWith(specs: Spec[]): Promise<{ ctx: ServiceContext; ids: Map<string, string> }> {
    const ctx = await aClinicContext(test.handle);
    const ids = new Map<string, string>();
    for (const spec of specs) {
      const patient = await aPatient(ctx, {
        label: spec.label,
        ...(spec.name === undefined ? {} : { name: spec.name }),
      });
      ids.set(spec.label, patient.id);
      if (spec.dosed !== null) {
        const course = await aCourse(ctx, patient.id);
        await aDose(ctx, patient.id, course.id, { givenAt: daysAgo(spec.dosed) });
      }
      for (const [i, alert] of (spec.alerts ?? []).entries()) {
        const [severity, days] = typeof alert === 'string' ? [alert, 1] : alert;
        await raiseAlert(ctx, {
          patientId: patient.id,
          rule: 'suicidality',
          severity,
          episodeKey: `episode-${i}`,
          raisedAt: daysAgo(days),
          evidence: {},
        });
      }
    }
    return { ctx, ids };
  }

  const ending = (ids: Map<string, string>, label: string, inDays: number): QueueEnding => ({
    patientId: ids.get(label) ?? '',
    endAt: new Date(NOW + inDays * DAY_MS).toISOString(),
  });

  async function order(ctx: ServiceContext, endings: QueueEnding[] = [], filter = NO_FILTER): Promise<string[]> {
    const rows = await dashboardRepository.page(ctx.db, engine, ctx.clinicId, {
      filter,
      endings,
      limit: 50,
      offset: 0,
    });
    return rows.map((row) => row.label);
  }

  it('lists urgent alerts, then relief likely ending (soonest first), then warnings, information, the rest', async () => {
    const { ctx, ids } = await aClinicWith([
      { label: 'rest', dosed: 6 },
      { label: 'info', dosed: 1, alerts: ['info'] },
      { label: 'warning', dosed: 1, alerts: ['warning', 'warning'] },
      { label: 'ending-later', dosed: 1 },
      { label: 'urgent', dosed: 1, alerts: ['urgent'] },
      { label: 'ending-soon', dosed: 1 },
      { label: 'ending-and-warning', dosed: 1, alerts: ['warning'] },
    ]);
    const endings = [
      ending(ids, 'ending-later', 2),
      ending(ids, 'ending-soon', -1),
      ending(ids, 'ending-and-warning', 1),
    ];
    expect(await order(ctx, endings)).toEqual([
      'urgent',
      'ending-soon',
      'ending-and-warning',
      'ending-later',
      'warning',
      'info',
      'rest',
    ]);
  });

  it('ranks by the most recent top alert, not by how many: an urgent alert from minutes ago before two weeks old', async () => {
    const { ctx, ids } = await aClinicWith([
      { label: 'b-no-dose', dosed: null },
      { label: 'c-recent', dosed: 2 },
      { label: 'a-recent', dosed: 2 },
      { label: 'long-ago', dosed: 7 },
      {
        label: 'two-urgent-old',
        dosed: 1,
        alerts: [
          ['urgent', 30],
          ['urgent', 14],
        ],
      },
      { label: 'one-urgent-new', dosed: 7, alerts: [['urgent', 0.01]] },
      {
        label: 'warning-old',
        dosed: 1,
        alerts: [
          ['warning', 10],
          ['warning', 9],
        ],
      },
      { label: 'warning-new', dosed: 1, alerts: [['warning', 0.5]] },
      { label: 'ending-same-day-b', dosed: 1 },
      { label: 'ending-same-day-a', dosed: 1 },
      {
        label: 'urgent-then-warning',
        dosed: 1,
        alerts: [
          ['urgent', 5],
          ['warning', 0.1],
        ],
      },
    ]);
    const endings = [ending(ids, 'ending-same-day-b', 1), ending(ids, 'ending-same-day-a', 1)];
    expect(await order(ctx, endings)).toEqual([
      'one-urgent-new',
      'urgent-then-warning',
      'two-urgent-old',
      'ending-same-day-a',
      'ending-same-day-b',
      'warning-new',
      'warning-old',
      'long-ago',
      'a-recent',
      'c-recent',
      'b-no-dose',
    ]);
    // Each row names what ranks it: the most recent open alert of its most severe open severity.
    const items = (await dashboard(ctx, {})).items;
    const top = (label: string): unknown => items.find((i) => i.patient.label === label)?.topAlert;
    expect(top('urgent-then-warning')).toEqual({ rule: 'suicidality', severity: 'urgent', raisedAt: daysAgo(5) });
    expect(top('two-urgent-old')).toEqual({ rule: 'suicidality', severity: 'urgent', raisedAt: daysAgo(14) });
    expect(top('long-ago')).toBeNull();
  });

  it('finds patients by part of the label or name in any case (% and _ taken literally), or only those with open alerts, a page at a time', async () => {
    const { ctx } = await aClinicWith([
      { label: 'AB-1', dosed: 5 },
      { label: 'xab-2', dosed: 4, alerts: ['info'] },
      { label: 'C-3', name: 'Abel Smith', dosed: 3 },
      { label: 'D_4', dosed: 2, alerts: ['warning'] },
      { label: 'E-5', name: '100% fine', dosed: 1 },
      { label: 'F-6', dosed: null },
      { label: 'G-7', dosed: null },
    ]);
    expect(await order(ctx, [], { search: 'ab', alertsOnly: false })).toEqual(['xab-2', 'AB-1', 'C-3']);
    expect(await order(ctx, [], { search: '%', alertsOnly: false })).toEqual(['E-5']);
    expect(await order(ctx, [], { search: '_', alertsOnly: false })).toEqual(['D_4']);
    expect(await order(ctx, [], { search: '', alertsOnly: true })).toEqual(['D_4', 'xab-2']);
    expect(await order(ctx, [], { search: 'ab', alertsOnly: true })).toEqual(['xab-2']);

    const pages = [0, 3, 6].map((offset) => dashboard(ctx, { limit: 3, offset }));
    const answers = await Promise.all(pages);
    expect(answers.map((a) => a.items.map((i) => i.patient.label))).toEqual([
      ['D_4', 'xab-2', 'AB-1'],
      ['C-3', 'E-5', 'F-6'],
      ['G-7'],
    ]);
    for (const answer of answers) {
      expect(answer.counts).toEqual({
        patients: 7,
        withAlerts: 2,
        reliefEnding: 0,
        synthetic: false,
        remsFormsOverdue: 0,
        // D_4's open warning; xab-2's information alert does not count.
        needsAction: 1,
      });
      expect(answer.page.total).toBe(7);
    }
    const filtered = await dashboard(ctx, { search: 'AB', limit: 2 });
    expect(filtered.page).toEqual({ offset: 0, limit: 2, total: 3 });
    expect(filtered.counts.patients).toBe(7);
  });

  it("follows the writes: a dose, scores on the primary instrument, a raised alert, an acknowledged one, a new course's instrument", async () => {
    const ctx = await aClinicContext(test.handle);
    const patient = await aPatient(ctx, { label: 'FOLLOW-1' });
    const item = async () => (await dashboard(ctx, {})).items.find((i) => i.patient.id === patient.id);
    expect(await item()).toMatchObject({ latest: null, daysSinceLastDose: null });

    const course = await aCourse(ctx, patient.id, { startedAt: daysAgo(20), primaryInstrument: 'gad7' });
    await aDose(ctx, patient.id, course.id, { givenAt: daysAgo(3) });
    const gad7 = (answers: number[], at: string) =>
      assessmentService.create(ctx, {
        patientId: patient.id,
        courseId: course.id,
        instrument: 'gad7',
        completedAt: at,
        answers,
      });
    await gad7([3, 3, 3, 2, 2, 2, 2], daysAgo(10)); // 17
    await gad7([1, 1, 1, 2, 2, 1, 1], daysAgo(2)); // 9
    await assessmentService.create(ctx, {
      patientId: patient.id,
      courseId: course.id,
      instrument: 'phq9',
      completedAt: daysAgo(1),
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
    expect(await item()).toMatchObject({
      daysSinceLastDose: 3,
      latest: { instrument: 'gad7', total: 9, band: 'mild', at: daysAgo(2), baseline: 17, trend: 'better' },
      openAlerts: { urgent: 0, warning: 0, info: 0 },
    });
    // Back near baseline: 9 → 16 is 7 points worse than the score before, but within 4 of the baseline (17),
    // GAD-7's reliable change: no reliable change, not "worse".
    await gad7([3, 3, 2, 2, 2, 2, 2], daysAgo(1.5)); // 16
    expect((await item())?.latest).toMatchObject({ total: 16, baseline: 17, trend: 'same' });

    const { alert } = await raiseAlert(ctx, {
      patientId: patient.id,
      rule: 'test-rule',
      severity: 'urgent',
      episodeKey: 'follow',
      raisedAt: daysAgo(1),
      evidence: {},
    });
    expect((await item())?.openAlerts).toEqual({ urgent: 1, warning: 0, info: 0 });
    await transitionAlert(ctx, alert.id, 'acknowledged', { comment: 'called the patient' });
    expect((await item())?.openAlerts).toEqual({ urgent: 0, warning: 0, info: 0 });

    await courseService.create(ctx, { patientId: patient.id, startedAt: daysAgo(1), primaryInstrument: 'phq9' });
    expect((await item())?.latest).toMatchObject({ instrument: 'phq9', total: 0, trend: null });
  });

  it('gives a patient without a row one when the database is migrated', async () => {
    const { ctx, ids } = await aClinicWith([{ label: 'LOST-1', dosed: 4, alerts: ['urgent'] }]);
    const id = ids.get('LOST-1') ?? '';
    const row = () =>
      test.handle.db
        .selectFrom('patient_summary')
        .select(['urgent_open', 'last_dose_at'])
        .where('clinic_id', '=', ctx.clinicId)
        .where('patient_id', '=', id)
        .executeTakeFirst();
    await test.handle.db.deleteFrom('patient_summary').where('patient_id', '=', id).execute();
    expect(await row()).toBeUndefined();
    await migrateToLatest(test.handle);
    expect(await row()).toEqual({ urgent_open: 1, last_dose_at: daysAgo(4) });
  });
});
