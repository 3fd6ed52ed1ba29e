import type { KmResult } from '../outcomes/cohort/stats.js';
import type {
  AdverseEventFigure,
  BoosterRateFigure,
  CohortReport,
  CostPerResponderFigure,
  CurveGroup,
  DoseRow,
  RateByDose,
  SurvivalFigure,
} from '../outcomes/cohort/types.js';

/** What a withheld figure shows instead of its number, e.g. "suppressed (n < 11)". */
export type Suppressed = `suppressed (n < ${number})`;

/**
 * A cohort figure as published: any number may be replaced by its Suppressed label, and any object
 * may say why it was withheld (`suppressed`). Arrays keep their elements' shape.
 */
export type Published<T> = T extends number
  ? number | Suppressed
  : T extends readonly (infer U)[]
    ? Published<U>[]
    : T extends object
      ? { [K in keyof T]: Published<T[K]> } & { suppressed?: Suppressed }
      : T;

/** The cohort report as a researcher reads it; `suppression` says which rule was applied. */
export type PublishedCohortReport = Published<CohortReport> & {
  suppression: { minCellSize: number; label: Suppressed } | null;
};

/** The label a suppressed cell shows: "suppressed (n < 11)" for a minimum cell size of 11. */
export function suppressedLabel(minCellSize: number): Suppressed {
  return `suppressed (n < ${minCellSize})`;
}

/**
 * Small-cell suppression of a cohort report, so that no figure describes fewer than `minCellSize`
 * patients (or events). The rules, applied to every count of patients or events:
 * 1. a cell of 1 to minCellSize − 1 is suppressed (0 is published: it describes nobody);
 * 2. a cell is also suppressed when what it leaves of a published total is such a small cell, and when
 *    it is the only suppressed part of a published total, the next smallest part goes with it, so
 *    that no suppressed cell can be recovered by subtraction;
 * 3. every figure derived from a suppressed cell (proportion, interval, rate, cost, test) is
 *    suppressed, and a figure whose own n is below the minimum is suppressed whole;
 * 4. a Kaplan–Meier curve stops at its last step with at least minCellSize patients at risk; its
 *    event total and any median beyond that step are suppressed.
 * A cohort below the minimum publishes nothing but its label.
 */
export function suppressSmallCells(report: CohortReport, minCellSize: number): PublishedCohortReport {
  const rule = new Rule(minCellSize);
  const suppression = { minCellSize, label: rule.label };
  if (rule.small(report.n)) return { ...wholeReportSuppressed(report, rule), suppression };
  const onset = rule.survival(report.onset, report.n);
  const relief = rule.survival(report.relief, report.n);
  const onsetEventsHidden = onset.overall !== null && typeof onset.overall.events !== 'number';
  return {
    instrument: report.instrument,
    filter: report.filter,
    n: report.n,
    withoutBaseline: rule.part(report.withoutBaseline, report.n),
    responseByDose: {
      ...report.responseByDose,
      rows: report.responseByDose.rows.map((row) => rule.doseRow(row, report.n)),
    },
    onset,
    relief,
    adverseEvents: rule.adverseEvents(report.adverseEvents),
    boosterRate: rule.booster(report.boosterRate, report.n),
    costPerResponder: rule.cost(report.costPerResponder, onsetEventsHidden),
    suppression,
  };
}

function wholeReportSuppressed(report: CohortReport, rule: Rule): Published<CohortReport> {
  const label = rule.label;
  return {
    instrument: report.instrument,
    filter: report.filter,
    n: label,
    withoutBaseline: label,
    suppressed: label,
    responseByDose: { n: label, definition: report.responseByDose.definition, rows: [], suppressed: label },
    onset: rule.survivalSuppressed(report.onset),
    relief: rule.survivalSuppressed(report.relief),
    adverseEvents: rule.adverseEventsSuppressed(report.adverseEvents),
    boosterRate: rule.boosterSuppressed(report.boosterRate),
    costPerResponder: {
      n: label,
      definition: report.costPerResponder.definition,
      valueUsd: label,
      totalCostUsd: label,
      responders: label,
      patientsWithUnknownCost: label,
      suppressed: label,
    },
  };
}

