import { describe, expect, it } from 'vitest';
import { LATE_RESPONSE_CAVEAT, LATE_RESPONSE_FIGURES } from './index.js';

// A DOI is "10." + a registrant code of 4–9 digits + "/" + a suffix (DOI Handbook §2.2).
const DOI = /^10\.\d{4,9}\/\S+$/;

describe('published late-responder figures', () => {
  it('holds the three checked figures, each key once', () => {
    expect(LATE_RESPONSE_FIGURES.map((f) => f.key)).toEqual(['turkoz2021', 'ekstrand2022', 'lipsitz2021']);
  });

  it('gives every figure a DOI, a PMID, a definition, a population and a drug and route', () => {
    for (const f of LATE_RESPONSE_FIGURES) {
      expect(f.doi, f.key).toMatch(DOI);
      expect(f.pmid, f.key).toMatch(/^\d{7,8}$/);
      for (const text of [f.definition, f.population, f.drugRoute, f.citation, f.checked]) {
        expect(text.length, f.key).toBeGreaterThan(0);
      }
    }
  });

  it('states the figures as the abstracts give them', () => {
    const turkoz = LATE_RESPONSE_FIGURES.find((f) => f.key === 'turkoz2021');
    expect(turkoz?.figure).toContain('54.9%');
    expect(turkoz?.figure).toContain('44.3%');
    expect(turkoz?.n).toBe(518);
    const ekstrand = LATE_RESPONSE_FIGURES.find((f) => f.key === 'ekstrand2022');
    expect(ekstrand?.figure).toContain('median of 6');
    expect(ekstrand?.n).toBe(186);
    const lipsitz = LATE_RESPONSE_FIGURES.find((f) => f.key === 'lipsitz2021');
    expect(lipsitz?.figure).toContain('58%');
    expect(lipsitz?.n).toBe(134);
  });

  it('says that every population had depression, not anxiety', () => {
    for (const f of LATE_RESPONSE_FIGURES) expect(f.depressionNotAnxiety, f.key).toBe(true);
    expect(LATE_RESPONSE_CAVEAT).toMatch(/depression, not anxiety/);
  });
});
