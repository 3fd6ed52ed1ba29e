import { describe, expect, it } from 'vitest';
import { OnsetError } from '../shared/errors.js';
import { ybocs } from './definitions/ybocs.js';
import { gad7 } from './definitions/gad7.js';
import { applyLicensedText, loadInstrumentText } from './licensed-text.js';

/** A licensed-text file for Y-BOCS with the given items (default: items 1 and 2). */
function aTextFile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    instrument: 'ybocs',
    licence: 'Licensed to Example Clinic by the copyright holder, 2025–2026',
    items: [
      { linkId: '1', text: 'Licensed wording of item 1' },
      { linkId: '2', text: 'Licensed wording of item 2' },
    ],
    ...overrides,
  };
}

function messages(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof OnsetError) return error.problems.map((p) => `${p.field}: ${p.reason}`);
    throw error;
  }
  return [];
}

describe('loadInstrumentText', () => {
  it('reads a valid file', () => {
    expect(loadInstrumentText(aTextFile())).toEqual({
      instrument: 'ybocs',
      licence: 'Licensed to Example Clinic by the copyright holder, 2025–2026',
      items: [
        { linkId: '1', text: 'Licensed wording of item 1' },
        { linkId: '2', text: 'Licensed wording of item 2' },
      ],
    });
  });

  it('names the path of an unknown item and lists the known ones', () => {
    const items = ['1', '2', '3', '11'].map((linkId) => ({ linkId, text: 'x' }));
    expect(messages(() => loadInstrumentText(aTextFile({ items })))).toEqual([
      'items[3].linkId: unknown item 11 for ybocs (items 1–10)',
    ]);
  });

  it('names every bad field by its path', () => {
    const file = aTextFile({
      instrument: 'ybocz',
      licence: '',
      items: [{ linkId: '1', text: '' }, 'item 2', { linkId: 3, text: 'x', page: 2 }],
      extra: true,
    });
    expect(messages(() => loadInstrumentText(file))).toEqual([
      'extra: unknown field; allowed: instrument, licence, items',
      'instrument: unknown instrument "ybocz"; known: gad7, phq9, pcl5, hama, ocir, ybocs, lsas, minispin, cadss6, cssrs, urinary, craving, anxiety-vas',
      'licence: must be a non-empty string',
      'items[0].text: must be a non-empty string',
      'items[1]: must be an object',
      'items[2].page: unknown field; allowed: linkId, text',
      'items[2].linkId: must be a non-empty string',
    ]);
  });

  it('refuses an item given twice', () => {
    const items = [
      { linkId: '4', text: 'a' },
      { linkId: '4', text: 'b' },
    ];
    expect(messages(() => loadInstrumentText(aTextFile({ items })))).toEqual([
      'items[1].linkId: item 4 appears twice (first at items[0])',
    ]);
  });

  it('refuses a file that is not an object, or has no items', () => {
    expect(messages(() => loadInstrumentText('ybocs'))).toEqual(['file: must be an object']);
    expect(messages(() => loadInstrumentText(aTextFile({ items: [] })))).toEqual(['items: must be a non-empty array']);
  });
});

describe('applyLicensedText', () => {
  it('replaces the text of the given items in the scoring items and the Questionnaire, and sets the copyright', () => {
    const def = applyLicensedText(ybocs, loadInstrumentText(aTextFile()));
    expect(def.items.map((item) => item.text).slice(0, 3)).toEqual([
      'Licensed wording of item 1',
      'Licensed wording of item 2',
      'Item 3',
    ]);
    expect(def.questionnaire.item[1]!.text).toBe('Licensed wording of item 2');
    expect(def.questionnaire.copyright).toContain('Example Clinic');
    expect(def.items[0]).toMatchObject({ min: 0, max: 4 });
  });

  it('leaves the built-in definition untouched', () => {
    applyLicensedText(ybocs, loadInstrumentText(aTextFile()));
    expect(ybocs.items[0]!.text).toBe('Item 1');
    expect(ybocs.questionnaire.item[0]!.text).toBe('Item 1');
  });

  it('refuses text for another instrument', () => {
    expect(messages(() => applyLicensedText(gad7, loadInstrumentText(aTextFile())))).toEqual([
      'instrument: the text is for ybocs, not gad7',
    ]);
  });
});
