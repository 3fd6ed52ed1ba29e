import { Type } from '@sinclair/typebox';
import { appendAudit } from '../audit/audit.service.js';
import type { ServiceContext } from '../records/context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../shared/errors.js';
import { validate } from '../shared/validate.js';
import { parseSchedule } from './parse-schedule.js';
import type { Schedule } from './schedule.schema.js';
import { scheduleRepository } from './schedule.repository.js';
import { listTemplates, TEMPLATE_IDS } from './templates.js';
import { Text } from '../shared/schema.js';

/** A template id: lower-case letters, digits and hyphens (e.g. anxiety-intensive). */
export const TEMPLATE_ID_PATTERN = '^[a-z0-9][a-z0-9-]{0,59}$';

/** `PUT /schedule-templates/:templateId`: the clinic's version (same id as a ready-made one replaces it). */
export const ClinicTemplateInput = Type.Object(
  {
    name: Type.Unknown({ description: 'template name, 1–100 characters' }),
    items: Type.Unknown({ description: 'schedule items, as in a course schedule' }),
    rationale: Type.Optional(
      Text({ maxLength: 4000, description: 'why these moments, for the clinicians who pick it' }),
    ),
  },
  { additionalProperties: false },
);

export interface TemplateView {
  id: string;
  name: string;
  schedule: Schedule;
  rationale: string | null;
  sources: readonly string[];
  /** 'ready-made': as shipped; 'clinic': this clinic's own or its edited copy of a ready-made one. */
  origin: 'ready-made' | 'clinic';
  /** True when the clinic's version replaces the ready-made template of the same id. */
  replacesReadyMade: boolean;
}

const READY_MADE: ReadonlySet<string> = new Set(TEMPLATE_IDS);

function readyMadeViews(): TemplateView[] {
  return listTemplates().map((t) => ({
    id: t.id,
    name: t.name,
    schedule: { name: t.name, items: structuredClone(t.items) as Schedule['items'] },
    rationale: t.rationale,
    sources: t.sources,
    origin: 'ready-made',
    replacesReadyMade: false,
  }));
}

/** Every template the clinic can pick: the ready-made ones (or the clinic's edits of them), then its own. */
export async function listScheduleTemplates(ctx: ServiceContext): Promise<TemplateView[]> {
  const own = await scheduleRepository.listClinicTemplates(ctx.db, ctx.clinicId);
  const byId = new Map(own.map((row) => [row.id, row]));
  const views = readyMadeViews().map((view): TemplateView => {
    const edited = byId.get(view.id);
    if (edited === undefined) return view;
    const schedule = JSON.parse(edited.schedule) as Schedule;
    return {
      ...view,
      name: schedule.name,
      schedule,
      rationale: edited.rationale,
      sources: [],
      origin: 'clinic',
      replacesReadyMade: true,
    };
  });
  const clinicOnly = own
    .filter((row) => !READY_MADE.has(row.id))
    .map((row): TemplateView => {
      const schedule = JSON.parse(row.schedule) as Schedule;
      return {
        id: row.id,
        name: schedule.name,
        schedule,
        rationale: row.rationale,
        sources: [],
        origin: 'clinic',
        replacesReadyMade: false,
      };
    });
  return [...views, ...clinicOnly];
}

/**
 * The template a course may pick by id (the clinic's version first); an unknown id is a field error listing the known
 * ones.
 */
export async function resolveTemplate(ctx: ServiceContext, id: string): Promise<TemplateView> {
  const views = await listScheduleTemplates(ctx);
  const view = views.find((v) => v.id === id);
  if (view === undefined)
    throw invalid(
      'templateId',
      `"${id}" is not a template of this clinic; known: ${views.map((v) => v.id).join(', ')}`,
    );
  return view;
}

/**
 * Saves the clinic's own template (validated like any schedule); the same id as a ready-made one replaces it for this
 * clinic.
 */
export async function saveClinicTemplate(ctx: ServiceContext, id: string, body: unknown): Promise<TemplateView> {
  if (!new RegExp(TEMPLATE_ID_PATTERN).test(id))
    throw invalid('templateId', `"${id}" is not allowed; use 1–60 lower-case letters, digits and hyphens`);
  const input = validate(ClinicTemplateInput, body);
  const schedule = parseSchedule({ name: input.name, items: input.items });
  return inTransaction(ctx, async (tx) => {
    const now = tx.now().toISOString();
    const existing = await scheduleRepository.findClinicTemplate(tx.db, tx.clinicId, id);
    await scheduleRepository.saveClinicTemplate(tx.db, {
      clinic_id: tx.clinicId,
      id,
      schedule: JSON.stringify(schedule),
      rationale: input.rationale ?? null,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    });
    await appendAudit(tx, {
      action: existing === undefined ? 'create' : 'update',
      entity: 'schedule-template',
      entityId: null,
      patientId: null,
      detail: { templateId: id },
    });
    return resolveTemplate(tx, id);
  });
}
