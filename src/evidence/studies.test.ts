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

  it('gives a DOI to every row whose DOI was confirmed, and none to silote2020 and zeng2013 (docs/evidence.md)', () => {
    const withoutDoi = STUDIES.filter((s) => s.doi === null).map((s) => s.key);
    expect(withoutDoi).toEqual(['silote2020', 'zeng2013']);
    for (const study of STUDIES) if (study.doi !== null) expect(study.doi, study.key).toMatch(DOI);
  });

  it('flags the rows unverified against their source (zeng2013, the whole row) and only those', () => {
    const unverified = STUDIES.filter((s) => !s.verified).map((s) => s.key);
    expect(unverified).toEqual(['zeng2013']);
    for (const study of STUDIES) {
      if (study.verified) expect(study.unverifiedNote, study.key).toBeNull();
      else expect(study.unverifiedNote, study.key).toMatch(/UNVERIFIED/);
    }
  });

  it('carries the figures as the sources state them (docs/evidence.md, "Studies")', () => {
    const result = (key: string): string => STUDIES.find((s) => s.key === key)?.result ?? '';
    expect(result('feder2014')).toContain('IES-R mean difference 12.7, 95% CI 2.5–22.8');
    expect(result('feder2021')).toContain(
      '11.88 points lower (d=1.13); responders 67% vs 20%; median response duration 27.5 days',
    );
    expect(result('hartland2023')).toContain('<12 h −1.17; 24 h −0.44; 7–14 days −0.40');
    expect(result('whittaker2021')).toContain('SAD 28.9 (95% CI 3.5–242.6); PTSD 2.0 (0.7–6.2, n.s.)');
    expect(result('silote2020')).not.toContain('no pattern');
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
