import type { Profile } from './profile.js';
import { clamp, type Random } from './random.js';
import type { Drug, Route, Setting, SyntheticDose } from './types.js';

/** How one patient is treated: route, setting habits, session price and vital-sign baseline. */
export interface TreatmentPlan {
  route: Route;
  drug: Drug;
  sessionPriceUsd: number;
  defaultPriceUsd: number | null;
  systolic: number;
  diastolic: number;
}

// Sessions cost $100–$2,000 (src/evidence/time-course.ts, cost and frequency): IV highest, sublingual/oral lowest.
const PRICE_RANGE: Record<Route, readonly [number, number]> = {
  iv: [400, 2000],
  im: [300, 900],
  intranasal: [500, 1000],
  sublingual: [100, 300],
  oral: [100, 250],
};

/** Draws the patient's route, price and blood-pressure baseline. */
export function drawTreatment(random: Random, profile: Profile): TreatmentPlan {
  const route = random.weighted<Route>([
    ['iv', 30],
    ['im', 8],
    ['intranasal', 17],
    ['sublingual', 35],
    ['oral', 10],
  ]);
  const [low, high] = PRICE_RANGE[route];
  const sessionPriceUsd = Math.round(random.uniform(low, high) / 10) * 10;
  const hypertensive = profile.history.includes('hypertension');
  return {
    route,
    drug: route === 'intranasal' ? 'esketamine' : 'racemic-ketamine',
    sessionPriceUsd,
    // A few courses have no default price; their doses are then always priced.
    defaultPriceUsd: random.chance(0.95) ? sessionPriceUsd : null,
    // A few readings over 140/90 (the esketamine programme's caution threshold, docs/design.md), mostly in
    // patients with hypertension.
    systolic: random.normal(hypertensive ? 130 : 118, 8),
    diastolic: random.normal(hypertensive ? 84 : 75, 5),
  };
}

/** One dose record at time `at` (the k-th dose, 0-based). */
export function makeDose(
  random: Random,
  profile: Profile,
  plan: TreatmentPlan,
  at: number,
  k: number,
): Omit<SyntheticDose, 'trueReliefDays'> {
  const setting = settingFor(random, plan.route);
  const systolicBefore = Math.round(random.normal(plan.systolic, 6));
  const diastolicBefore = Math.round(random.normal(plan.diastolic, 4));
  return {
    at,
    drug: plan.drug,
    route: plan.route,
    mg: doseMg(random, plan.route, profile.weightKg),
    setting,
    observationMinutes: observationMinutes(random, plan.route, setting),
    systolicBefore,
    diastolicBefore,
    // Blood pressure rises ~10 mmHg about 30 minutes after a dose (glue2018).
    systolicAfter: Math.round(systolicBefore + random.normal(10, 6)),
    diastolicAfter: Math.round(diastolicBefore + random.normal(5, 4)),
    heartRateBefore: Math.round(clamp(random.normal(74, 9), 48, 120)),
    spo2Before: random.weighted([
      [95, 3],
      [96, 7],
      [97, 25],
      [98, 35],
      [99, 25],
      [100, 5],
    ]),
    dissociation: dissociation(random, plan.route, k),
    priceUsd: dosePrice(random, plan),
  };
}

function settingFor(random: Random, route: Route): Setting {
  switch (route) {
    case 'iv':
    case 'im':
    case 'intranasal':
      return 'clinic';
    case 'sublingual':
      return random.weighted<Setting>([
        ['home-alone', 60],
        ['home-supervised', 30],
        ['clinic', 10],
      ]);
    case 'oral':
      return random.weighted<Setting>([
        ['home-alone', 70],
        ['home-supervised', 30],
      ]);
  }
}

function doseMg(random: Random, route: Route, weightKg: number): number {
  switch (route) {
    case 'iv':
    case 'im':
      // 0.5–1 mg/kg (taylor2018, glue2017).
      return Math.round(weightKg * random.uniform(0.5, 1));
    case 'intranasal':
      return random.pick([56, 84]);
    case 'sublingual':
      return random.pick([100, 150, 200, 300]);
    case 'oral':
      return random.pick([50, 100, 150]);
  }
}

// Esketamine needs at least 2 hours of observation (docs/design.md, "Ketamine monitoring"); a few are cut short.
function observationMinutes(random: Random, route: Route, setting: Setting): number {
  if (setting === 'home-alone') return 0;
  if (setting === 'home-supervised') return random.int(60, 120);
  const short = random.chance(0.04);
  if (route === 'intranasal') return short ? random.int(60, 110) : random.int(120, 150);
  return short ? random.int(20, 40) : random.int(60, 120);
}

// Dissociation lessens with repetition (glue2018: CADSS 20 → 8.8 over 14 weeks).
function dissociation(random: Random, route: Route, k: number): number {
  const mean = route === 'iv' || route === 'im' ? 5 : route === 'intranasal' ? 4 : route === 'sublingual' ? 2.5 : 1.5;
  return Math.round(clamp(random.normal(mean * 0.95 ** k, 1.5), 0, 10));
}

function dosePrice(random: Random, plan: TreatmentPlan): number | null {
  if (plan.defaultPriceUsd !== null && random.chance(0.25)) return null;
  return random.chance(0.1) ? Math.round(plan.sessionPriceUsd * 0.8) : plan.sessionPriceUsd;
}
