/**
 * FHIR search parameters: which each resource type supports, and parsing a query string into criteria.
 * Values within one parameter are OR-ed (comma-separated); repeated parameters are AND-ed. An unknown
 * parameter is refused rather than ignored, so a mistyped filter never returns every record.
 */
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { invalid, invalidMany, isOnsetError, type FieldProblem } from '../shared/errors.js';
import { inYearRange, MAX_OFFSET, Text, YEAR_MAX, YEAR_MIN } from '../shared/schema.js';
import { DAY_MS, MINUTE_MS } from '../shared/time.js';
import { fromText, schemaProblems } from '../shared/validate.js';

export type SearchType =
  | 'Patient'
  | 'Questionnaire'
  | 'QuestionnaireResponse'
  | 'Observation'
  | 'MedicationAdministration'
  | 'AdverseEvent'
  | 'EpisodeOfCare'
  | 'Procedure'
  | 'MedicationStatement';

export type ParamType = 'token' | 'string' | 'reference' | 'date' | 'uri';

export interface ParamDef {
  name: string;
  type: ParamType;
  /** Dotted path of the element searched (arrays are walked); `a|b` searches either element. */
  path: string;
  documentation: string;
}

const id: ParamDef = { name: '_id', type: 'token', path: 'id', documentation: 'the resource id (the Onset record id)' };
export const patientParam = (path: string, name = 'patient'): ParamDef => ({
  name,
  type: 'reference',
  path,
  documentation: 'the patient: Patient/{id} or {id}',
});
const date = (name: string, path: string, what: string): ParamDef => ({
  name,
  type: 'date',
  path,
  documentation: `${what}; prefixes eq, ne, gt, ge, lt, le; a date without a zone is read as UTC`,
});

export const SEARCH_PARAMS: Readonly<Record<SearchType, readonly ParamDef[]>> = {
  Patient: [
    id,
    {
      name: 'identifier',
      type: 'token',
      path: 'identifier',
      documentation: 'the label: [system|]value, system https://onset.health/fhir/patient-label',
    },
    {
      name: 'name',
      type: 'string',
      path: 'name',
      documentation: 'any part of the name, from its start (:contains, :exact); case and accents ignored',
    },
  ],
  Questionnaire: [
    id,
    { name: 'url', type: 'uri', path: 'url', documentation: 'the canonical URL' },
    { name: 'code', type: 'token', path: 'code', documentation: 'the LOINC panel code, [system|]code' },
    { name: 'name', type: 'string', path: 'name', documentation: 'the computer-friendly name, from its start' },
    { name: 'title', type: 'string', path: 'title', documentation: 'the title, from its start' },
  ],
  QuestionnaireResponse: [
    id,
    patientParam('subject.reference'),
    patientParam('subject.reference', 'subject'),
    {
      name: 'questionnaire',
      type: 'uri',
      path: 'questionnaire',
      documentation: 'the questionnaire: canonical URL, Questionnaire/{id}, or LOINC panel code',
    },
    date('authored', 'authored', 'when it was completed'),
    date('date', 'authored', 'when it was completed (same as authored)'),
  ],
  Observation: [
    id,
    patientParam('subject.reference'),
    patientParam('subject.reference', 'subject'),
    {
      name: 'code',
      type: 'token',
      path: 'code.coding',
      documentation:
        'the score code: LOINC total (e.g. 70274-6) or https://onset.health/fhir/CodeSystem/score|gad7-total; or the vital sign: LOINC 85354-9 (blood pressure), 8867-4 (heart rate), 2708-6 or 59408-5 (oxygen saturation)',
    },
    {
      name: 'category',
      type: 'token',
      path: 'category.coding',
      documentation:
        "survey (scores) or vital-signs (the doses' monitoring readings), system http://terminology.hl7.org/CodeSystem/observation-category",
    },
    date(
      'date',
      'effectiveDateTime|effectivePeriod',
      'when the questionnaire was completed or the vital sign taken (a reading without its own time: the period it falls in)',
    ),
  ],
  MedicationAdministration: [
    id,
    patientParam('subject.reference'),
    patientParam('subject.reference', 'subject'),
    date('effective-time', 'effectiveDateTime', 'when the dose was given'),
  ],
  AdverseEvent: [
    id,
    patientParam('subject.reference'),
    patientParam('subject.reference', 'subject'),
    date('date', 'date', 'when the event began'),
  ],
  EpisodeOfCare: [id, patientParam('patient.reference'), date('date', 'period.start', 'when the course began')],
  Procedure: [
    id,
    patientParam('subject.reference'),
    patientParam('subject.reference', 'subject'),
    date('date', 'performedPeriod.start', 'when the session was held'),
  ],
  MedicationStatement: [id, patientParam('subject.reference'), patientParam('subject.reference', 'subject')],
};

