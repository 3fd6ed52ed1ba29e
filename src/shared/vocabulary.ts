/**
 * The controlled vocabularies of Onset's records. Stored as these kebab-case
 * codes; the UI maps them to words (the words every interface shares are here too).
 */
export const CONDITIONS = ['refractory-anxiety', 'gad', 'sad', 'panic', 'ocd', 'ptsd', 'depression'] as const;
export const HISTORY = ['hypertension', 'psychosis', 'substance-use', 'bladder'] as const;
export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const DRUGS = ['racemic-ketamine', 'esketamine'] as const;
export const ROUTES = ['iv', 'im', 'intranasal', 'sublingual', 'oral'] as const;
export const SETTINGS = ['clinic', 'home-supervised', 'home-alone'] as const;
export const PHASES = ['induction', 'maintenance', 'ended'] as const;
export const MODALITIES = ['none', 'cbt', 'ifs', 'act', 'psychodynamic', 'other'] as const;
export const ASSESSMENT_SOURCES = ['patient-link', 'clinician', 'import'] as const;
export const ADVERSE_CATEGORIES = [
  'worsening-anxiety',
  'suicidality',
  'urinary',
  'dissociation-distress',
  'bp-rise',
  'nausea',
  'craving',
  'social-withdrawal',
  'other',
] as const;
export const ADVERSE_ACTIONS = [
  'none',
  'urology-referral',
  'emergency-visit',
  'admission',
  'dose-reduced',
  'course-stopped',
] as const;
export const ADVERSE_OUTCOMES = ['ongoing', 'resolved', 'resolved-with-sequelae', 'fatal', 'unknown'] as const;
export const THERAPY_KINDS = ['preparation', 'integration'] as const;
export const DRUG_CLASSES = [
  'benzodiazepine',
  'sedative',
  'ssri',
  'snri',
  'maoi',
  'stimulant',
  'antipsychotic',
  'other',
] as const;
export const ROLES = ['admin', 'clinician', 'researcher'] as const;
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export const ALERT_SEVERITIES = ['urgent', 'warning', 'info'] as const;
/** What was done about an urgent alert before it was closed (src/alerts/resolution.ts). */
export const ALERT_FOLLOW_UPS = ['cssrs-screen', 'patient-contacted', 'emergency-referral', 'clinical-review'] as const;

export type Condition = (typeof CONDITIONS)[number];
export type HistoryItem = (typeof HISTORY)[number];
export type Sex = (typeof SEXES)[number];
export type Drug = (typeof DRUGS)[number];
export type Route = (typeof ROUTES)[number];
export type Setting = (typeof SETTINGS)[number];
export type Phase = (typeof PHASES)[number];
export type Modality = (typeof MODALITIES)[number];
export type AssessmentSource = (typeof ASSESSMENT_SOURCES)[number];
export type AdverseCategory = (typeof ADVERSE_CATEGORIES)[number];
export type AdverseAction = (typeof ADVERSE_ACTIONS)[number];
export type AdverseOutcome = (typeof ADVERSE_OUTCOMES)[number];
export type TherapyKind = (typeof THERAPY_KINDS)[number];
export type DrugClass = (typeof DRUG_CLASSES)[number];
export type Role = (typeof ROLES)[number];
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export type AlertFollowUp = (typeof ALERT_FOLLOW_UPS)[number];

/** The words for a route, in every interface (web, API texts, FHIR). */
export const ROUTE_WORDS: Record<Route, string> = {
  iv: 'IV',
  im: 'IM',
  intranasal: 'intranasal',
  sublingual: 'sublingual',
  oral: 'oral',
};
/** The words for a condition, in every interface. */
export const CONDITION_WORDS: Record<Condition, string> = {
  'refractory-anxiety': 'refractory anxiety',
  gad: 'GAD',
  sad: 'social anxiety',
  panic: 'panic',
  ocd: 'OCD',
  ptsd: 'PTSD',
  depression: 'comorbid depression',
};
/** The words for an adverse-event category, in every interface (web, PDF reports). */
export const ADVERSE_WORDS: Record<AdverseCategory, string> = {
  'worsening-anxiety': 'worsening anxiety',
  suicidality: 'suicidality',
  urinary: 'urinary / bladder',
  'dissociation-distress': 'distressing dissociation',
  'bp-rise': 'blood-pressure rise',
  nausea: 'nausea',
  craving: 'craving / dependence',
  'social-withdrawal': 'social withdrawal',
  other: 'other',
};
/** The words for a code of either, or the code itself when it is not one (e.g. "other"). */
export function vocabularyWords(words: Readonly<Record<string, string>>, code: string): string {
  return words[code] ?? code;
}
