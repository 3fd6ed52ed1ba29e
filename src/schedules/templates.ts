import { OnsetError } from '../shared/errors.js';
import type { Schedule, ScheduleItem } from './schedule.schema.js';

/**
 * Ready-made measurement schedules, named after their purpose. A clinic copies one and edits it; a
 * course picks one and can adjust its copy (both go through `parseSchedule`). Each template says why it
 * measures when it does and where that comes from: the trial schedules in docs/design.md (before the
 * dose, 40 min, 2 h, 4 h, day 1, 3, 7, 14, 21, 28) and the published time course (evidence keys of
 * src/evidence/studies.ts).
 */

export const TEMPLATE_IDS = ['anxiety-intensive', 'maintenance-weekly', 'ptsd', 'ocd', 'safety-monthly'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface ScheduleTemplate {
  id: TemplateId;
  name: string;
  items: readonly ScheduleItem[];
  /** Why these moments, in words a clinician reads next to the template. */
  rationale: string;
  /** Evidence keys (src/evidence/studies.ts) and documents the timing comes from. */
  sources: readonly string[];
}

const HOURS = { day1: 24, day2: 48, day3: 72, day7: 168, day14: 336 } as const;

/**
 * The 24-hour anxiety check-in (`anxiety-vas`) after each dose: 4 h, days 1, 2, 3, 7 and 14. Its short
 * recall makes relief fading over days measurable, which 2-week (GAD-7) and past-month (PCL-5) recall
 * cannot show; relief episodes are read on it (docs/outcomes.md, "Instruments and their recall periods").
 * Ketamine trials rated VAS-anxiety from hours after the dose through day 14 (taylor2018).
 */
const CHECK_IN_AFTER_DOSE: ScheduleItem = {
  kind: 'after-dose',
  instruments: ['anxiety-vas'],
  offsetsHours: [4, HOURS.day1, HOURS.day2, HOURS.day3, HOURS.day7, HOURS.day14],
};

const CHECK_IN_RATIONALE =
  ' The anxiety check-in (0–100, past 24 hours; a tracking measure, not a diagnostic instrument) is asked at ' +
  'baseline, before each dose and at 4 h, day 1, 2, 3, 7 and 14 after it: its 24-hour recall lets answers days ' +
  'apart differ, so the day relief fades can be measured; relief length is read on it (taylor2018 rated ' +
  'VAS-anxiety from hours after the infusion through day 14).';

const TEMPLATES: readonly ScheduleTemplate[] = [
  {
    id: 'anxiety-intensive',
    name: 'Anxiety — intensive after each dose',
    items: [
      { kind: 'baseline', instruments: ['gad7', 'phq9', 'anxiety-vas'] },
      { kind: 'pre-dose', instruments: ['gad7', 'anxiety-vas'] },
      { kind: 'after-dose', instruments: ['gad7'], offsetsHours: [4, HOURS.day1, HOURS.day3, HOURS.day7] },
      { kind: 'after-dose', instruments: ['phq9'], offsetsHours: [HOURS.day7] },
      CHECK_IN_AFTER_DOSE,
    ],
    rationale:
      'Onset and relief duration need answers close to each dose: the pooled effect is largest within 12 hours ' +
      '(SMD −1.17), smaller at 24 hours (−0.44) and at 7–14 days (−0.40) (hartland2023), and relief lasted up to ' +
      'about a week (glue2017, tully2022). GAD-7 is asked before each dose and at 4 h, day 1, day 3 and day 7, the ' +
      'trial moments a patient can answer at home; 40 min and 2 h fall in the observation period, when sedation and ' +
      'dissociation peak (30–45 min) and would be measured instead of anxiety. PHQ-9 (comorbid depression, item 9 ' +
      'suicidality) at baseline and day 7, the commonly primary time point. GAD-7 asks about the last 2 weeks, so ' +
      'answers hours apart overlap: read them as the patient\u2019s own trend, not against published cut-offs.' +
      CHECK_IN_RATIONALE,
    sources: ['docs/design.md, "Trial assessment schedules"', 'hartland2023', 'glue2017', 'tully2022', 'taylor2018'],
  },
  {
    id: 'maintenance-weekly',
    name: 'Maintenance — weekly',
    items: [
      { kind: 'calendar', instruments: ['gad7', 'phq9'], everyDays: 7, atLocalTime: '09:00', from: 'maintenance' },
    ],
    rationale:
      'Boosters come 2–8 times a month at irregular times, so dose-anchored follow-ups leave gaps; a weekly ' +
      'rhythm from the start of maintenance shows whether relief holds between boosters, which is the ' +
      'decision a booster request needs. Relief after a dose commonly lasts up to a week (glue2017, tully2022); ' +
      'weekly or twice-weekly maintenance doses were studied in glue2018. Same weekday, 09:00 clinic time.',
    sources: ['published cost and frequency (Onset evidence)', 'glue2017', 'glue2018', 'tully2022'],
  },
  {
    id: 'ptsd',
    name: 'PTSD — PCL-5 around each dose',
    items: [
      { kind: 'baseline', instruments: ['pcl5', 'anxiety-vas'] },
      { kind: 'pre-dose', instruments: ['pcl5', 'anxiety-vas'] },
      { kind: 'after-dose', instruments: ['pcl5'], offsetsHours: [HOURS.day1, HOURS.day7, HOURS.day14] },
      CHECK_IN_AFTER_DOSE,
    ],
    rationale:
      'PTSD trials read the effect at 24 hours and 7 days (feder2014) and after a course at week 2 (feder2021); ' +
      'effects commonly last 1–2 weeks (liriano2019). PCL-5 before each dose and at day 1, 7 and 14 after it. ' +
      'PCL-5 asks about the past month, so close answers overlap: read them as a trend within the patient.' +
      CHECK_IN_RATIONALE,
    sources: ['docs/design.md, "Trial assessment schedules"', 'feder2014', 'feder2021', 'liriano2019', 'taylor2018'],
  },
  {
    id: 'ocd',
    name: 'OCD — Y-BOCS at day 1 and week 1',
    items: [
      { kind: 'baseline', instruments: ['ybocs', 'anxiety-vas'] },
      { kind: 'pre-dose', instruments: ['anxiety-vas'] },
      { kind: 'after-dose', instruments: ['ybocs'], offsetsHours: [HOURS.day1, HOURS.day7] },
      CHECK_IN_AFTER_DOSE,
    ],
    rationale:
      'OCD studies read Y-BOCS over days 1–3 (bloch2012) and at 1 week, where response is a ≥35% drop ' +
      '(rodriguez2013). Y-BOCS is clinician-rated from a licensed form, so each point costs an interview: ' +
      'baseline, day 1 and day 7 only. The check-in rates anxiety, not obsessions or compulsions: it shows how ' +
      'long the anxiety relief of a dose lasts, while Y-BOCS stays the measure of OCD response.' +
      CHECK_IN_RATIONALE,
    sources: ['bloch2012', 'rodriguez2013', 'taylor2018'],
  },
  {
    id: 'safety-monthly',
    name: 'Safety — urinary and craving monthly',
    items: [
      {
        kind: 'calendar',
        instruments: ['urinary', 'craving'],
        everyDays: 28,
        atLocalTime: '09:00',
        from: 'course-start',
      },
    ],
    rationale:
      'Repeated dosing can damage the bladder and lead to dependence: frequent users reported bladder problems ' +
      'and about 6-fold dose escalation (muetzelfeldt2008). Both checklists ask about the past 7 days and only ' +
      'prompt (a urology referral, a craving conversation); they are not validated instruments. Every 28 days ' +
      'keeps the weekday fixed. Add these items to a course\u2019s anxiety schedule.',
    sources: ['muetzelfeldt2008', 'Onset safety rules (docs/safety.md)'],
  },
];

/** Every ready-made template, in display order. */
export function listTemplates(): readonly ScheduleTemplate[] {
  return TEMPLATES;
}

/** The template with this id; a NOT_FOUND OnsetError naming the known ids otherwise. */
export function getTemplate(id: string): ScheduleTemplate {
  const template = TEMPLATES.find((t) => t.id === id);
  if (template === undefined) {
    throw new OnsetError(
      'NOT_FOUND',
      `schedule template "${id}" was not found; known templates: ${TEMPLATE_IDS.join(', ')}`,
      [{ field: 'template', reason: `unknown template "${id}"; known: ${TEMPLATE_IDS.join(', ')}` }],
    );
  }
  return template;
}

/** A fresh, editable copy of a template as a schedule (a clinic's or a course's own). */
export function templateSchedule(id: string): Schedule {
  const template = getTemplate(id);
  return { name: template.name, items: structuredClone(template.items) as ScheduleItem[] };
}
