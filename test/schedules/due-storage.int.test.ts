import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doseService } from '../../src/doses/dose.service.js';
import { setCourseSchedule, getCourseSchedule } from '../../src/schedules/course-schedule.service.js';
import { listScheduleTemplates, saveClinicTemplate } from '../../src/schedules/clinic-templates.service.js';
import { adherenceReport, followUpsForSafety, listDue, type DueView } from '../../src/schedules/due-list.service.js';
import { refreshDue } from '../../src/schedules/refresh-due.js';
import { updateScheduleSettings } from '../../src/schedules/schedule-settings.service.js';
import { describeEachEngine } from '../support/databases.js';
import { aScheduledCourse, answer, at, freshScheduleDb, giveDose, type ScheduleTestDb, YBOCS_ONLY } from './support.js';

/** "key @ dueAt → expiresAt : status", to the minute. */
const summary = (items: DueView[]): string[] =>
  items.map((i) => `${i.key} @ ${i.dueAt.slice(0, 16)} → ${i.expiresAt?.slice(0, 16) ?? 'open'} : ${i.status}`);

describeEachEngine('due assessments in storage', (engine) => {
  let test: ScheduleTestDb;
  beforeAll(async () => {
    test = await freshScheduleDb(engine);
  });
  afterAll(async () => {
    await test.drop();
  });

  describe('expansion around real dose writes (Y-BOCS baseline, +1 day, +7 days; expiry 4 days)', () => {
    it('lists the baseline once the schedule is set, open until the first dose', async () => {
      const s = await aScheduledCourse(test.handle, '2026-01-05T12:00:00Z', YBOCS_ONLY);
      // Course start 2026-01-05T09:00Z; no dose yet, so the baseline has no expiry. At 12:00Z (07:00 New York) it is
      // due today.
      expect(summary(await listDue(s.ctx, { patientId: s.patientId }))).toEqual([
        'baseline:ybocs @ 2026-01-05T09:00 → open : due',
      ]);
    });

    it('a dose recorded late moves its follow-ups; a next dose drops the follow-up it overtakes', async () => {
      const s = await aScheduledCourse(test.handle, '2026-01-20T12:00:00Z', YBOCS_ONLY);
      const d1 = await giveDose(s, '2026-01-06T15:00:00Z');
      // +24 h = 01-07T15:00, expiring 4 days later (01-11T15:00); +168 h = 01-13T15:00 → 01-17T15:00. The baseline
      // expires at the dose.
      const before = await listDue(s.ctx, { patientId: s.patientId });
      expect(summary(before)).toEqual([
        'baseline:ybocs @ 2026-01-05T09:00 → 2026-01-06T15:00 : missed',
        `after-dose:${d1}:+24h:ybocs @ 2026-01-07T15:00 → 2026-01-11T15:00 : missed`,
        `after-dose:${d1}:+168h:ybocs @ 2026-01-13T15:00 → 2026-01-17T15:00 : missed`,
      ]);

      // The dose was actually given two days later: correcting its time moves both follow-ups by 48 h, keeping their
      // ids.
      await doseService.update(s.ctx, d1, { givenAt: '2026-01-08T15:00:00Z' });
      await refreshDue(s.ctx, s.courseId);
      const moved = await listDue(s.ctx, { patientId: s.patientId });
      expect(summary(moved)).toEqual([
        'baseline:ybocs @ 2026-01-05T09:00 → 2026-01-08T15:00 : missed',
        `after-dose:${d1}:+24h:ybocs @ 2026-01-09T15:00 → 2026-01-13T15:00 : missed`,
        `after-dose:${d1}:+168h:ybocs @ 2026-01-15T15:00 → 2026-01-19T15:00 : missed`,
      ]);
      expect(moved.map((i) => i.id)).toEqual(before.map((i) => i.id));

      // A second dose on 01-12 comes before d1's day-7 follow-up (01-15): that follow-up is dropped, and
      // d1's day-1 follow-up now expires at the second dose (01-12T15:00, before its own 01-13T15:00).
      const d2 = await giveDose(s, '2026-01-12T15:00:00Z');
      expect(summary(await listDue(s.ctx, { patientId: s.patientId }))).toEqual([
        'baseline:ybocs @ 2026-01-05T09:00 → 2026-01-08T15:00 : missed',
        `after-dose:${d1}:+24h:ybocs @ 2026-01-09T15:00 → 2026-01-12T15:00 : missed`,
        `after-dose:${d2}:+24h:ybocs @ 2026-01-13T15:00 → 2026-01-17T15:00 : missed`,
        // 01-19T15:00 + 4 days = 01-23T15:00; at 01-20T12:00Z (07:00 local) it is overdue since 01-19.
        `after-dose:${d2}:+168h:ybocs @ 2026-01-19T15:00 → 2026-01-23T15:00 : overdue`,
      ]);
    });

    it('re-expanding never duplicates: refreshing twice leaves the same rows', async () => {
      const s = await aScheduledCourse(test.handle, '2026-01-20T12:00:00Z', { templateId: 'anxiety-intensive' });
      await giveDose(s, '2026-01-06T15:00:00Z');
      const once = await listDue(s.ctx, { patientId: s.patientId });
      await refreshDue(s.ctx, s.courseId);
      await refreshDue(s.ctx, s.courseId);
      const twice = await listDue(s.ctx, { patientId: s.patientId });
      expect(twice.map((i) => [i.id, i.key])).toEqual(once.map((i) => [i.id, i.key]));
      // anxiety-intensive: baseline gad7 + phq9 + anxiety-vas; d1 is the first dose, so no pre-dose items
      // (baseline covers it); after d1: gad7 at +4 h, +24 h, +72 h, +168 h, phq9 at +168 h, and anxiety-vas
      // at +4 h, +24 h, +48 h, +72 h, +168 h, +336 h = 3 + 5 + 6 = 14 items.
      expect(once).toHaveLength(14);
    });
  });

  describe('completion, expiry and adherence', () => {
    it('a questionnaire closes the item it answers; an expired item counts as missed; adherence = 1 of 3', async () => {
      const s = await aScheduledCourse(test.handle, '2026-01-20T12:00:00Z', YBOCS_ONLY);
      const d1 = await giveDose(s, '2026-01-06T15:00:00Z');
      // Answered 5 h after the day-1 follow-up fell due (01-07T15:00): inside its window (until 01-11T15:00).
      const assessmentId = await answer(s.ctx, s.patientId, 'ybocs', '2026-01-07T20:00:00Z');
      const items = await listDue(s.ctx, { patientId: s.patientId });
      expect(summary(items)).toEqual([
        'baseline:ybocs @ 2026-01-05T09:00 → 2026-01-06T15:00 : missed',
        `after-dose:${d1}:+24h:ybocs @ 2026-01-07T15:00 → 2026-01-11T15:00 : completed`,
        `after-dose:${d1}:+168h:ybocs @ 2026-01-13T15:00 → 2026-01-17T15:00 : missed`,
      ]);
      expect(items[1]).toMatchObject({ assessmentId, completedAt: '2026-01-07T20:00:00.000Z' });
      // Completed 1, missed 2 (baseline never answered, day-7 expired on 01-17): 1 / 3.
      const report = await adherenceReport(s.ctx, s.patientId);
      expect(report.patients).toEqual([{ patientId: s.patientId, completed: 1, missed: 2, due: 3, share: 1 / 3 }]);
      expect(report.clinic).toMatchObject({ completed: 1, missed: 2, due: 3, patients: 1 });
      expect(report.definition).toContain('completed ÷ (completed + missed)');
    });

    it('an answer after expiry closes nothing; one answer closes one item (the earliest due)', async () => {
      const s = await aScheduledCourse(test.handle, '2026-01-20T12:00:00Z', YBOCS_ONLY);
      const d1 = await giveDose(s, '2026-01-06T15:00:00Z');
      // 01-12T09:00 is after the day-1 item expired (01-11T15:00) and 30 h before day 7 is due (01-13T15:00),
      // outside its 12-hour grace: it closes nothing.
      await answer(s.ctx, s.patientId, 'ybocs', '2026-01-12T09:00:00Z');
      // 01-13T04:00 is within day 7's 12-hour grace (from 01-13T03:00): it closes day 7.
      await answer(s.ctx, s.patientId, 'ybocs', '2026-01-13T04:00:00Z');
      const statuses = (await listDue(s.ctx, { patientId: s.patientId })).map((i) => [i.key, i.status]);
      expect(statuses).toEqual([
        ['baseline:ybocs', 'missed'],
        [`after-dose:${d1}:+24h:ybocs`, 'missed'],
        [`after-dose:${d1}:+168h:ybocs`, 'completed'],
      ]);
    });

    it('a stored answer within the grace before the only open item closes it when a dose opens the item', async () => {
      // A write reads the answers from the earliest open item's due time less the grace, not the whole
      // history: answers stored before the dose is recorded, 13 h and 6 h before the week-1 item falls due
      // (01-13T15:00), are matched when the dose creates it. The 6 h one is inside the 12-hour grace.
      const s = await aScheduledCourse(test.handle, '2026-01-20T12:00:00Z', {
        schedule: { name: 'week 1 only', items: [{ kind: 'after-dose', instruments: ['ybocs'], offsetsHours: [168] }] },
      });
      await answer(s.ctx, s.patientId, 'ybocs', '2026-01-13T02:00:00Z');
      const inGrace = await answer(s.ctx, s.patientId, 'ybocs', '2026-01-13T09:00:00Z');
      const d1 = await giveDose(s, '2026-01-06T15:00:00Z');
      const items = await listDue(s.ctx, { patientId: s.patientId });
      expect(items.map((i) => [i.key, i.status, i.assessmentId])).toEqual([
        [`after-dose:${d1}:+168h:ybocs`, 'completed', inGrace],
      ]);
    });

    it('an answer given before the dose is recorded closes the item once the dose appears', async () => {
      // Pre-dose items are listed only when the dose is recorded (schedules decision): the answer already stored must
      // close it.
      const s = await aScheduledCourse(test.handle, '2026-01-20T12:00:00Z', {
        schedule: { name: 'pre-dose only', items: [{ kind: 'pre-dose', instruments: ['gad7'] }] },
      });
      await answer(s.ctx, s.patientId, 'gad7', '2026-01-08T10:00:00Z');
      const dose = await giveDose(s, '2026-01-08T15:00:00Z');
      // Pre-dose window: 24 h before the dose (01-07T15:00) until the dose; the 10:00 answer lies inside.
      expect(summary(await listDue(s.ctx, { patientId: s.patientId }))).toEqual([
        `pre-dose:${dose}:gad7 @ 2026-01-07T15:00 → 2026-01-08T15:00 : completed`,
      ]);
    });

    it('gives the missed-follow-up rule each scheduled follow-up of a dose with its status', async () => {
      const s = await aScheduledCourse(test.handle, '2026-01-20T12:00:00Z', YBOCS_ONLY);
      const d1 = await giveDose(s, '2026-01-06T15:00:00Z');
      await answer(s.ctx, s.patientId, 'ybocs', '2026-01-07T20:00:00Z');
      expect(await followUpsForSafety(s.ctx, s.patientId, 'UTC')).toEqual([
        {
          doseId: d1,
          instrument: 'ybocs',
          dueAt: '2026-01-07T15:00:00.000Z',
          expiresAt: '2026-01-11T15:00:00.000Z',
          status: 'completed',
        },
        {
          doseId: d1,
          instrument: 'ybocs',
          dueAt: '2026-01-13T15:00:00.000Z',
          expiresAt: '2026-01-17T15:00:00.000Z',
          status: 'missed',
        },
      ]);
    });
  });

  describe('calendar rhythms in the clinic time zone (maintenance weekly, 09:00 New York)', () => {
    it('keeps 09:00 local across the March daylight-saving change: 14:00Z in winter, 13:00Z in summer', async () => {
      // Maintenance began Monday 2 March 2026 09:00 EST (14:00Z). Clocks go forward on Sunday 8 March.
      const s = await aScheduledCourse(
        test.handle,
        '2026-03-20T12:00:00Z',
        { templateId: 'maintenance-weekly', maintenanceStartedAt: '2026-03-02T14:00:00Z' },
        {},
        { phase: 'maintenance', startedAt: '2026-01-05T09:00:00Z' },
      );
      const gad7 = (await listDue(s.ctx, { patientId: s.patientId })).filter((i) => i.instrument === 'gad7');
      // Look-ahead 14 days from 03-20T12:00Z: until 04-03T12:00Z, so Mondays 03-02 … 03-30.
      // Expiry: 4 days, or the next occurrence if sooner. Now is Friday 03-20 08:00 EDT.
      expect(summary(gad7)).toEqual([
        'calendar:2026-03-02:gad7 @ 2026-03-02T14:00 → 2026-03-06T14:00 : missed',
        'calendar:2026-03-09:gad7 @ 2026-03-09T13:00 → 2026-03-13T13:00 : missed',
        'calendar:2026-03-16:gad7 @ 2026-03-16T13:00 → 2026-03-20T13:00 : overdue',
        'calendar:2026-03-23:gad7 @ 2026-03-23T13:00 → 2026-03-27T13:00 : upcoming',
        'calendar:2026-03-30:gad7 @ 2026-03-30T13:00 → 2026-04-03T13:00 : upcoming',
      ]);
    });

    it('"due today" follows the clinic-local day: 23:30 New York on Monday is still Monday', async () => {
      const s = await aScheduledCourse(
        test.handle,
        '2026-03-17T03:30:00Z', // Monday 16 March 23:30 EDT; in UTC it is already Tuesday.
        { templateId: 'maintenance-weekly', maintenanceStartedAt: '2026-03-16T13:00:00Z' },
        {},
        { phase: 'maintenance' },
      );
      const today = await listDue(s.ctx, { statuses: ['due'], from: '2026-03-16', to: '2026-03-16' });
      expect(today.filter((i) => i.patientId === s.patientId).map((i) => `${i.key}:${i.status}`)).toEqual([
        'calendar:2026-03-16:gad7:due',
        'calendar:2026-03-16:phq9:due',
      ]);
      // 30 minutes later it is Tuesday in New York too: the same items are overdue.
      const later = await listDue(at(s.ctx, '2026-03-17T04:00:00Z'), { patientId: s.patientId, statuses: ['overdue'] });
      expect(later.map((i) => i.key)).toEqual(['calendar:2026-03-16:gad7', 'calendar:2026-03-16:phq9']);
    });
  });

  describe('schedules, templates and settings', () => {
    it('a course adjusts a template; a clinic edits a template; bad schedules name the field', async () => {
      const s = await aScheduledCourse(test.handle, '2026-01-20T12:00:00Z', { templateId: 'ocd' });
      const adjusted = {
        name: 'OCD, day 1 only',
        items: [{ kind: 'after-dose', instruments: ['ybocs'], offsetsHours: [24] }],
      };
      const saved = await setCourseSchedule(s.ctx, s.courseId, { templateId: 'ocd', schedule: adjusted });
      expect(saved).toMatchObject({ templateId: 'ocd', schedule: adjusted });
      expect(await getCourseSchedule(s.ctx, s.courseId)).toMatchObject({
        courseId: s.courseId,
        templateId: 'ocd',
        schedule: adjusted,
      });
      // The baseline is no longer listed: the open baseline item is removed.
      expect(await listDue(s.ctx, { patientId: s.patientId })).toEqual([]);

      await expect(
        setCourseSchedule(s.ctx, s.courseId, {
          schedule: { name: 'x', items: [{ kind: 'after-dose', instruments: ['gad7'], offsetsHours: [0] }] },
        }),
      ).rejects.toThrow('items[0].offsetsHours[0]: must be greater than 0');
      await expect(setCourseSchedule(s.ctx, s.courseId, { templateId: 'nope' })).rejects.toThrow(
        'templateId: "nope" is not a template of this clinic',
      );
      await expect(setCourseSchedule(s.ctx, s.courseId, {})).rejects.toThrow(
        'templateId: give a templateId, a schedule, or both',
      );

      await saveClinicTemplate(s.ctx, 'ocd', {
        name: 'OCD — our clinic',
        items: adjusted.items,
        rationale: 'interviews cost time',
      });
      const templates = await listScheduleTemplates(s.ctx);
      expect(templates.find((t) => t.id === 'ocd')).toMatchObject({
        name: 'OCD — our clinic',
        origin: 'clinic',
        replacesReadyMade: true,
        rationale: 'interviews cost time',
      });
      expect(templates).toHaveLength(5);
    });

    it('a clinic setting changes the expiry of open items', async () => {
      const s = await aScheduledCourse(test.handle, '2026-01-07T16:00:00Z', YBOCS_ONLY);
      const d1 = await giveDose(s, '2026-01-06T15:00:00Z');
      await updateScheduleSettings(s.ctx, { expiryDays: 2, reminderDays: 1 });
      const [day1] = await listDue(s.ctx, { patientId: s.patientId, statuses: ['due'] });
      // Due 01-07T15:00; expiry 2 days → 01-09T15:00; reminder 1 day → 01-08T15:00.
      expect(day1).toMatchObject({
        key: `after-dose:${d1}:+24h:ybocs`,
        expiresAt: '2026-01-09T15:00:00.000Z',
        reminderAt: '2026-01-08T15:00:00.000Z',
      });
      await expect(updateScheduleSettings(s.ctx, { expiryDays: 0 })).rejects.toThrow(
        'expiryDays: must be greater than 0',
      );
    });

    it('another clinic sees none of these items', async () => {
      const s = await aScheduledCourse(test.handle, '2026-01-20T12:00:00Z', YBOCS_ONLY);
      const other = await aScheduledCourse(test.handle, '2026-01-20T12:00:00Z', YBOCS_ONLY);
      const seen = await listDue(other.ctx, {});
      expect(seen.every((i) => i.patientId === other.patientId)).toBe(true);
      await expect(getCourseSchedule(other.ctx, s.courseId)).rejects.toThrow(`course ${s.courseId} was not found`);
    });
  });
});
