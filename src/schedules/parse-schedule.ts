import { Type, type TSchema } from '@sinclair/typebox';
import { invalidMany, type FieldProblem } from '../shared/errors.js';
import { StringEnum } from '../shared/schema.js';
import { schemaProblems, validate } from '../shared/validate.js';
import { ruleProblems } from './schedule-rules.js';
import {
  AfterDoseItem,
  BaselineItem,
  CalendarItem,
  ITEM_KINDS,
  LOCAL_TIME_REASON,
  PreDoseItem,
  Schedule,
  type ScheduleItem,
  type ScheduleItemKind,
} from './schedule.schema.js';

const ITEM_SCHEMA: Record<ScheduleItemKind, TSchema> = {
  baseline: BaselineItem,
  'pre-dose': PreDoseItem,
  'after-dose': AfterDoseItem,
  calendar: CalendarItem,
};

// The items are checked in two steps (first the kind, then the kind's own fields) because a failed
// union only says "no branch matched"; this way an error names the exact field.
const Envelope = Type.Object(
  {
    name: Schedule.properties.name,
    items: Type.Array(Type.Object({ kind: StringEnum(ITEM_KINDS) }), { minItems: 1, maxItems: 30 }),
  },
  { additionalProperties: false },
);

function friendlier(problem: FieldProblem): FieldProblem {
  return problem.field.endsWith('.atLocalTime') && problem.reason.startsWith('must match')
    ? { field: problem.field, reason: LOCAL_TIME_REASON }
    : problem;
}

interface Checked {
  problems: FieldProblem[];
  /** Items whose own fields are well formed, ready for the cross-item rules. */
  wellFormed: { item: ScheduleItem; index: number }[];
}

function structuralCheck(value: unknown): Checked {
  const problems = schemaProblems(Envelope, value);
  const wellFormed: Checked['wellFormed'] = [];
  const items = (value as { items?: unknown } | null)?.items;
  if (Array.isArray(items)) {
    items.forEach((item: unknown, index) => {
      const kind = (item as { kind?: unknown } | null)?.kind;
      if (typeof kind !== 'string' || !(ITEM_KINDS as readonly string[]).includes(kind)) return;
      const own = schemaProblems(ITEM_SCHEMA[kind as ScheduleItemKind], item, `items[${index}]`);
      if (own.length === 0) wellFormed.push({ item: item as ScheduleItem, index });
      problems.push(...own);
    });
  }
  return { problems: problems.map(friendlier), wellFormed };
}

/**
 * Validates a schedule (a template a clinic edits, or a course's copy) or throws one VALIDATION_FAILED
 * error naming every bad field by path, e.g. `items[2].offsetsHours[1]: must be greater than 0`.
 */
export function parseSchedule(value: unknown): Schedule {
  const { problems, wellFormed } = structuralCheck(value);
  const name = (value as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && name !== '' && name.trim() === '')
    problems.push({ field: 'name', reason: 'must not be blank' });
  problems.push(...ruleProblems(wellFormed));
  if (problems.length > 0) throw invalidMany(problems);
  // Every part has passed; this last check ties the result to the declared schema and its type.
  return validate(Schedule, value);
}
