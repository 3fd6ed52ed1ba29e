/** Synthetic demo data: domain objects (not database rows). Every patient is marked synthetic. */
import type { AdverseAction, AdverseOutcome } from '../shared/vocabulary.js';

export const CONDITIONS = ['refractory-anxiety', 'gad', 'sad', 'panic', 'ocd', 'ptsd', 'depression'] as const;
export type Condition = (typeof CONDITIONS)[number];
export type HistoryItem = 'hypertension' | 'psychosis' | 'substance-use' | 'bladder';
export type Sex = 'female' | 'male' | 'other';
export type PrimaryInstrument = 'gad7' | 'pcl5' | 'ybocs';
export type Modality = 'cbt' | 'ifs' | 'act' | 'none';
export type Drug = 'racemic-ketamine' | 'esketamine';
export type Route = 'iv' | 'im' | 'intranasal' | 'sublingual' | 'oral';
export type Setting = 'clinic' | 'home-supervised' | 'home-alone';
export type AdverseEventCategory =
  | 'worsening-anxiety'
  | 'suicidality'
  | 'urinary'
  | 'dissociation-distress'
  | 'bp-rise'
  | 'nausea'
  | 'craving'
  | 'social-withdrawal'
  | 'other';
export type Grade = 1 | 2 | 3 | 4 | 5;
export type MedicationClass = 'benzodiazepine' | 'ssri' | 'snri' | 'sedative' | 'stimulant' | 'other';

export interface SyntheticCourse {
  startedAt: number;
  primaryInstrument: PrimaryInstrument;
  modality: Modality;
  defaultPriceUsd: number | null;
}

export interface SyntheticDose {
  at: number;
  drug: Drug;
  route: Route;
  mg: number;
  setting: Setting;
  observationMinutes: number;
  systolicBefore: number;
  diastolicBefore: number;
  systolicAfter: number;
  diastolicAfter: number;
  heartRateBefore: number;
  spo2Before: number;
  /** 0–10 rating. */
  dissociation: number;
  /** Null: the course's default price applies. */
  priceUsd: number | null;
  /**
   * Generator-only truth, never stored: the days after this dose until its effect falls below the
   * response threshold, uncensored by the next dose; null when the dose gives no response. The 24-hour
   * check-ins (`anxiety-vas`) respond exactly while it holds.
   */
  trueReliefDays: number | null;
}

export interface SyntheticAssessment {
  at: number;
  instrument: string;
  /** Item answers in item order, each within its item's range. */
  answers: number[];
}

export interface SyntheticAdverseEvent {
  at: number;
  category: AdverseEventCategory;
  grade: Grade;
  action: AdverseAction | null;
  outcome: AdverseOutcome;
}

export interface SyntheticTherapySession {
  at: number;
  kind: 'preparation' | 'integration';
  modality: Modality;
  minutes: number;
}

export interface SyntheticMedication {
  name: string;
  class: MedicationClass;
  startedAt: number;
  stoppedAt: number | null;
}

export interface SyntheticPatient {
  /** 'SYN-00001', … */
  label: string;
  synthetic: true;
  birthYear: number;
  sex: Sex;
  weightKg: number;
  conditions: Condition[];
  history: HistoryItem[];
  /** example.org addresses only (RFC 2606), or null. */
  email: string | null;
  course: SyntheticCourse;
  doses: SyntheticDose[];
  assessments: SyntheticAssessment[];
  adverseEvents: SyntheticAdverseEvent[];
  therapySessions: SyntheticTherapySession[];
  medications: SyntheticMedication[];
}

export interface CohortOptions {
  seed: number;
  patients: number;
  /** Epoch ms: enrolment (first doses) spreads over the year after this. */
  start: number;
  /**
   * Average assessments per patient (default 30), not counting the 24-hour check-ins, which come on top (~26 more at
   * the defaults).
   */
  assessmentsPerPatient?: number;
  /** Average doses per patient (default 7.5). */
  dosesPerPatient?: number;
  /** A known truth for benchmarks: each responding dose's relief length is drawn from it. Unset: the default model. */
  reliefTruth?: ReliefTruth;
}

/**
 * The distribution of true relief lengths T (days) of responding doses:
 * log T = log(median-adjusted) + b_patient + tolerancePerDose·(dose − 1) + spread·ε (src/synthetic/effect.ts).
 */
export interface ReliefTruth {
  distribution: 'lognormal' | 'weibull';
  /** Median of T at dose 1 for a patient with b = 0. */
  medianDays: number;
  /** σ of log T (lognormal), or the Weibull scale σ on the log scale (1 / shape). */
  spread: number;
  /** SD of the per-patient normal effect b on log T. */
  frailtySd: number;
  /** Change of log T per dose, e.g. −0.1 (tolerance). */
  tolerancePerDose: number;
}
