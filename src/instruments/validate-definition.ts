/**
 * Validates a clinic-supplied instrument definition file (the same shape as the built-in ones).
 * Its id must be a built-in instrument and its items (linkIds, order, ranges) and total range must
 * match the built-in ones, because that instrument's scoring rules (flags, C-SSRS skip logic) read
 * them. Everything else — text, names, licence, subscales, bands, thresholds, sources — may differ,
 * but must be internally consistent.
 */
import { invalidMany } from '../shared/errors.js';
import {
  arrayAt,
  at,
  booleanAt,
  integerAt,
  objectAt,
  oneOfAt,
  onlyKeys,
  textAt,
  type JsonObject,
  type Problems,
} from './json-check.js';
import { itemsPhrase } from './link-ids.js';
import { getInstrument, isInstrumentId } from './registry.js';
import { INSTRUMENT_IDS, type InstrumentDefinition, type ItemDefinition } from './types.js';
import { checkQuestionnaire } from './validate-questionnaire.js';

const FIELDS = [
  'id',
  'name',
  'shortName',
  'rater',
  'licence',
  'validated',
  'items',
  'totalMin',
  'totalMax',
  'subscales',
  'bands',
  'responseFraction',
  'remissionMax',
  'reliableChange',
  'loinc',
  'prorating',
  'source',
  'questionnaire',
];
const LOINC_CODE = /^\d{1,7}-\d$/;

/** Checks a whole definition file; errors name the JSON path (`items[2].max: must be an integer ≥ min`). */
export function validateInstrumentDefinition(json: unknown): InstrumentDefinition {
  const problems: Problems = [];
  const root = objectAt(problems, json, 'file');
  if (!root) throw invalidMany(problems);
  onlyKeys(problems, root, '', FIELDS);
  if (!isInstrumentId(root.id)) {
    problems.push({ field: 'id', reason: `must be one of the built-in instruments: ${INSTRUMENT_IDS.join(', ')}` });
    throw invalidMany(problems);
  }
  const builtIn = getInstrument(root.id);
  textAt(problems, root.name, 'name');
  textAt(problems, root.shortName, 'shortName');
  textAt(problems, root.source, 'source');
  oneOfAt(problems, root.rater, 'rater', ['patient', 'clinician']);
  oneOfAt(problems, root.licence, 'licence', [
    'public-domain',
    'free-with-attribution',
    'structure-only',
    'not-validated',
  ]);
  booleanAt(problems, root.validated, 'validated');
  const items = checkItems(problems, root.items, builtIn);
  checkTotals(problems, root, builtIn);
  checkSubscales(problems, root.subscales, builtIn.items);
  checkBands(problems, root.bands, builtIn);
  checkThresholds(problems, root, builtIn);
  checkLoinc(problems, root.loinc);
  checkProrating(problems, root.prorating, builtIn);
  if (items) {
    const loinc = isObject(root.loinc) && typeof root.loinc.panel === 'string' ? { panel: root.loinc.panel } : null;
    checkQuestionnaire(problems, root.questionnaire, 'questionnaire', { id: builtIn.id, loinc, items });
  }
  if (problems.length > 0) throw invalidMany(problems);
  return structuredClone(root) as unknown as InstrumentDefinition;
}

function checkItems(problems: Problems, value: unknown, builtIn: InstrumentDefinition): ItemDefinition[] | undefined {
  const list = arrayAt(problems, value, 'items');
  if (!list) return undefined;
  if (list.length !== builtIn.items.length) {
    const reason = `must list the ${builtIn.items.length} items of ${builtIn.id} (${itemsPhrase(builtIn)}); got ${list.length}`;
    problems.push({ field: 'items', reason });
    return undefined;
  }
  const items: ItemDefinition[] = [];
  list.forEach((raw, index) => {
    const item = checkItem(problems, raw, at('items', index), builtIn.items[index]);
    if (item) items.push(item);
  });
  return items.length === list.length ? items : undefined;
}

function checkItem(
  problems: Problems,
  raw: unknown,
  path: string,
  expected: ItemDefinition | undefined,
): ItemDefinition | undefined {
  const item = objectAt(problems, raw, path);
  if (!item || !expected) return undefined;
  onlyKeys(problems, item, path, ['linkId', 'text', 'min', 'max']);
  const before = problems.length;
  if (item.linkId !== expected.linkId) {
    problems.push({
      field: at(path, 'linkId'),
      reason: `must be "${expected.linkId}" (items keep the built-in order)`,
    });
  }
  const text = textAt(problems, item.text, at(path, 'text'));
  const min = integerAt(problems, item.min, at(path, 'min'));
  const max = isWhole(item.max, min ?? -Infinity) ? item.max : undefined;
  if (max === undefined) problems.push({ field: at(path, 'max'), reason: 'must be an integer ≥ min' });
  if (min !== undefined && max !== undefined && (min !== expected.min || max !== expected.max)) {
    const reason = `range must be ${expected.min}–${expected.max}, as the built-in scoring rules expect; got ${min}–${max}`;
    problems.push({ field: path, reason });
  }
  if (problems.length > before || text === undefined || min === undefined || max === undefined) return undefined;
  return { linkId: expected.linkId, text, min, max };
}

