import { invalid } from '../shared/errors.js';
import { parseCsv, type CsvRecord } from './csv.js';
import type { SurvivalObservation } from './kaplan-meier.js';

/** Which CSV columns hold the time, the event flag (1 = event, 0 = censored) and, optionally, the group. */
export interface SurvivalColumns {
  time: string;
  event: string;
  group?: string;
}

export interface SurvivalGroup {
  name: string;
  observations: SurvivalObservation[];
}

/** The group name used when the CSV has no group column. */
export const UNGROUPED = 'all';

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function columnIndex(header: CsvRecord, column: string): number {
  const names = header.fields.map((name) => name.trim());
  const index = names.indexOf(column);
  if (index === -1) {
    const have = names.map((n) => `"${n}"`).join(', ');
    throw invalid(`line ${header.line}`, `column "${column}" is missing; the header has ${have}`);
  }
  return index;
}

function parseTime(raw: string, line: number, column: string): number {
  const text = raw.trim();
  const where = `line ${line}, column "${column}"`;
  if (!DECIMAL.test(text)) throw invalid(where, `"${raw}" is not a number`);
  const time = Number(text);
  if (time < 0) throw invalid(where, `${text} is negative; a time must be ≥ 0`);
  return time;
}

function parseEvent(raw: string, line: number, column: string): boolean {
  const text = raw.trim();
  if (text === '1') return true;
  if (text === '0') return false;
  throw invalid(`line ${line}, column "${column}"`, `"${raw}" is not 0 or 1 (1 = event, 0 = censored)`);
}

function parseGroup(raw: string, line: number, column: string): string {
  const name = raw.trim();
  if (name === '') throw invalid(`line ${line}, column "${column}"`, 'is empty; every row needs a group');
  return name;
}

/** Groups in a stable, readable order: by name, numbers compared as numbers ("2" before "10"). */
function byName(a: SurvivalGroup, b: SurvivalGroup): number {
  return a.name.localeCompare(b.name, 'en', { numeric: true });
}

/**
 * Reads survival data from CSV text with a header row: one observation per row, split into groups by
 * the group column (sorted by name) or one group "all". Errors name the line and the column.
 */
export function readSurvivalCsv(text: string, columns: SurvivalColumns): SurvivalGroup[] {
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) throw invalid('csv', 'the file is empty; expected a header row, e.g. time,event');
  if (rows.length === 0) throw invalid('csv', 'there are no data rows after the header');
  const timeAt = columnIndex(header, columns.time);
  const eventAt = columnIndex(header, columns.event);
  const groupColumn =
    columns.group === undefined ? undefined : { name: columns.group, at: columnIndex(header, columns.group) };
  const groups = new Map<string, SurvivalGroup>();
  for (const { line, fields } of rows) {
    if (fields.length !== header.fields.length) {
      throw invalid(`line ${line}`, `${fields.length} fields, but the header has ${header.fields.length}`);
    }
    const time = parseTime(fields[timeAt] ?? '', line, columns.time);
    const event = parseEvent(fields[eventAt] ?? '', line, columns.event);
    const name =
      groupColumn === undefined ? UNGROUPED : parseGroup(fields[groupColumn.at] ?? '', line, groupColumn.name);
    const group = groups.get(name) ?? { name, observations: [] };
    group.observations.push({ time, event });
    groups.set(name, group);
  }
  return [...groups.values()].sort(byName);
}
