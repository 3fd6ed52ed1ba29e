/**
 * Checks a clinic-supplied FHIR Questionnaire against its scoring items: same linkIds in the same order,
 * the same text, and answer options whose ordinal values are exactly each item's min..max.
 * Other FHIR elements (meta, publisher, …) are allowed and kept.
 */
import { LOINC_SYSTEM, ORDINAL_VALUE_URL } from './fhir.js';
import { arrayAt, at, booleanAt, objectAt, oneOfAt, textAt, type JsonObject, type Problems } from './json-check.js';
import type { InstrumentDefinition, ItemDefinition } from './types.js';

interface Expected {
  id: InstrumentDefinition['id'];
  loinc: { panel: string } | null;
  items: readonly ItemDefinition[];
}

const FHIR_NAME = /^[A-Z][A-Za-z0-9_]{0,254}$/;

/** Records every problem with `value` as the Questionnaire of the instrument `expected`. */
export function checkQuestionnaire(problems: Problems, value: unknown, path: string, expected: Expected): void {
  const q = objectAt(problems, value, path);
  if (!q) return;
  oneOfAt(problems, q.resourceType, at(path, 'resourceType'), ['Questionnaire']);
  if (q.id !== expected.id)
    problems.push({ field: at(path, 'id'), reason: `must be "${expected.id}", the instrument id` });
  const url = textAt(problems, q.url, at(path, 'url'));
  if (url !== undefined && !/^https?:\/\/\S+$/.test(url)) {
    problems.push({ field: at(path, 'url'), reason: 'must be an absolute http(s) canonical URL' });
  }
  textAt(problems, q.version, at(path, 'version'));
  if (typeof q.name !== 'string' || !FHIR_NAME.test(q.name)) {
    problems.push({
      field: at(path, 'name'),
      reason: 'must start with a capital letter and use only letters, digits and _',
    });
  }
  textAt(problems, q.title, at(path, 'title'));
  oneOfAt(problems, q.status, at(path, 'status'), ['active']);
  textAt(problems, q.description, at(path, 'description'));
  textAt(problems, q.copyright, at(path, 'copyright'));
  checkCode(problems, q, path, expected);
  checkItems(problems, q.item, at(path, 'item'), expected.items);
}

function checkCode(problems: Problems, q: JsonObject, path: string, expected: Expected): void {
  if (q.code === undefined && !expected.loinc) return;
  const codes = arrayAt(problems, q.code, at(path, 'code'));
  if (!codes) return;
  codes.forEach((coding, index) => checkCoding(problems, coding, at(at(path, 'code'), index)));
  const panel = expected.loinc?.panel;
  const hasPanel = codes.some((c) => isObject(c) && c.system === LOINC_SYSTEM && c.code === panel);
  if (panel !== undefined && !hasPanel) {
    problems.push({
      field: at(path, 'code'),
      reason: `must include the LOINC panel code ${panel} (system ${LOINC_SYSTEM})`,
    });
  }
}

function checkItems(problems: Problems, value: unknown, path: string, items: readonly ItemDefinition[]): void {
  const list = arrayAt(problems, value, path);
  if (!list) return;
  if (list.length !== items.length) {
    problems.push({ field: path, reason: `must have ${items.length} items, one per scored item; got ${list.length}` });
    return;
  }
  const linkIds = new Set(items.map((item) => item.linkId));
  list.forEach((raw, index) => {
    const expected = items[index];
    if (expected) checkItem(problems, raw, at(path, index), expected, linkIds);
  });
}

function checkItem(
  problems: Problems,
  raw: unknown,
  path: string,
  expected: ItemDefinition,
  linkIds: Set<string>,
): void {
  const item = objectAt(problems, raw, path);
  if (!item) return;
  if (item.linkId !== expected.linkId) {
    problems.push({
      field: at(path, 'linkId'),
      reason: `must be "${expected.linkId}", as items[] lists it in this position`,
    });
  }
  if (item.text !== expected.text) {
    problems.push({ field: at(path, 'text'), reason: 'must be the same text as the scoring item' });
  }
  oneOfAt(problems, item.type, at(path, 'type'), ['choice']);
  booleanAt(problems, item.required, at(path, 'required'));
  checkAnswerOptions(problems, item.answerOption, at(path, 'answerOption'), expected);
  if (item.enableWhen !== undefined) checkEnableWhen(problems, item.enableWhen, at(path, 'enableWhen'), linkIds);
}

function checkAnswerOptions(problems: Problems, value: unknown, path: string, expected: ItemDefinition): void {
  const options = arrayAt(problems, value, path);
  if (!options) return;
  const values: number[] = [];
  options.forEach((raw, index) => {
    const optionPath = at(path, index);
    const option = objectAt(problems, raw, optionPath);
    if (!option) return;
    checkCoding(problems, option.valueCoding, at(optionPath, 'valueCoding'));
    const ordinal = ordinalOf(option.extension);
    if (ordinal === undefined) {
      problems.push({
        field: at(optionPath, 'extension'),
        reason: `must carry ${ORDINAL_VALUE_URL} with a valueDecimal`,
      });
    } else {
      values.push(ordinal);
    }
  });
  const wanted = Array.from({ length: expected.max - expected.min + 1 }, (_, i) => expected.min + i);
  const got = [...values].sort((a, b) => a - b);
  if (values.length === options.length && got.join(',') !== wanted.join(',')) {
    problems.push({
      field: path,
      reason: `ordinal values must be exactly ${expected.min}–${expected.max}, once each; got ${got.join(', ')}`,
    });
  }
}

function checkEnableWhen(problems: Problems, value: unknown, path: string, linkIds: Set<string>): void {
  arrayAt(problems, value, path)?.forEach((raw, index) => {
    const rulePath = at(path, index);
    const rule = objectAt(problems, raw, rulePath);
    if (!rule) return;
    if (typeof rule.question !== 'string' || !linkIds.has(rule.question)) {
      problems.push({ field: at(rulePath, 'question'), reason: 'must be the linkId of another item' });
    }
    oneOfAt(problems, rule.operator, at(rulePath, 'operator'), ['=']);
    checkCoding(problems, rule.answerCoding, at(rulePath, 'answerCoding'));
  });
}

function checkCoding(problems: Problems, value: unknown, path: string): void {
  const coding = objectAt(problems, value, path);
  if (!coding) return;
  textAt(problems, coding.system, at(path, 'system'));
  textAt(problems, coding.code, at(path, 'code'));
  textAt(problems, coding.display, at(path, 'display'));
}

function ordinalOf(extensions: unknown): number | undefined {
  if (!Array.isArray(extensions)) return undefined;
  const found: unknown = extensions.find((e: unknown) => isObject(e) && e.url === ORDINAL_VALUE_URL);
  return isObject(found) && typeof found.valueDecimal === 'number' ? found.valueDecimal : undefined;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
