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
  /** Average assessments per patient (default 30). */
  assessmentsPerPatient?: number;
  /** Average doses per patient (default 7.5). */
  dosesPerPatient?: number;
}