export const SEARCH_TYPES = Object.keys(SEARCH_PARAMS) as SearchType[];

export type SearchValue =
  | { kind: 'token'; system: string | undefined; code: string }
  | { kind: 'string'; text: string }
  | { kind: 'reference'; id: string }
  | { kind: 'date'; prefix: DatePrefix; start: number; end: number }
  | { kind: 'uri'; uri: string };

export type DatePrefix = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type StringModifier = 'starts' | 'contains' | 'exact';

export interface Criterion {
  param: ParamDef;
  modifier: StringModifier;
  /** Any one may match. */
  values: SearchValue[];
}

export interface ParsedSearch {
  criteria: Criterion[];
  count: number;
  offset: number;
  /** The one patient the search is limited to, when it is (lets the records be loaded by patient). */
  patientId: string | undefined;
}

export const DEFAULT_COUNT = 100;
export const MAX_COUNT = 1000;
/** A search parameter's value: text, or a list of texts when the parameter is repeated (AND-ed). */
const SearchValueText = Type.Union([Text(), Type.Array(Text())]);

/** The modifiers a parameter of each type accepts, as the query-string keys they make (`name:contains`). */
const MODIFIERS: Readonly<Record<ParamType, readonly string[]>> = {
  string: ['contains', 'exact'],
  token: [],
  reference: [],
  date: [],
  uri: [],
};

/** Result parameters FHIR defines that Onset accepts. */
const RESULT_PARAMS = ['_count', '_offset', '_format'];

const querySchemas = new Map<readonly ParamDef[], TObject>();

/**
 * The query string a search takes, as a schema: its parameters (with their modifiers), `_count`,
 * `_offset` and `_format` (accepted and ignored: always JSON). The FHIR routes declare it and
 * parseSearch checks it, so a search is refused in the same words on every path, and an unknown
 * parameter is refused rather than ignored.
 */
export function searchQuerySchema(defs: readonly ParamDef[]): TObject {
  let schema = querySchemas.get(defs);
  if (schema === undefined) {
    const properties: Record<string, TSchema> = {};
    for (const def of defs) {
      properties[def.name] = Type.Optional(SearchValueText);
      for (const modifier of MODIFIERS[def.type])
        properties[`${def.name}:${modifier}`] = Type.Optional(SearchValueText);
    }
    properties._count = Type.Optional(
      Type.Integer({ minimum: 0, maximum: MAX_COUNT, description: `results per page (default ${DEFAULT_COUNT})` }),
    );
    properties._offset = Type.Optional(
      Type.Integer({ minimum: 0, maximum: MAX_OFFSET, description: 'results to skip' }),
    );
    properties._format = Type.Optional(
      Text({ maxLength: 100, description: 'accepted and ignored: responses are always JSON' }),
    );
    schema = Type.Object(properties, { additionalProperties: false });
    querySchemas.set(defs, schema);
  }
  return schema;
}

/** The query string a search of `type` takes (see searchQuerySchema). */
export function searchQueryOf(type: SearchType): TObject {
  return searchQuerySchema(SEARCH_PARAMS[type]);
}

/** Parses a query string (as Fastify gives it) into criteria; every bad parameter is named at once. */
export function parseSearch(type: SearchType, query: Readonly<Record<string, unknown>>): ParsedSearch {
  return parseSearchWith(type, SEARCH_PARAMS[type], query);
}

