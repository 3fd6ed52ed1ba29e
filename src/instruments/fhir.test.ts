import { describe, expect, it } from 'vitest';
import { LOINC_SYSTEM, ORDINAL_SYSTEM, ORDINAL_VALUE_URL, ordinalValueOf } from './fhir.js';
import { getInstrument, listInstruments } from './registry.js';

describe('Questionnaire resources', () => {
  it.each(listInstruments().map((def) => [def.id, def] as const))('%s is a well-formed Questionnaire', (id, def) => {
    const q = def.questionnaire;
    expect(q).toMatchObject({
      resourceType: 'Questionnaire',
      id,
      url: `https://onset.health/fhir/Questionnaire/${id}`,
      version: '1.0.0',
      title: def.name,
      status: 'active',
    });
    expect(q.name).toMatch(/^[A-Z][A-Za-z0-9_]*$/);
    expect(q.item.map((item) => item.linkId)).toEqual(def.items.map((item) => item.linkId));
    expect(new Set(q.item.map((item) => item.linkId)).size).toBe(q.item.length);
  });

  it.each(listInstruments().map((def) => [def.id, def] as const))(
    '%s: every item has one answer option per value min..max',
    (_id, def) => {
      def.questionnaire.item.forEach((item, index) => {
        const scored = def.items[index]!;
        const values = item.answerOption.map(ordinalValueOf);
        const expected = Array.from({ length: scored.max - scored.min + 1 }, (_, i) => scored.min + i);
        expect(values).toEqual(expected);
        expect(item).toMatchObject({ type: 'choice', required: true, text: scored.text });
        for (const option of item.answerOption) {
          expect(option.extension[0]?.url).toBe(ORDINAL_VALUE_URL);
          expect(option.valueCoding.display.length).toBeGreaterThan(0);
        }
      });
    },
  );

  it.each(['gad7', 'phq9'])('%s answers use LOINC LA6568-5, LA6569-3, LA6570-1, LA6571-9 for 0..3', (id) => {
    for (const item of getInstrument(id).questionnaire.item) {
      expect(item.answerOption.map((o) => [o.valueCoding.system, o.valueCoding.code, o.valueCoding.display])).toEqual([
        [LOINC_SYSTEM, 'LA6568-5', 'Not at all'],
        [LOINC_SYSTEM, 'LA6569-3', 'Several days'],
        [LOINC_SYSTEM, 'LA6570-1', 'More than half the days'],
        [LOINC_SYSTEM, 'LA6571-9', 'Nearly every day'],
      ]);
    }
  });

  it('uses the project ordinal code system, code = the value, where LOINC has no answer list', () => {
    const option = getInstrument('ybocs').questionnaire.item[0]!.answerOption[3]!;
    expect(option.valueCoding).toEqual({ system: ORDINAL_SYSTEM, code: '3', display: '3' });
    expect(getInstrument('pcl5').questionnaire.item[0]!.answerOption[4]!.valueCoding).toEqual({
      system: ORDINAL_SYSTEM,
      code: '4',
      display: 'Extremely',
    });
  });

  it.each([
    ['gad7', '69737-5', '70274-6'],
    ['phq9', '44249-1', '44261-6'],
    ['pcl5', '101697-1', '101698-9'],
  ])('%s carries LOINC panel %s (total %s)', (id, panel, total) => {
    const def = getInstrument(id);
    expect(def.loinc).toEqual({ panel, total });
    expect(def.questionnaire.code?.[0]).toMatchObject({ system: LOINC_SYSTEM, code: panel });
  });

  it('gives no LOINC code where none exists', () => {
    for (const def of listInstruments().filter((d) => !['gad7', 'phq9', 'pcl5'].includes(d.id))) {
      expect(def.loinc, def.id).toBeNull();
      expect(def.questionnaire.code, def.id).toBeUndefined();
    }
  });

  it('encodes C-SSRS skip logic as enableWhen on yes (LOINC LA33-6)', () => {
    const items = getInstrument('cssrs').questionnaire.item;
    const gates = Object.fromEntries(items.map((item) => [item.linkId, item.enableWhen?.[0]?.question ?? null]));
    expect(gates).toEqual({ '1': null, '2': null, '3': '2', '4': '2', '5': '2', '6': null, '6b': '6' });
    expect(items[2]!.enableWhen?.[0]).toMatchObject({ operator: '=', answerCoding: { code: 'LA33-6' } });
    expect(items[0]!.answerOption.map((o) => [o.valueCoding.code, ordinalValueOf(o)])).toEqual([
      ['LA32-8', 0],
      ['LA33-6', 1],
    ]);
  });

  it('survives a JSON round trip unchanged (plain JSON-compatible data)', () => {
    for (const def of listInstruments()) expect(JSON.parse(JSON.stringify(def))).toEqual(def);
  });
});
