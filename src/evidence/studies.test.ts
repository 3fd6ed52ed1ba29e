import { describe, expect, it } from 'vitest';
import { evidenceView, MECHANISM_REFERENCES, MECHANISM_STEPS, STUDIES, TIME_COURSE } from './index.js';

// A DOI is "10." + a registrant code of 4–9 digits + "/" + a suffix (DOI Handbook §2.2).
const DOI = /^10\.\d{4,9}\/\S+$/;

describe('the studies table (src/evidence/studies.ts)', () => {
  it('has the 15 rows of the evidence table, each key once', () => {
    const keys = STUDIES.map((s) => s.key);
    expect(keys).toHaveLength(15);
    expect(new Set(keys).size).toBe(15);
  });

  it('gives every row a DOI', () => {
    for (const study of STUDIES) expect(study.doi, study.key).toMatch(DOI);
  });

  it('flags the rows the evidence table marks unverified (zeng2013 whole row, feder2014 effect size) and only those', () => {
    const unverified = STUDIES.filter((s) => !s.verified).map((s) => s.key);
    expect(unverified).toEqual(['zeng2013', 'feder2014']);
    for (const study of STUDIES) {
      if (study.verified) expect(study.unverifiedNote, study.key).toBeNull();
      else expect(study.unverifiedNote, study.key).toMatch(/UNVERIFIED/);
    }
  });

  it('marks "DOI not checked" for the six DOIs recalled rather than read', () => {
    const unchecked = STUDIES.filter((s) => !s.doiChecked).map((s) => s.key);
    expect(unchecked).toEqual(['glue2017', 'glue2018', 'feder2014', 'feder2021', 'whittaker2021', 'hartland2023']);
  });

  it('never guesses funding', () => {
    for (const study of STUDIES) expect(study.funding, study.key).toBe('unknown');
  });

  it('takes the year from the citation and n from the design column', () => {
    for (const study of STUDIES) expect(study.citation, study.key).toContain(String(study.year));
    // hull2022: "n=1,247 analysed"; rodriguez2013: "n=15 (first phase 8 vs 7)".
    expect(STUDIES.find((s) => s.key === 'hull2022')).toMatchObject({ n: 1247, nNote: 'analysed' });
    expect(STUDIES.find((s) => s.key === 'rodriguez2013')).toMatchObject({ n: 15, nNote: 'first phase 8 vs 7' });
  });
});

describe('the published time course', () => {
  it('cites only studies in the table, with windows in order', () => {
    const keys = new Set(STUDIES.map((s) => s.key));
    for (const point of TIME_COURSE) {
      for (const key of point.studies) expect(keys.has(key), `${point.key} cites ${key}`).toBe(true);
      expect(point.fromDays).toBeLessThanOrEqual(point.toDays);
    }
  });

  it('places "within 1 hour" at 1/24 day and the 6-infusion course at 27.5 days', () => {
    expect(TIME_COURSE.find((p) => p.key === 'hour1')?.toDays).toBeCloseTo(1 / 24, 12);
    expect(TIME_COURSE.find((p) => p.key === 'course6')?.fromDays).toBe(27.5);
  });
});

describe('how ketamine is thought to work', () => {
  it('follows NMDA block → less GABA inhibition → glutamate surge → AMPA → monoamines, then opioid activity', () => {
    expect(MECHANISM_STEPS.map((s) => s.label)).toEqual([
      'NMDA receptor block',
      'Less GABA inhibition',
      'Glutamate surge',
      'AMPA receptor activation',
      'Noradrenaline and serotonin release',
      'Opioid-receptor activity',
    ]);
  });

  it('backs every step with references that exist and carry DOIs', () => {
    const refs = new Map(MECHANISM_REFERENCES.map((r) => [r.key, r]));
    for (const step of MECHANISM_STEPS) {
      expect(step.references.length, step.label).toBeGreaterThan(0);
      for (const key of step.references) expect(refs.get(key)?.doi, `${step.label} → ${key}`).toMatch(DOI);
    }
  });

  it('serves everything through one JSON-ready view', () => {
    const view = JSON.parse(JSON.stringify(evidenceView())) as ReturnType<typeof evidenceView>;
    expect(view.studies).toHaveLength(15);
    expect(view.mechanism.steps).toHaveLength(6);
    expect(view.timeCourse).toHaveLength(TIME_COURSE.length);
  });
});
