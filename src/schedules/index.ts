// Measurement schedules: which instruments at which moments of a course, the due items that follow
// from the doses actually given, and their status and adherence. Pure functions; no I/O.
export { Schedule, ScheduleItem, ITEM_KINDS, CALENDAR_FROM, DEFAULT_LEAD_HOURS } from './schedule.schema.js';
export { parseSchedule } from './parse-schedule.js';
export type { AfterDoseItem, BaselineItem, CalendarItem, PreDoseItem, ScheduleItemKind } from './schedule.schema.js';
export { getTemplate, listTemplates, templateSchedule, TEMPLATE_IDS } from './templates.js';
export type { ScheduleTemplate, TemplateId } from './templates.js';
export { expandSchedule } from './expand.js';
export type { DueAnchor, DueItem } from './expand.js';
export { DEFAULT_EXPIRY_DAYS, DEFAULT_REMINDER_DAYS } from './expand-input.js';
export type { DoseTime, ExpandInput } from './expand-input.js';
export { adherence, dueStatus, dueStatuses, DEFAULT_GRACE_BEFORE_HOURS } from './status.js';
export type { Adherence, Completion, DueStatus, ItemStatus, StatusOptions } from './status.js';
