/**
 * The plain-words definition of every outcome number, shown by the UI next to the number. The words
 * follow docs/outcomes.md (the product's contract with clinicians); the code implements exactly these.
 */
export type OutcomeMetricKey =
  | 'baseline'
  | 'change'
  | 'percentChange'
  | 'response'
  | 'remission'
  | 'reliableChange'
  | 'onset'
  | 'reliefEpisode'
  | 'coverage'
  | 'inResponseDays'
  | 'dosesPer30Days'
  | 'maxDosesIn30Days'
  | 'costToDate'
  | 'costPerReliefDay'
  | 'toleranceDuration'
  | 'toleranceDepth'
  | 'toleranceFlag'
  | 'disagreement'
  | 'ittResponse'
  | 'ittRemission'
  | 'perProtocolResponse'
  | 'perProtocolRemission'
  | 'onsetCurve'
  | 'reliefCurve'
  | 'logRank'
  | 'adverseEventsPer100Doses'
  | 'boosterRate'
  | 'costPerResponder'
  | 'dropout'
  | 'cohortCostPerReliefDay'
  | 'remsFormsOnTime';

export interface OutcomeDefinitionText {
  label: string;
  definition: string;
  source: 'docs/outcomes.md';
}

function d(label: string, definition: string): OutcomeDefinitionText {
  return { label, definition, source: 'docs/outcomes.md' };
}