class Rule {
  readonly label: Suppressed;

  constructor(readonly min: number) {
    this.label = suppressedLabel(min);
  }

  /** A count that describes somebody, but fewer than the minimum. */
  small(count: number): boolean {
    return count > 0 && count < this.min;
  }

  /** A part of a published total: hidden when it, or what it leaves of the total, is small. */
  part(count: number, total: number): number | Suppressed {
    return this.small(count) || this.small(total - count) ? this.label : count;
  }

  doseRow(row: DoseRow, n: number): Published<DoseRow> {
    const perProtocolN = row.perProtocol.response.denominator;
    // Per-protocol patients are a part of the cohort; their denominator is withheld like any part.
    const perProtocolHidden = this.small(perProtocolN) || this.small(n - perProtocolN);
    // The numerator is the same count in both analyses, so a check on either hides it in both.
    const hide = (numerator: number): boolean =>
      this.small(numerator) ||
      this.small(n - numerator) ||
      (!perProtocolHidden && this.small(perProtocolN - numerator));
    const responseHidden = hide(row.itt.response.numerator);
    const remissionHidden = hide(row.itt.remission.numerator);
    return {
      dose: row.dose,
      itt: {
        response: this.rate(row.itt.response, responseHidden, false),
        remission: this.rate(row.itt.remission, remissionHidden, false),
      },
      perProtocol: {
        response: this.rate(row.perProtocol.response, responseHidden || perProtocolHidden, perProtocolHidden),
        remission: this.rate(row.perProtocol.remission, remissionHidden || perProtocolHidden, perProtocolHidden),
      },
    };
  }

  private rate(
    rate: RateByDose['response'],
    hidden: boolean,
    denominatorHidden: boolean,
  ): Published<RateByDose['response']> {
    if (!hidden) return rate;
    const label = this.label;
    return {
      ...rate,
      numerator: label,
      proportion: label,
      lower: label,
      upper: label,
      ...(denominatorHidden ? { denominator: label, n: label } : {}),
      suppressed: label,
    };
  }

  survival(figure: SurvivalFigure, cohortN: number): Published<SurvivalFigure> {
    // Patients left off the curve are the rest of the cohort: a small remainder hides the whole curve.
    const excludedSmall = figure.excluded.some((e) => this.small(e.count));
    if (this.small(figure.n) || excludedSmall || this.small(cohortN - figure.n)) return this.survivalSuppressed(figure);
    const hiddenGroups = this.complementary(figure.byCondition.map((g) => g.n));
    const byCondition = figure.byCondition.map((g, i) =>
      hiddenGroups.has(i) ? this.groupSuppressed(g) : { ...g, curve: this.curve(g.curve) },
    );
    const overall = figure.overall === null ? null : this.curve(figure.overall);
    const truncated = [overall, ...byCondition.map((g) => g.curve)].some(
      (c) => c !== null && typeof c.events !== 'number',
    );
    const anyHidden = hiddenGroups.size > 0 || truncated;
    return {
      ...figure,
      overall,
      byCondition,
      // The test's per-group observed counts would reveal what the suppression withholds.
      logRank: anyHidden ? null : figure.logRank,
      logRankUnavailable: anyHidden
        ? `${this.label}: a group or a curve step is below the minimum cell size`
        : figure.logRankUnavailable,
      note: `${figure.note} For this role, curves stop where fewer than ${this.min} patients remain at risk.`,
    };
  }

  survivalSuppressed(figure: SurvivalFigure): Published<SurvivalFigure> {
    const label = this.label;
    return {
      n: label,
      definition: figure.definition,
      overall: null,
      byCondition: [],
      logRank: null,
      logRankUnavailable: label,
      excluded: figure.excluded.map((e) => ({ reason: e.reason, count: label })),
      note: figure.note,
      suppressed: label,
    };
  }

