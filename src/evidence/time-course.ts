import type { TimeCoursePoint } from './types.js';

const HOUR = 1 / 24;

/** The published time course (the studies of src/evidence/studies.ts), single doses unless `regimen` says otherwise. */
export const TIME_COURSE: readonly TimeCoursePoint[] = [
  {
    key: 'infusion',
    when: 'during an infusion',
    fromDays: 0,
    toDays: 40 * (HOUR / 60),
    finding: 'obsessions eased while ketamine ran',
    studies: ['rodriguez2013'],
    regimen: 'single IV infusion over 40 min',
    caveat: null,
  },
  {
    key: 'hour1',
    when: 'within 1 hour',
    fromDays: 0,
    toDays: HOUR,
    finding: 'anxiety fell; ~50% drop 1 h after each maintenance dose',
    studies: ['glue2017', 'glue2018'],
    regimen: 'single doses; Glue et al. 2018: weekly maintenance doses',
    caveat: 'small, uncontrolled',
  },
  {
    key: 'under12h',
    when: 'under 12 hours',
    fromDays: 0,
    toDays: 12 * HOUR,
    finding: 'largest pooled effect, SMD −1.17',
    studies: ['hartland2023'],
    regimen: 'single doses',
    caveat: '11 of 14 trials at high risk of bias',
  },
  {
    key: 'hour24',
    when: '24 hours',
    fromDays: 1,
    toDays: 1,
    finding: 'SMD −0.44; PTSD lower than midazolam',
    studies: ['hartland2023', 'feder2014'],
    regimen: 'single doses',
    caveat: 'Feder et al. 2014: one small single-site trial',
  },
  {
    key: 'week1',
    when: 'up to 7 days',
    fromDays: 0,
    toDays: 7,
    finding: 'effect may last up to a week; OCD 50% responders at 1 week',
    studies: ['glue2017', 'tully2022', 'rodriguez2013'],
    regimen: 'single doses',
    caveat: null,
  },
  {
    key: 'week2',
    when: '7–14 days',
    fromDays: 7,
    toDays: 14,
    finding: 'SMD −0.40; SAD LSAS responders 33% within 2 weeks',
    studies: ['hartland2023', 'taylor2018'],
    regimen: 'single doses',
    caveat: null,
  },
  {
    key: 'course6',
    when: 'after a 6-infusion course',
    fromDays: 27.5,
    toDays: 27.5,
    finding: 'median response duration 27.5 days',
    studies: ['feder2021'],
    regimen: '6 IV infusions over 2 weeks',
    caveat: 'small',
  },
  {
    key: 'home4',
    when: '4 weekly at-home sessions',
    fromDays: 28,
    toDays: 28,
    finding: '62.9% had ≥50% GAD-7 improvement',
    studies: ['hull2022'],
    regimen: '4 sublingual sessions over 4 weeks',
    caveat: 'uncontrolled, company data',
  },
];

/**
 * Cost and frequency: clinic prices, not a study's figures (docs/evidence.md "Cost and frequency"). Consumer
 * price guides give $75–$300 for a sublingual or oral dose and $300–$1,500, rarely $2,500, for an IV infusion;
 * the booster frequency is not checked against a source.
 */
export const COST_AND_FREQUENCY = {
  sessionPriceUsd: { min: 100, max: 2000 },
  boostersPerMonth: { min: 2, max: 8 },
  source:
    'clinic prices, not a published study: consumer price guides give $75–$300 for a sublingual or oral dose and $300–$1,500, rarely $2,500, for an IV infusion (kair-program.com, healingmaps.com, checked December 2026); the booster frequency is not checked against a source',
} as const;
