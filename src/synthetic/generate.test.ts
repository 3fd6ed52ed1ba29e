import { describe, expect, it } from 'vitest';
import { generateCohort, generatePatients, SYNTHETIC_LABEL } from './generate.js';
import { scoreAnswers } from '../instruments/score.js';
import { getInstrument } from '../instruments/registry.js';
import { computePatientOutcomes } from '../outcomes/patient/compute.js';
import type { PatientOutcomes } from '../outcomes/types.js';
import type { SyntheticPatient } from './types.js';
import { DAY_MS } from '../shared/time.js';

const START = Date.UTC(2025, 0, 1);
const GAD7 = getInstrument('gad7');
const DEFINITION = {
  instrument: 'gad7',
  responseFraction: GAD7.responseFraction,
  remissionMax: GAD7.remissionMax,
  reliableChange: GAD7.reliableChange,
};

function gad7Outcomes(patient: SyntheticPatient): PatientOutcomes {
  const assessments = patient.assessments
    .filter((a) => a.instrument === 'gad7')
    .map((a) => {
      const score = scoreAnswers('gad7', a.answers);
      return { at: a.at, total: score.total, complete: score.complete };
    });
  return computePatientOutcomes({
    definition: DEFINITION,
    doses: patient.doses,
    assessments,
    defaultPriceUsd: patient.course.defaultPriceUsd,
  });
}

const share = (count: number, of: number): number => count / of;

describe('determinism', () => {
  it('gives identical cohorts for the same seed and different ones for another seed', () => {
    const a = generateCohort({ seed: 11, patients: 150, start: START });
    const b = generateCohort({ seed: 11, patients: 150, start: START });
    const c = generateCohort({ seed: 12, patients: 150, start: START });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(c.map((p) => p.doses.length)).not.toEqual(a.map((p) => p.doses.length));
  });

  it('generates each patient independently: the first 50 of 150 equal a cohort of 50', () => {
    expect(generateCohort({ seed: 5, patients: 50, start: START })).toEqual(
      generateCohort({ seed: 5, patients: 150, start: START }).slice(0, 50),
    );
  });

  it('yields the same patients one at a time, generating each only when asked', () => {
    const lazy = generatePatients({ seed: 5, patients: 1_000_000, start: START });
    const firstTwo = [lazy.next().value, lazy.next().value];
    expect(firstTwo).toEqual(generateCohort({ seed: 5, patients: 2, start: START }));
  });

  it('checks the options before the first patient is asked for', () => {
    expect(() => generatePatients({ seed: 5, patients: 1.5, start: START })).toThrow(
      'patients: 1.5 is not a whole number ≥ 0',
    );
  });
});