  private groupSuppressed(group: CurveGroup): Published<CurveGroup> {
    const label = this.label;
    const curve = group.curve;
    return {
      condition: group.condition,
      n: label,
      curve: {
        n: label,
        events: label,
        table: [],
        median: label,
        medianLower: label,
        medianUpper: label,
        confType: curve.confType,
        confLevel: curve.confLevel,
        suppressed: label,
      },
      suppressed: label,
    };
  }

  /** The curve up to its last step with enough patients at risk; what lies beyond is withheld. */
  private curve(curve: KmResult): Published<KmResult> {
    const table = curve.table.filter((row) => row.nRisk >= this.min);
    if (table.length === curve.table.length) return curve;
    const lastTime = table[table.length - 1]?.time ?? -Infinity;
    const within = (t: number | null): number | null | Suppressed => (t === null || t > lastTime ? this.label : t);
    return {
      ...curve,
      table,
      events: this.label,
      median: within(curve.median),
      medianLower: within(curve.medianLower),
      medianUpper: within(curve.medianUpper),
    };
  }

  adverseEvents(figure: AdverseEventFigure): Published<AdverseEventFigure> {
    if (this.small(figure.n)) return this.adverseEventsSuppressed(figure);
    // Every category is a part of the event total: a small total hides every category with it.
    const totalSmall = this.small(figure.events);
    const hidden = totalSmall
      ? new Set(figure.byCategory.map((_, i) => i))
      : this.complementary(figure.byCategory.map((r) => r.count));
    return {
      ...figure,
      events: totalSmall ? this.label : figure.events,
      byCategory: figure.byCategory.map((r, i) =>
        hidden.has(i)
          ? { category: r.category, count: this.label, per100Doses: this.label, suppressed: this.label }
          : r,
      ),
    };
  }

  adverseEventsSuppressed(figure: AdverseEventFigure): Published<AdverseEventFigure> {
    const label = this.label;
    return { n: label, definition: figure.definition, doses: label, events: label, byCategory: [], suppressed: label };
  }

  booster(figure: BoosterRateFigure, cohortN: number): Published<BoosterRateFigure> {
    // Followed and short-follow-up patients split the cohort: either part small hides the figure.
    if (this.small(figure.n) || this.small(figure.excludedShortFollowUp) || this.small(cohortN - figure.n))
      return this.boosterSuppressed(figure);
    const hidden = this.complementary(figure.bins.map((b) => b.count));
    return {
      ...figure,
      bins: figure.bins.map((b, i) => (hidden.has(i) ? { ...b, count: this.label, suppressed: this.label } : b)),
    };
  }

  boosterSuppressed(figure: BoosterRateFigure): Published<BoosterRateFigure> {
    const label = this.label;
    return {
      n: label,
      definition: figure.definition,
      median: label,
      bins: [],
      excludedShortFollowUp: label,
      suppressed: label,
    };
  }

  cost(figure: CostPerResponderFigure, onsetEventsHidden: boolean): Published<CostPerResponderFigure> {
    // Responders are the onset curve's events: withheld there, they are withheld here too.
    const respondersHidden =
      onsetEventsHidden || this.small(figure.responders) || this.small(figure.n - figure.responders);
    const label = this.label;
    return {
      ...figure,
      responders: respondersHidden ? label : figure.responders,
      // Total ÷ value would give the responders back.
      valueUsd: respondersHidden ? label : figure.valueUsd,
      patientsWithUnknownCost: this.small(figure.patientsWithUnknownCost) ? label : figure.patientsWithUnknownCost,
    };
  }

  /**
   * The parts of a published total to withhold: every small part, and when that is exactly one, the
   * next smallest non-zero part too (else the total minus the others gives it back).
   */
  complementary(parts: readonly number[]): Set<number> {
    const hidden = new Set(parts.flatMap((count, i) => (this.small(count) ? [i] : [])));
    if (hidden.size !== 1) return hidden;
    let next = -1;
    parts.forEach((count, i) => {
      if (!hidden.has(i) && count > 0 && (next < 0 || count < (parts[next] ?? Infinity))) next = i;
    });
    if (next >= 0) hidden.add(next);
    return hidden;
  }
}
