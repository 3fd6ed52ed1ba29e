import { describe, expect, it } from 'vitest';
import { billingLines, esketamineCode, type BillableAssessment, type BillableDose } from './billing-lines.js';

const ZONE = 'America/New_York';
const dose = (mg: number, overrides: Partial<BillableDose> = {}): BillableDose => ({
  id: `dose-${mg}`,
  patientId: 'p1',
  givenAt: '2026-03-02T15:00:00Z',
  drug: 'esketamine',
  route: 'intranasal',
  mg,
  ...overrides,
});
const answered = (
  instrument: string,
  completedAt: string,
  overrides: Partial<BillableAssessment> = {},
): BillableAssessment => ({
  id: `${instrument}-${completedAt}`,
  patientId: 'p1',
  instrument,
  completedAt,
  complete: true,
  ...overrides,
});
const lines = (
  doses: BillableDose[],
  assessments: BillableAssessment[] = [],
  maxUnits96127 = 4,
): ReturnType<typeof billingLines> => billingLines({ doses, assessments, timeZone: ZONE, maxUnits96127 });

describe('esketamine codes from the recorded dose', () => {
  it('56 mg is G2082 (up to 56 mg); 84 mg is G2083 (over 56 mg)', () => {
    expect(esketamineCode(56).code).toBe('G2082');
    expect(esketamineCode(84).code).toBe('G2083');
    expect(esketamineCode(28).code).toBe('G2082');
    expect(esketamineCode(56.5).code).toBe('G2083');
  });

  it('prepares one line per intranasal esketamine dose, with its source and date, none for racemic ketamine', () => {
    const out = lines([
      dose(56),
      dose(84, { givenAt: '2026-03-05T15:00:00Z' }),
      dose(35, { drug: 'racemic-ketamine', route: 'iv' }),
    ]);
    expect(out.map((l) => [l.serviceDate, l.code, l.units, l.basis])).toEqual([
      ['2026-03-02', 'G2082', 1, 'dose dose-56 (56 mg)'],
      ['2026-03-05', 'G2083', 1, 'dose dose-84 (84 mg)'],
    ]);
    expect(out[0]).toMatchObject({ system: 'HCPCS', sourceDate: '2020-01-01' });
    expect(out[0]?.source).toContain('G2082');
  });
});

describe('CPT 96127, one unit per standardised instrument completed at a visit', () => {
  it('counts distinct standardised instruments per patient and clinic-local day, capped per visit', () => {
    const assessments = [
      answered('gad7', '2026-03-02T14:00:00Z'),
      answered('phq9', '2026-03-02T14:05:00Z'),
      answered('gad7', '2026-03-02T20:00:00Z'), // the same instrument again: still one unit
      answered('craving', '2026-03-02T14:10:00Z'), // Onset's own rating: not standardised
      answered('pcl5', '2026-03-02T14:10:00Z', { complete: false }), // incomplete: not billed
      // 03:00 UTC on the 3rd is still the 2nd in New York: the same visit.
      answered('ybocs', '2026-03-03T03:00:00Z'),
      answered('gad7', '2026-03-02T14:00:00Z', { patientId: 'p2' }),
    ];
    const out = lines([], assessments);
    expect(out.map((l) => [l.patientId, l.serviceDate, l.code, l.units, l.basis])).toEqual([
      ['p1', '2026-03-02', '96127', 3, 'instruments gad7, phq9, ybocs'],
      ['p2', '2026-03-02', '96127', 1, 'instruments gad7'],
    ]);
    expect(lines([], assessments, 2)[0]?.units).toBe(2);
  });
});
