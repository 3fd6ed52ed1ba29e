import { describe, expect, it } from 'vitest';
import { OnsetError } from '../shared/errors.js';
import { getInstrument, isInstrumentId, listInstruments } from './registry.js';
import { INSTRUMENT_IDS } from './types.js';

describe('instrument registry', () => {
  it('lists all thirteen instruments in display order, each under its own id', () => {
    expect(listInstruments().map((def) => def.id)).toEqual([...INSTRUMENT_IDS]);
    expect(INSTRUMENT_IDS).toHaveLength(13);
  });

  it('finds an instrument by id', () => {
    expect(getInstrument('phq9').shortName).toBe('PHQ-9');
  });

  it('refuses an unknown id with NOT_FOUND, naming the id and the known ids', () => {
    expect(() => getInstrument('bdi')).toThrow(OnsetError);
    expect(() => getInstrument('bdi')).toThrow(
      'instrument "bdi" was not found; known instruments: gad7, phq9, pcl5, hama, ocir, ybocs, lsas, minispin, cadss6, cssrs, urinary, craving, anxiety-vas',
    );
  });

  it('recognises ids', () => {
    expect(isInstrumentId('lsas')).toBe(true);
    expect(isInstrumentId('LSAS')).toBe(false);
    expect(isInstrumentId(7)).toBe(false);
  });

  it('ships item text only where the licence allows it', () => {
    for (const def of listInstruments()) {
      const neutral = def.items.every((item) => /^(Item|Situation) \d+/.test(item.text));
      expect(neutral, def.id).toBe(def.licence === 'structure-only');
    }
  });

  it('marks exactly the product checks as not validated', () => {
    const notValidated = listInstruments()
      .filter((def) => !def.validated)
      .map((def) => def.id);
    expect(notValidated).toEqual(['urinary', 'craving', 'anxiety-vas']);
  });

  it('carries the outcome thresholds the outcome engine reads', () => {
    const thresholds = Object.fromEntries(
      listInstruments().map((d) => [d.id, [d.responseFraction, d.remissionMax, d.reliableChange]]),
    );
    // GAD-7/PHQ-9: Spitzer 2006 / Kroenke 2001 + NHS Talking Therapies; PCL-5: Marx 2022 (0.5 a default);
    // HAM-A remission ≤ 7; Y-BOCS Mataix-Cols 2016; LSAS 35% response.
    expect(thresholds).toMatchObject({
      gad7: [0.5, 4, 4],
      phq9: [0.5, 4, 6],
      pcl5: [0.5, null, 15],
      hama: [0.5, 7, null],
      ybocs: [0.35, 12, null],
      lsas: [0.35, null, null],
      'anxiety-vas': [0.5, null, null],
    });
  });

  it('freezes the shared built-in definitions, so a caller cannot change them for everyone', () => {
    const def = getInstrument('gad7');
    expect(() => {
      (def.bands[0] as { max: number }).max = 9;
    }).toThrow(TypeError);
    expect(Object.isFrozen(def.questionnaire.item[0]!.answerOption[0]!.valueCoding)).toBe(true);
  });

  it('cites a source on every instrument', () => {
    for (const def of listInstruments()) expect(def.source.length, def.id).toBeGreaterThan(40);
  });
});