describe('a cohort of 2,000 synthetic patients', () => {
  const cohort = generateCohort({ seed: 2026, patients: 2000, start: START });
  const outcomes = cohort.map(gad7Outcomes);
  const withBaseline = outcomes.filter((o) => o.baseline !== null);
  const doses = cohort.flatMap((p) => p.doses);

  it('marks every patient synthetic, with SYN labels and only example.org addresses', () => {
    expect(SYNTHETIC_LABEL).toBe('Synthetic demo data');
    expect(new Set(cohort.map((p) => p.synthetic))).toEqual(new Set([true]));
    expect(cohort[0]?.label).toBe('SYN-00001');
    expect(cohort[1999]?.label).toBe('SYN-02000');
    expect(cohort.every((p) => p.email === null || p.email.endsWith('@example.org'))).toBe(true);
  });

  it('gives answers that are valid and complete for their instrument', () => {
    for (const patient of cohort) {
      for (const assessment of patient.assessments) {
        const definition = getInstrument(assessment.instrument);
        expect(assessment.answers).toHaveLength(definition.items.length);
        expect(scoreAnswers(definition, assessment.answers).complete).toBe(true);
      }
    }
  });

  it('is sized for ~30 assessments and ~7.5 doses per patient, with ~26 check-ins on top', () => {
    const assessments = cohort.reduce(
      (n, p) => n + p.assessments.filter((a) => a.instrument !== 'anxiety-vas').length,
      0,
    );
    const checkIns = cohort.reduce((n, p) => n + p.assessments.filter((a) => a.instrument === 'anxiety-vas').length, 0);
    expect(assessments / cohort.length).toBeGreaterThan(27);
    expect(assessments / cohort.length).toBeLessThan(33);
    // keep = 29 / 43.65 ≈ 0.66; ~37.5 check-ins per patient after the baseline if none were missed:
    // 1 + 0.66 × 37.5 ≈ 26.
    expect(checkIns / cohort.length).toBeGreaterThan(23);
    expect(checkIns / cohort.length).toBeLessThan(29);
    expect(doses.length / cohort.length).toBeGreaterThan(6.8);
    expect(doses.length / cohort.length).toBeLessThan(8.2);
  });

  it('has a baseline GAD-7 of 10–20 a few days before dose 1 for most patients', () => {
    expect(share(withBaseline.length, cohort.length)).toBeGreaterThan(0.93);
    const inRange = withBaseline.filter((o) => (o.baseline?.total ?? 0) >= 10 && (o.baseline?.total ?? 0) <= 20);
    expect(share(inRange.length, withBaseline.length)).toBeGreaterThan(0.8);
    const daysBefore = withBaseline.map((o) => ((o.firstDoseAt ?? 0) - (o.baseline?.at ?? 0)) / DAY_MS);
    expect(Math.max(...daysBefore)).toBeLessThanOrEqual(14);
  });

  it('follows the time course: ~45% respond after dose 1, ~20% after doses 2–3, about a third never', () => {
    const n = withBaseline.length;
    const afterDose1 = withBaseline.filter((o) => o.onset?.doses === 1).length;
    const afterDose2or3 = withBaseline.filter(
      (o) => o.onset !== null && o.onset.doses >= 2 && o.onset.doses <= 3,
    ).length;
    const never = withBaseline.filter((o) => o.onset === null).length;
    expect(share(afterDose1, n)).toBeGreaterThan(0.33);
    expect(share(afterDose1, n)).toBeLessThan(0.55);
    expect(share(afterDose2or3, n)).toBeGreaterThan(0.12);
    expect(share(afterDose2or3, n)).toBeLessThan(0.3);
    expect(share(never, n)).toBeGreaterThan(0.27);
    expect(share(never, n)).toBeLessThan(0.45);
  });

  it('has early responders responding within a day of dose 1', () => {
    const early = withBaseline.filter((o) => o.onset?.doses === 1);
    const withinADay = early.filter((o) => (o.onset?.days ?? Infinity) <= 1.1);
    expect(share(withinADay.length, early.length)).toBeGreaterThan(0.8);
  });

  it('lets relief fade over ~5–14 days (median length of lost-relief episodes)', () => {
    const lengths = outcomes
      .flatMap((o) => o.reliefEpisodes.filter((e) => !e.censored).map((e) => e.days))
      .sort((a, b) => a - b);
    const median = lengths[Math.floor(lengths.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(4);
    expect(median).toBeLessThan(15);
  });

  it('shows a tolerance signal in a few patients', () => {
    const flagged = outcomes.filter((o) => o.tolerance.flag === true).length;
    expect(share(flagged, cohort.length)).toBeGreaterThan(0.01);
    expect(share(flagged, cohort.length)).toBeLessThan(0.15);
  });

  it('has ~15% early dropouts (3 doses or fewer)', () => {
    const dropouts = cohort.filter((p) => p.doses.length <= 3).length;
    expect(share(dropouts, cohort.length)).toBeGreaterThan(0.1);
    expect(share(dropouts, cohort.length)).toBeLessThan(0.25);
  });

  it('boosts continuing patients 2–8 times a month after the 6-dose induction', () => {
    // Rate after induction: (n − 6) boosters × 30 / days from dose 6 to the last dose.
    const rates = cohort
      .filter((p) => p.doses.length > 7)
      .map((p) => ((p.doses.length - 6) * 30 * DAY_MS) / ((p.doses.at(-1)?.at ?? 0) - (p.doses[5]?.at ?? 0)))
      .sort((a, b) => a - b);
    const median = rates[Math.floor(rates.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(2);
    expect(median).toBeLessThan(8);
  });

  it('prices sessions $100–$2,000 by route, some left to the course default', () => {
    const priced = doses.filter((d) => d.priceUsd !== null);
    expect(priced.every((d) => (d.priceUsd ?? 0) >= 80 && (d.priceUsd ?? 0) <= 2000)).toBe(true);
    expect(share(doses.length - priced.length, doses.length)).toBeGreaterThan(0.1);
    const meanPrice = (route: string): number => {
      const list = priced.filter((d) => d.route === route);
      return list.reduce((s, d) => s + (d.priceUsd ?? 0), 0) / list.length;
    };
    expect(meanPrice('iv')).toBeGreaterThan(meanPrice('sublingual'));
  });

  it('has a few blood pressures over 140/90, a few short observations and an occasional benzodiazepine', () => {
    const high = doses.filter((d) => d.systolicBefore > 140 || d.diastolicBefore > 90).length;
    expect(share(high, doses.length)).toBeGreaterThan(0.005);
    expect(share(high, doses.length)).toBeLessThan(0.12);
    const esketamine = doses.filter((d) => d.drug === 'esketamine');
    const short = esketamine.filter((d) => d.observationMinutes < 120).length;
    expect(short).toBeGreaterThan(0);
    expect(share(short, esketamine.length)).toBeLessThan(0.1);
    const benzo = cohort.filter((p) => p.medications.some((m) => m.class === 'benzodiazepine')).length;
    expect(share(benzo, cohort.length)).toBeGreaterThan(0.03);
    expect(share(benzo, cohort.length)).toBeLessThan(0.15);
  });

  it('has adverse events at low rates, including urinary symptoms and worsening anxiety', () => {
    const events = cohort.flatMap((p) => p.adverseEvents);
    expect((events.length / doses.length) * 100).toBeLessThan(10);
    expect(events.some((e) => e.category === 'urinary')).toBe(true);
    expect(events.some((e) => e.category === 'worsening-anxiety')).toBe(true);
  });

  it('rarely has PHQ-9 item 9 above 0', () => {
    const phq9 = cohort.flatMap((p) => p.assessments.filter((a) => a.instrument === 'phq9'));
    const positive = phq9.filter((a) => (a.answers[8] ?? 0) > 0).length;
    expect(positive).toBeGreaterThan(0);
    expect(share(positive, phq9.length)).toBeLessThan(0.03);
  });

  it('assesses GAD-7 always, the primary instrument and a monthly urinary check', () => {
    expect(cohort.every((p) => p.assessments.some((a) => a.instrument === 'gad7'))).toBe(true);
    const ptsd = cohort.filter((p) => p.course.primaryInstrument === 'pcl5');
    expect(
      share(ptsd.filter((p) => p.assessments.some((a) => a.instrument === 'pcl5')).length, ptsd.length),
    ).toBeGreaterThan(0.9);
    expect(
      share(cohort.filter((p) => p.assessments.some((a) => a.instrument === 'urinary')).length, cohort.length),
    ).toBeGreaterThan(0.5);
  });
});

describe('knobs', () => {
  it('scales doses and assessments per patient', () => {
    const heavy = generateCohort({
      seed: 3,
      patients: 500,
      start: START,
      dosesPerPatient: 12,
      assessmentsPerPatient: 20,
    });
    const meanDoses = heavy.reduce((n, p) => n + p.doses.length, 0) / heavy.length;
    const meanAssessments =
      heavy.reduce((n, p) => n + p.assessments.filter((a) => a.instrument !== 'anxiety-vas').length, 0) / heavy.length;
    expect(meanDoses).toBeGreaterThan(10.5);
    expect(meanDoses).toBeLessThan(13.5);
    expect(meanAssessments).toBeGreaterThan(17);
    expect(meanAssessments).toBeLessThan(23);
  });

  it('refuses a negative number of patients, naming the option', () => {
    expect(() => generateCohort({ seed: 1, patients: -1, start: START })).toThrow(
      'patients: -1 is not a whole number ≥ 0',
    );
  });
});