/** As parseSearch, for a type whose parameters are defined apart (RiskAssessment, computed per patient). */
export function parseSearchWith(
  type: string,
  defs: readonly ParamDef[],
  query: Readonly<Record<string, unknown>>,
): ParsedSearch {
  const schema = searchQuerySchema(defs);
  const read = fromText(schema, query) as Record<string, unknown>;
  const problems: FieldProblem[] = [...schemaProblems(schema, read)];
  const refused = new Set(problems.map((p) => p.field));
  const criteria: Criterion[] = [];
  for (const [key, raw] of Object.entries(read)) {
    if (RESULT_PARAMS.includes(key) || refused.has(key)) continue;
    const [name = '', modifierText] = key.split(':');
    const param = defs.find((d) => d.name === name);
    if (param === undefined) continue;
    try {
      const modifier = modifierOf(param, modifierText, key);
      for (const text of asList(raw))
        criteria.push({ param, modifier, values: text.split(',').map((v) => parseValue(param, v, key)) });
    } catch (error) {
      problems.push(...problemsOf(error));
    }
  }
  if (problems.length > 0) throw invalidMany(problems);
  const count = (read._count as number | undefined) ?? DEFAULT_COUNT;
  const offset = (read._offset as number | undefined) ?? 0;
  return { criteria, count, offset, patientId: singlePatient(criteria) };
}

function asList(raw: unknown): string[] {
  return (Array.isArray(raw) ? raw : [raw]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
}

function modifierOf(param: ParamDef, text: string | undefined, key: string): StringModifier {
  if (text === undefined) return 'starts';
  if (param.type === 'string' && (text === 'contains' || text === 'exact')) return text;
  throw invalid(
    key,
    `the modifier :${text} is not supported${param.type === 'string' ? ' (use :contains or :exact)' : ''}`,
  );
}

function parseValue(param: ParamDef, text: string, key: string): SearchValue {
  if (text === '') throw invalid(key, 'has an empty value');
  switch (param.type) {
    case 'token': {
      const bar = text.indexOf('|');
      return bar === -1
        ? { kind: 'token', system: undefined, code: text }
        : { kind: 'token', system: text.slice(0, bar), code: text.slice(bar + 1) };
    }
    case 'string':
      return { kind: 'string', text };
    case 'reference':
      return { kind: 'reference', id: text.slice(text.lastIndexOf('/') + 1) };
    case 'uri':
      return { kind: 'uri', uri: text };
    case 'date':
      return parseDate(text, key);
  }
}

const DATE_VALUE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** A date search value and the range it stands for: its precision decides the range (a day, a month, …). */
export function parseDate(text: string, key: string): SearchValue {
  const prefixMatch = /^(eq|ne|gt|ge|lt|le)/.exec(text);
  const prefix = (prefixMatch?.[1] ?? 'eq') as DatePrefix;
  const value = text.slice(prefixMatch === null ? 0 : 2);
  const m = DATE_VALUE.exec(value);
  const fail = (): never => {
    throw invalid(
      key,
      `"${text}" must be [eq|ne|gt|ge|lt|le]YYYY[-MM[-DD[Thh:mm[:ss][zone]]]] in the years ${YEAR_MIN}–${YEAR_MAX}, e.g. ge2026-01-05`,
    );
  };
  if (m === null) return fail();
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  const iso = `${y ?? ''}-${mo ?? '01'}-${d ?? '01'}T${h ?? '00'}:${mi ?? '00'}:${s ?? '00'}${ms ?? ''}${zone ?? 'Z'}`;
  const start = Date.parse(iso);
  if (
    Number.isNaN(start) ||
    !inYearRange(iso) ||
    (d !== undefined && new Date(`${y ?? ''}-${mo ?? ''}-${d}T00:00:00Z`).getUTCDate() !== Number(d))
  )
    return fail();
  const end = endOf(start, { month: mo, day: d, hour: h, second: s, millis: ms });
  return { kind: 'date', prefix, start, end };
}

function endOf(
  start: number,
  given: { month?: string; day?: string; hour?: string; second?: string; millis?: string },
): number {
  const date = new Date(start);
  if (given.month === undefined) return Date.UTC(date.getUTCFullYear() + 1, 0, 1);
  if (given.day === undefined) return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  if (given.hour === undefined) return start + DAY_MS;
  if (given.second === undefined) return start + MINUTE_MS;
  return start + (given.millis === undefined ? 1000 : 1);
}

function singlePatient(criteria: readonly Criterion[]): string | undefined {
  const patients = criteria.filter((c) => c.param.type === 'reference' && c.values.length === 1);
  const first = patients[0]?.values[0];
  return first?.kind === 'reference' ? first.id : undefined;
}

function problemsOf(error: unknown): readonly FieldProblem[] {
  if (isOnsetError(error)) return error.problems;
  throw error;
}