function checkTotals(problems: Problems, root: JsonObject, builtIn: InstrumentDefinition): void {
  if (root.totalMin !== builtIn.totalMin) {
    problems.push({ field: 'totalMin', reason: `must be ${builtIn.totalMin}, the lowest total these items give` });
  }
  if (root.totalMax !== builtIn.totalMax) {
    problems.push({ field: 'totalMax', reason: `must be ${builtIn.totalMax}, the highest total these items give` });
  }
}

function checkSubscales(problems: Problems, value: unknown, items: readonly ItemDefinition[]): void {
  const subscales = objectAt(problems, value, 'subscales');
  if (!subscales) return;
  const known = new Set(items.map((item) => item.linkId));
  for (const [key, raw] of Object.entries(subscales)) {
    const path = at('subscales', key);
    const list = arrayAt(problems, raw, path);
    list?.forEach((linkId, index) => {
      if (typeof linkId !== 'string' || !known.has(linkId)) {
        problems.push({
          field: at(path, index),
          reason: `must be a linkId of this instrument (${itemsPhrase({ items })})`,
        });
      } else if (list.indexOf(linkId) !== index) {
        problems.push({ field: at(path, index), reason: `item ${linkId} is listed twice` });
      }
    });
  }
}

/** Bands must be empty, or run without gaps or overlaps from totalMin to totalMax, so every total gets one. */
function checkBands(problems: Problems, value: unknown, builtIn: InstrumentDefinition): void {
  const bands = arrayAt(problems, value, 'bands', false);
  if (!bands || bands.length === 0) return;
  if (builtIn.id === 'cssrs') {
    problems.push({
      field: 'bands',
      reason: 'must be empty: the C-SSRS band is its risk level, set by the screener rules',
    });
    return;
  }
  let next = builtIn.totalMin;
  bands.forEach((raw, index) => {
    const path = at('bands', index);
    const band = objectAt(problems, raw, path);
    if (!band) return;
    onlyKeys(problems, band, path, ['label', 'min', 'max']);
    textAt(problems, band.label, at(path, 'label'));
    if (band.min !== next) {
      problems.push({ field: at(path, 'min'), reason: `must be ${next}, so bands have no gaps or overlaps` });
    }
    const max = integerAt(problems, band.max, at(path, 'max'), next);
    next = (max ?? next) + 1;
  });
  if (next !== builtIn.totalMax + 1) {
    problems.push({ field: 'bands', reason: `must end at totalMax ${builtIn.totalMax}` });
  }
}

function checkThresholds(problems: Problems, root: JsonObject, builtIn: InstrumentDefinition): void {
  const { responseFraction, remissionMax, reliableChange } = root;
  if (
    responseFraction !== null &&
    !(typeof responseFraction === 'number' && responseFraction > 0 && responseFraction <= 1)
  ) {
    problems.push({ field: 'responseFraction', reason: 'must be null or a fraction above 0 and at most 1 (e.g. 0.5)' });
  }
  if (remissionMax !== null && !isWhole(remissionMax, builtIn.totalMin, builtIn.totalMax - 1)) {
    const reason = `must be null or an integer from ${builtIn.totalMin} to ${builtIn.totalMax - 1}`;
    problems.push({ field: 'remissionMax', reason });
  }
  const span = builtIn.totalMax - builtIn.totalMin;
  if (
    reliableChange !== null &&
    !(typeof reliableChange === 'number' && reliableChange > 0 && reliableChange <= span)
  ) {
    problems.push({
      field: 'reliableChange',
      reason: `must be null or a number of points above 0 and at most ${span}`,
    });
  }
}

function checkLoinc(problems: Problems, value: unknown): void {
  if (value === null) return;
  const loinc = objectAt(problems, value, 'loinc');
  if (!loinc) return;
  onlyKeys(problems, loinc, 'loinc', ['panel', 'total']);
  if (typeof loinc.panel !== 'string' || !LOINC_CODE.test(loinc.panel)) {
    problems.push({ field: 'loinc.panel', reason: 'must be a LOINC code such as 69737-5' });
  }
  if (loinc.total !== null && (typeof loinc.total !== 'string' || !LOINC_CODE.test(loinc.total))) {
    problems.push({ field: 'loinc.total', reason: 'must be null or a LOINC code such as 70274-6' });
  }
}

function checkProrating(problems: Problems, value: unknown, builtIn: InstrumentDefinition): void {
  if (value === null) return;
  if (builtIn.id === 'cssrs') {
    problems.push({ field: 'prorating', reason: 'must be null: the C-SSRS skip logic leaves questions out by design' });
    return;
  }
  const prorating = objectAt(problems, value, 'prorating');
  if (!prorating) return;
  onlyKeys(problems, prorating, 'prorating', ['maxMissing', 'note']);
  const most = builtIn.items.length - 1;
  const maxMissing = prorating.maxMissing;
  if (!isWhole(maxMissing, 1, most)) {
    problems.push({ field: 'prorating.maxMissing', reason: `must be an integer from 1 to ${most}` });
  }
  textAt(problems, prorating.note, 'prorating.note');
}

function isWhole(value: unknown, min: number, max = Infinity): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
