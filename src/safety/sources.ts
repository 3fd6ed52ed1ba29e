/**
 * The citations behind the safety rules, written once. Where the product chose a number itself the
 * source says so (every clinical threshold carries its source).
 */
export const SPRAVATO_REMS =
  'Spravato (esketamine nasal spray) prescribing information and REMS: observe for at least 2 hours after each dose; measure blood pressure before dosing and about 40 minutes after, then until stable; caution when baseline blood pressure is above 140/90 mmHg (docs/design.md, "Ketamine monitoring").';

export const GLUE_2018 =
  'Glue P et al. 2018, J Psychopharmacol 32(6):663–667 (doi 10.1177/0269881118762073): blood pressure rises about 10 mmHg 30 minutes after repeated ketamine doses.';

export const BP_URGENT_DEFAULT =
  "Urgent level 180/110 mmHg: an Onset default (grade 3 hypertension in the 2018 ESC/ESH guideline; Del Sant 2020, J Psychopharmacol, counted readings above 180/110 after esketamine as treatment-emergent hypertension). Neither is in Onset's evidence file, and the esketamine label gives no number: check before relying on it.";

export const NHS_TALKING_THERAPIES =
  'Reliable change per instrument (GAD-7 4 points, PHQ-9 6 points: NHS Talking Therapies manual; PCL-5 15 points: Marx 2022), from the instrument library; baseline as docs/outcomes.md ("the last assessment at or before t1 and no earlier than t1 − 14 days").';

export const KROENKE_2001 =
  'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9. J Gen Intern Med 2001;16:606–13: item 9 (thoughts of death or self-harm) above 0 needs a suicidality follow-up.';

export const POSNER_2011 =
  'Posner K et al. The Columbia-Suicide Severity Rating Scale. Am J Psychiatry 2011;168:1266–77; screener triage (moderate: yes to 3 or lifetime behaviour; high: yes to 4 or 5, or behaviour within 3 months) as summarised in docs/design.md, "Instruments".';

export const MUETZELFELDT_2008 =
  'Muetzelfeldt L et al. 2008, Drug Alcohol Depend 95(3):219–229 (doi 10.1016/j.drugalcdep.2008.01.024): frequent ketamine users reported bladder problems. The urinary check (any item moderate or worse, ≥ 2) is an Onset checklist and threshold, not a validated instrument or a published cut-off.';

export const DOSE_FREQUENCY_DEFAULT =
  'Onset default: more than 8 doses in 30 days (maintenance "boosters" are commonly 2–8 sessions a month); the window is docs/outcomes.md "most doses in 30 days", [tk, tk + 30 days). Frequent, escalating use is linked to bladder damage and dependence (Muetzelfeldt 2008).';

export const CUMULATIVE_DOSE_DEFAULT =
  'Off unless the clinic sets a limit (the product sets no number). Window [tk, tk + 30 days) as docs/outcomes.md. Bladder damage was reported with frequent, escalating use (Muetzelfeldt 2008).';

export const CRAVING_DEFAULT =
  'Onset craving rating (0–10; not a validated instrument): a rating at or above 7, or 3 consecutive strictly increasing ratings, prompts a conversation about dependence — Onset thresholds, not published. The esketamine label advises monitoring for abuse and dependence.';

export const SEDATIVES =
  'Spravato REMS per-session monitoring record: concomitant benzodiazepines and other sedative-hypnotics are recorded before each dose, because they add to ketamine\'s sedation (docs/design.md, "Ketamine monitoring").';

export const MISSED_FOLLOW_UP_DEFAULT =
  'Onset default: 8 days (trial schedules assess at day 7, docs/design.md, plus a day of grace). Worsening after a dose is rare but real (an at-home trial participant was hospitalised after the fourth session); a patient not measured after a dose cannot be seen to worsen. With a measurement schedule, a dose is judged by its scheduled follow-ups instead, each missed once it expires unanswered (default 4 days after it falls due, a clinic setting: docs/design.md, "Measurement schedule defaults").';

export const TOLERANCE_DEFINITION =
  'docs/outcomes.md "Tolerance signal": least-squares slope of relief-episode length and depth across doses with 95% confidence intervals; flagged when either interval lies wholly below 0; needs at least 4 episodes.';
