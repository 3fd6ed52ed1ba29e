/**
 * Clinic-loaded item text for instruments Onset ships as structure only (Y-BOCS, LSAS, …). The clinic
 * supplies `{ "instrument": "ybocs", "licence": "holder and terms", "items": [{ "linkId": "1", "text": "…" }] }`.
 */
import { invalid, invalidMany } from '../shared/errors.js';
import { arrayAt, at, objectAt, onlyKeys, textAt, type Problems } from './json-check.js';
import { itemsPhrase } from './link-ids.js';
import { getInstrument, isInstrumentId } from './registry.js';
import { INSTRUMENT_IDS, type InstrumentDefinition, type InstrumentId } from './types.js';

export interface LicensedText {
  instrument: InstrumentId;
  /** Licence holder and terms, shown as the questionnaire's copyright. */
  licence: string;
  items: { linkId: string; text: string }[];
}

/**
 * Validates a licensed-text JSON file; errors name the JSON path (`items[3].linkId: unknown item 11 for ybocs (items
 * 1–10)`).
 */
export function loadInstrumentText(json: unknown): LicensedText {
  const problems: Problems = [];
  const root = objectAt(problems, json, 'file');
  if (!root) throw invalidMany(problems);
  onlyKeys(problems, root, '', ['instrument', 'licence', 'items']);
  const instrument = readInstrument(problems, root.instrument);
  const licence = textAt(problems, root.licence, 'licence');
  const def = instrument ? getInstrument(instrument) : undefined;
  const items = readItems(problems, root.items, def);
  if (problems.length > 0 || !instrument || licence === undefined) throw invalidMany(problems);
  return { instrument, licence, items };
}

/** A copy of `def` with the licensed item text in both the scoring items and the Questionnaire. */
export function applyLicensedText(def: InstrumentDefinition, text: LicensedText): InstrumentDefinition {
  if (text.instrument !== def.id) {
    throw invalid('instrument', `the text is for ${text.instrument}, not ${def.id}`);
  }
  const byLinkId = new Map(text.items.map((item) => [item.linkId, item.text]));
  const known = new Set(def.items.map((item) => item.linkId));
  const unknown = text.items.findIndex((item) => !known.has(item.linkId));
  if (unknown >= 0) {
    const reason = `unknown item ${text.items[unknown]?.linkId} for ${def.id} (${itemsPhrase(def)})`;
    throw invalid(at(at('items', unknown), 'linkId'), reason);
  }
  return {
    ...def,
    items: def.items.map((item) => ({ ...item, text: byLinkId.get(item.linkId) ?? item.text })),
    questionnaire: {
      ...def.questionnaire,
      copyright: text.licence,
      item: def.questionnaire.item.map((item) => ({ ...item, text: byLinkId.get(item.linkId) ?? item.text })),
    },
  };
}

/**
 * True when every item of `def` carries its wording: Onset ships it, or licensed text replaced each
 * neutral label ("Item 1") of the built-in structure. Without it a patient would see bare numbers.
 */
export function hasItemText(def: InstrumentDefinition): boolean {
  if (def.licence !== 'structure-only') return true;
  const neutral = new Map(getInstrument(def.id).items.map((item) => [item.linkId, item.text]));
  return def.items.every((item) => item.text !== neutral.get(item.linkId));
}

/** Why a questionnaire without its item text cannot be sent, and how to get the text in. */
export function itemTextMissingReason(def: InstrumentDefinition): string {
  return (
    `${def.shortName} item text is licensed and not loaded, so the patient would see only item numbers; ` +
    'load the licensed item text for your clinic (a JSON file of instrument, licence and items with linkId and text, ' +
    'from the licence holder) or enter the scores from a licensed form'
  );
}

function readInstrument(problems: Problems, value: unknown): InstrumentId | undefined {
  if (isInstrumentId(value)) return value;
  const shown = typeof value === 'string' ? `"${value}"` : 'missing';
  problems.push({ field: 'instrument', reason: `unknown instrument ${shown}; known: ${INSTRUMENT_IDS.join(', ')}` });
  return undefined;
}

function readItems(problems: Problems, value: unknown, def: InstrumentDefinition | undefined): LicensedText['items'] {
  const list = arrayAt(problems, value, 'items');
  if (!list) return [];
  const known = new Set(def?.items.map((item) => item.linkId));
  const firstSeen = new Map<string, number>();
  const items: LicensedText['items'] = [];
  list.forEach((raw, index) => {
    const path = at('items', index);
    const entry = objectAt(problems, raw, path);
    if (!entry) return;
    onlyKeys(problems, entry, path, ['linkId', 'text']);
    const linkId = textAt(problems, entry.linkId, at(path, 'linkId'));
    const text = textAt(problems, entry.text, at(path, 'text'));
    if (linkId === undefined || text === undefined) return;
    const seen = firstSeen.get(linkId);
    if (def && !known.has(linkId)) {
      problems.push({
        field: at(path, 'linkId'),
        reason: `unknown item ${linkId} for ${def.id} (${itemsPhrase(def)})`,
      });
    } else if (seen !== undefined) {
      problems.push({ field: at(path, 'linkId'), reason: `item ${linkId} appears twice (first at items[${seen}])` });
    } else {
      firstSeen.set(linkId, index);
      items.push({ linkId, text });
    }
  });
  return items;
}
