import { toIso } from '../input/iso-time.js';
import type { PatientOutcomes, ReliableChange, ToleranceSignal } from '../types.js';

/** The `onset outcomes --json` shape: exactly these keys, times as ISO-8601 UTC, unknown as null. */
export interface PatientOutcomesJson {
  instrument: string;
  baseline: { at: string; total: number } | null;
  assessments: {
    at: string;
    total: number | null;
    change: number | null;
    percentChange: number | null;
    response: boolean | null;
    remission: boolean | null;
    reliable: ReliableChange | null;
  }[];
  onset: { hours: number; days: number; doses: number } | null;
  reliefEpisodes: { dose: number; days: number; censored: boolean }[];
  coverage: number | null;
  inResponseDays: number | null;
  dosesPer30Days: number | null;
  maxDosesIn30Days: number;
  costToDate: number | null;
  costPerReliefDay: number | null;
  tolerance: ToleranceSignal;
}

/** Converts per-patient outcomes to the CLI's JSON shape (key order fixed, ISO times). */
export function patientOutcomesJson(o: PatientOutcomes): PatientOutcomesJson {
  return {
    instrument: o.instrument,
    baseline: o.baseline === null ? null : { at: toIso(o.baseline.at), total: o.baseline.total },
    assessments: o.assessments.map((a) => ({
      at: toIso(a.at),
      total: a.total,
      change: a.change,
      percentChange: a.percentChange,
      response: a.response,
      remission: a.remission,
      reliable: a.reliable,
    })),
    onset: o.onset === null ? null : { hours: o.onset.hours, days: o.onset.days, doses: o.onset.doses },
    reliefEpisodes: o.reliefEpisodes.map((e) => ({ dose: e.dose, days: e.days, censored: e.censored })),
    coverage: o.coverage,
    inResponseDays: o.inResponseDays,
    dosesPer30Days: o.dosesPer30Days,
    maxDosesIn30Days: o.maxDosesIn30Days,
    costToDate: o.costToDate,
    costPerReliefDay: o.costPerReliefDay,
    tolerance: {
      durationSlope: o.tolerance.durationSlope,
      durationLower: o.tolerance.durationLower,
      durationUpper: o.tolerance.durationUpper,
      depthSlope: o.tolerance.depthSlope,
      depthLower: o.tolerance.depthLower,
      depthUpper: o.tolerance.depthUpper,
      flag: o.tolerance.flag,
    },
  };
}
