import { normalQuantile } from './normal-quantile.js';

/** How the pointwise confidence interval of S(t) is built, as survfit's conf.type. */
export type ConfType = 'log' | 'log-log' | 'plain';

export interface Bounds {
  lower: number | null;
  upper: number | null;
}

/** The two-sided normal critical value for a confidence level, as survfit's qnorm(1 - (1 - level)/2). */
export function criticalValue(confLevel: number): number {
  return normalQuantile(1 - (1 - confLevel) / 2);
}

/** null where R gives NA or NaN. */
function finiteOrNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/**
 * Pointwise bounds for S from its standard error on the log scale (se of the cumulative hazard,
 * Greenwood), exactly as survival:::survfit_confint with logse = TRUE: log and plain upper bounds
 * are capped at 1, plain lower at 0; log is NA at S = 0, log-log at S = 0 and S = 1.
 */
export function confidenceBounds(surv: number, stdErr: number, confType: ConfType, z: number): Bounds {
  switch (confType) {
    case 'plain': {
      const halfWidth = stdErr * surv * z; // NaN when S = 0 and se = Inf, as in R
      return {
        lower: finiteOrNull(Math.max(surv - halfWidth, 0)),
        upper: finiteOrNull(Math.min(surv + halfWidth, 1)),
      };
    }
    case 'log': {
      if (surv === 0) return { lower: null, upper: null };
      const halfWidth = z * stdErr;
      return {
        lower: Math.exp(Math.log(surv) - halfWidth),
        upper: Math.min(Math.exp(Math.log(surv) + halfWidth), 1),
      };
    }
    case 'log-log': {
      if (surv === 0 || surv === 1) return { lower: null, upper: null };
      // log(surv) < 0, so halfWidth < 0 and "- halfWidth" gives the lower bound, as R writes it.
      const halfWidth = (z * stdErr) / Math.log(surv);
      const logMinusLog = Math.log(-Math.log(surv));
      return {
        lower: Math.exp(-Math.exp(logMinusLog - halfWidth)),
        upper: Math.exp(-Math.exp(logMinusLog + halfWidth)),
      };
    }
  }
}