export const OUTCOME_DEFINITIONS: Record<OutcomeMetricKey, OutcomeDefinitionText> = {
  baseline: d(
    'Baseline',
    'The last complete questionnaire at or before the first dose and no earlier than 14 days before it (window configurable). Without a baseline there are no response, remission, change or onset figures.',
  ),
  change: d(
    'Change',
    'Score minus baseline, for each complete questionnaire after the first dose. Negative means better.',
  ),
  percentChange: d('Percent change', 'Change divided by baseline, times 100. Not shown when the baseline is 0.'),
  response: d(
    'Response',
    "Baseline above 0 and score at or below baseline × (1 − the instrument's response fraction), e.g. a drop of at least 50% on GAD-7.",
  ),
  remission: d('Remission', "Score at or below the instrument's remission maximum (GAD-7 and PHQ-9: 4)."),
  reliableChange: d(
    'Reliable change',
    '"Improved" if the score fell by at least the reliable-change threshold (GAD-7: 4 points, PHQ-9: 6), "deteriorated" if it rose by at least that much, else "none".',
  ),
  onset: d(
    'Onset',
    'The first complete questionnaire after the first dose that is a response: hours and days after the first dose, and how many doses had been given by then. None if no questionnaire responds.',
  ),
  reliefEpisode: d(
    'Relief episode',
    "For each dose: if a questionnaire after it (up to and including the moment of the next dose) is a response, relief starts at the dose and ends at the first later questionnaire that is not a response (relief lost). If relief is never lost before the next dose, the episode is censored at the window's last questionnaire.",
  ),
  coverage: d(
    'Relief coverage',
    'Share of follow-up time spent in response: each questionnaire after the first dose (except the last) speaks for the time until the next one, at most 7 days; time beyond 7 days is unknown and counts in neither part.',
  ),
  inResponseDays: d(
    'Days in response',
    'The days counted as in response by relief coverage (capped intervals opened by a responding questionnaire).',
  ),
  dosesPer30Days: d(
    'Doses per 30 days',
    '(Number of doses − 1) × 30 ÷ days from the first to the last dose; needs at least 2 doses.',
  ),
  maxDosesIn30Days: d(
    'Most doses in 30 days',
    'The largest number of doses in any 30-day window that starts at a dose.',
  ),
  costToDate: d(
    'Cost to date',
    "Sum of the dose prices; a dose without a price takes the course's default price; if neither exists the cost is unknown.",
  ),
  costPerReliefDay: d(
    'Cost per relief-day',
    'Cost to date divided by days in response. Unknown when either is unknown or there are no days in response.',
  ),
  toleranceDuration: d(
    'Relief length trend',
    "Least-squares slope of relief-episode length (days) across the patient's episodes in dose order, with its 95% confidence interval (t distribution, n − 2 degrees of freedom). Needs at least 4 episodes.",
  ),
  toleranceDepth: d(
    'Relief depth trend',
    "Least-squares slope, across the patient's relief episodes, of the largest percent reduction from baseline after each dose (positive = better), with its 95% confidence interval. Needs at least 4 episodes.",
  ),
  toleranceFlag: d(
    'Tolerance signal',
    'Raised when the 95% confidence interval of the relief-length slope or of the relief-depth slope lies wholly below 0 (relief shrinking from dose to dose).',
  ),
  disagreement: d(
    'Instrument disagreement',
    'Between the first dose and the last time both instruments were measured, the patient responded on one instrument and not on the other (each with its own baseline and thresholds).',
  ),
  ittResponse: d(
    'Response after dose k (intention to treat)',
    'Patients with a responding questionnaire between dose k and dose k + 1, divided by every patient who started (a dose in the period). Patients who stopped before dose k, or have no baseline, count as non-responders.',
  ),
  ittRemission: d(
    'Remission after dose k (intention to treat)',
    'Patients with a remitting questionnaire between dose k and dose k + 1, divided by every patient who started.',
  ),
  perProtocolResponse: d(
    'Response after dose k (per protocol)',
    'Patients with a responding questionnaire between dose k and dose k + 1, divided by the patients who received dose k and completed at least one questionnaire in that window.',
  ),
  perProtocolRemission: d(
    'Remission after dose k (per protocol)',
    'Patients with a remitting questionnaire between dose k and dose k + 1, divided by the patients who received dose k and completed at least one questionnaire in that window.',
  ),
  onsetCurve: d(
    'Time to onset (Kaplan–Meier)',
    'Days from the first dose to the first response; patients who never respond are censored at their last questionnaire; patients without a baseline are left out and counted. 95% band on the log scale, Greenwood variance.',
  ),
  reliefCurve: d(
    'Relief duration (Kaplan–Meier)',
    "Length of each patient's first relief episode (one per patient, so patients are independent); episodes still going at the next dose or the last questionnaire are censored. 95% band on the log scale, Greenwood variance.",
  ),
  logRank: d(
    'Log-rank test',
    'Tests whether the curves differ between conditions. A patient with several conditions is in each of their groups, so the groups overlap and the p-value is approximate.',
  ),
  adverseEventsPer100Doses: d(
    'Adverse events per 100 doses',
    'Adverse events of each category divided by all doses given to the cohort, times 100.',
  ),
  boosterRate: d(
    'Booster rate',
    'Doses per 30 days after the first 30 days of each course: doses given from day 30 after the first dose up to the end of follow-up (the later of the last dose and the last complete questionnaire), × 30 ÷ the days in that period. Only patients followed for more than 30 days.',
  ),
  costPerResponder: d(
    'Cost per responder',
    "Total cost of every patient who started divided by the number who ever responded. Unknown when nobody responded or any patient's cost is unknown.",
  ),
  dropout: d(
    'Dropout',
    'Patients who started (a dose in the period) and received fewer doses than the induction series (6 unless the report says otherwise), with their last dose more than 30 days before the report was made, divided by every patient who started. Patients short of the series whose last dose is more recent are still in induction and are not dropouts.',
  ),
  cohortCostPerReliefDay: d(
    'Cost per relief-day (cohort)',
    "Total cost of every patient who started divided by their days in response, summed (relief coverage, each questionnaire speaking for at most 7 days). A patient without a baseline adds cost and no days. Unknown when any patient's cost is unknown or nobody had a day in response.",
  ),
  remsFormsOnTime: d(
    'REMS forms on time',
    'Of the esketamine doses given in the period whose REMS Patient Monitoring Form was submitted or is past its due date (the session date + 7 calendar days, clinic time), the share submitted on or before the due date. A dose with no form recorded counts as not on time once its due date has passed; forms still within their 7 days are not judged yet.',
  ),
};
