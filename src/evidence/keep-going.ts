/**
 * Published "late responder" figures shown beside the clinic's own "keep going?" estimate
 * (docs/outcomes.md "Keep going?"). Each figure was read in the source's abstract (PubMed, the
 * publisher's page) with the search tool; full texts were not read. None of these populations had an
 * anxiety disorder as the condition treated: they had depression.
 */

export interface LateResponseFigure {
  key: string;
  /** The figure as the source states it. */
  figure: string;
  /** What the figure counts: the response definition and the time point. */
  definition: string;
  /** Participants the figure rests on, as the abstract gives it; null where the abstract gives none. */
  n: number | null;
  nNote: string;
  population: string;
  drugRoute: string;
  /** True when the population had depression, not anxiety: the UI says so beside the figure. */
  depressionNotAnxiety: boolean;
  citation: string;
  doi: string;
  pmid: string;
  /** What was checked, and where. */
  checked: string;
}

export const LATE_RESPONSE_FIGURES: readonly LateResponseFigure[] = [
  {
    key: 'turkoz2021',
    figure:
      'Of patients who had not responded at day 2, 54.9% on esketamine plus an oral antidepressant had ' +
      'responded at day 28 (44.3% on an oral antidepressant plus placebo).',
    definition:
      'Response = a decrease of at least 50% in MADRS total from baseline; day-2 non-responders were ' +
      'those without response at day 2; response judged at day 28 (after a 4-week induction).',
    n: 518,
    nNote:
      'patients with day-28 observations (310 esketamine + antidepressant, 208 antidepressant + placebo); ' +
      'the abstract does not give how many of them were day-2 non-responders',
    population:
      'adults with major depressive disorder and treatment-resistant depression (TRANSFORM-1 and -2, pooled post hoc)',
    drugRoute: 'esketamine nasal spray, twice weekly, plus a newly started oral antidepressant',
    depressionNotAnxiety: true,
    citation:
      'Turkoz I, Daly E, Singh J, Lin X, Tymofyeyev Y, Williamson D, Salvadore G, Nash AI, Macaluso M, ' +
      'Wilkinson ST, Nelson JC. Treatment response with esketamine nasal spray plus an oral antidepressant ' +
      'in patients with treatment-resistant depression without evidence of early response: a pooled post ' +
      'hoc analysis of the TRANSFORM studies. J Clin Psychiatry 2021;82(4):20m13800',
    doi: '10.4088/JCP.20m13800',
    pmid: '34288609',
    checked:
      'abstract on the publisher page (psychiatrist.com) and PubMed: 54.9% vs 44.3%, n = 518 (310/208), ' +
      'MADRS ≥ 50% decrease; PMID read from the PubMed page address. Twice-weekly dosing and the new oral ' +
      'antidepressant from the TRANSFORM-1 (NCT02417064) results record.',
  },
  {
    key: 'ekstrand2022',
    figure:
      'Ketamine, like ECT, needed a median of 6 treatment sessions to induce remission; 46% of patients ' +
      'on ketamine remitted within at most 12 sessions (63% on ECT).',
    definition:
      'Remission = MADRS total ≤ 10; sessions given three times a week until remission or maximal ' +
      "effect, at most 12. Remission, not response (a stricter bar than Onset's response).",
    n: 186,
    nNote: 'inpatients randomised and treated, both arms together (ketamine and ECT)',
    population: 'hospitalised adults (18–85) with unipolar depression (KetECT trial)',
    drugRoute: 'racemic ketamine 0.5 mg/kg IV infusion, three times a week (compared with ECT)',
    depressionNotAnxiety: true,
    citation:
      'Ekstrand J, Fattah C, Persson M, Cheng T, Nordanskog P, Åkeson J, Tingström A, Lindström M, ' +
      'Nordenskjöld A, Movahed Rad P. Racemic ketamine as an alternative to electroconvulsive therapy for ' +
      'unipolar depression: a randomized, open-label, non-inferiority trial (KetECT). ' +
      'Int J Neuropsychopharmacol 2022;25(5):339–349',
    doi: '10.1093/ijnp/pyab088',
    pmid: '35020871',
    checked: 'abstract on PubMed (PMID 35020871, PMCID PMC9154276) and Lund University Publications',
  },
  {
    key: 'lipsitz2021',
    figure:
      'Of patients who had not improved after infusion 1 or 2, 58% had improved by at least 20% after ' + 'infusion 4.',
    definition:
      'Improvement = a reduction of at least 20% in QIDS-SR16 total from baseline (the abstract calls it ' +
      'response or partial response); a much lower bar than a 50% response, so not comparable with Onset.',
    n: 134,
    nNote: 'adults treated; the abstract does not give how many of them had not improved early',
    population:
      'adults with treatment-resistant depression at a Canadian community ketamine clinic (open-label, post hoc)',
    drugRoute: 'racemic ketamine IV infusions, four over one to two weeks',
    depressionNotAnxiety: true,
    citation:
      'Lipsitz O, McIntyre RS, Rodrigues NB, Kaster TS, Cha DS, Brietzke E, Gill H, Nasri F, Lin K, ' +
      'Subramaniapillai M, Kratiuk K, Teopiz K, Lui LMW, Lee Y, Ho R, Shekotikhina M, Mansur RB, ' +
      'Rosenblat JD. Early symptomatic improvements as a predictor of response to repeated-dose ' +
      'intravenous ketamine: results from the Canadian Rapid Treatment Center of Excellence. ' +
      'Prog Neuropsychopharmacol Biol Psychiatry 2021;105:110126',
    doi: '10.1016/j.pnpbp.2020.110126',
    pmid: '33031861',
    checked: 'abstract on PubMed (PMID 33031861); author list from a library catalogue record of the article',
  },
];

/** Shown with the figures: they come from other populations and other drugs or routes. */
export const LATE_RESPONSE_CAVEAT =
  'These published figures come from studies in depression, not anxiety, and from esketamine nasal spray ' +
  "or IV ketamine; they are shown for context beside this clinic's own estimate, not as a prediction " +
  'for an anxiety patient.';
