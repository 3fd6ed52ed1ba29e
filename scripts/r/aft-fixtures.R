# Writes the expected survreg fits that src/forecast/aft.test.ts compares the relief-duration model's
# fixed-effects fit against (docs/outcomes.md "Forecast").
#
# Run by hand from the repository root (needs R with the survival and jsonlite packages,
# e.g. `apt-get install -y --no-install-recommends r-base-core r-cran-survival r-cran-jsonlite`):
#
#   Rscript scripts/r/aft-fixtures.R
#
# One JSON file per data set and distribution lands in src/forecast/fixtures/: the design matrix as
# survreg builds it (x = TRUE), the lower and upper times (upper null = right-censored; equal = exact),
# and survreg's coefficients, log(scale) and log-likelihood.

suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
root <- if (length(script) == 1) normalizePath(file.path(dirname(script), "..", "..")) else getwd()
out_dir <- file.path(root, "src", "forecast", "fixtures")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

write_fit <- function(name, formula, data, lower, upper, dist) {
  fit <- survreg(formula, data = data, dist = dist, control = survreg.control(rel.tolerance = 1e-12, maxiter = 100), x = TRUE)
  x <- fit$x
  out <- list(
    name = name,
    distribution = dist,
    terms = colnames(x),
    x = unname(lapply(seq_len(nrow(x)), function(i) unname(x[i, ]))),
    lower = lower,
    upper = lapply(upper, function(v) if (is.na(v)) NULL else v),
    coefficients = unname(coef(fit)),
    logScale = log(fit$scale),
    logLikelihood = fit$loglik[2],
    iterations = fit$iter
  )
  writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null", pretty = FALSE),
             file.path(out_dir, paste0(name, "-", dist, ".json")))
}

# 1. The lung cancer data (right-censored), as in survreg's own examples.
lung_data <- na.omit(survival::lung[, c("time", "status", "age", "sex", "ph.ecog")])
for (dist in c("lognormal", "weibull")) {
  write_fit("lung", Surv(time, status) ~ age + sex + ph.ecog, lung_data,
            lung_data$time, ifelse(lung_data$status == 2, lung_data$time, NA), dist)
}

# 2. Relief-shaped data: factor covariates condition and route, dose number, and interval-censored ends
#    (relief lost between two check-ins), right-censored episodes (cut off by the next dose) and a few
#    exact ones. Synthetic, made here with a fixed seed.
set.seed(20261202)
n <- 240
relief <- data.frame(
  condition = factor(sample(c("gad", "ptsd", "sad"), n, replace = TRUE, prob = c(0.5, 0.3, 0.2))),
  route = factor(sample(c("iv", "im", "sublingual"), n, replace = TRUE, prob = c(0.5, 0.25, 0.25))),
  dose = sample(1:8, n, replace = TRUE)
)
eta <- log(6) + c(gad = 0, ptsd = -0.3, sad = 0.2)[as.character(relief$condition)] +
  c(iv = 0, im = -0.1, sublingual = -0.4)[as.character(relief$route)] - 0.05 * (relief$dose - 4)
true_days <- exp(eta + 0.6 * rnorm(n))
checkins <- c(4 / 24, 1, 2, 3, 7, 14)
next_dose <- runif(n, 3, 21)
lower <- numeric(n)
upper <- numeric(n)
for (i in seq_len(n)) {
  seen <- checkins[checkins < next_dose[i]]
  before <- seen[seen < true_days[i]]
  after <- seen[seen >= true_days[i]]
  if (i %% 20 == 0) {
    lower[i] <- true_days[i]; upper[i] <- true_days[i]             # exact
  } else if (length(after) == 0) {
    lower[i] <- max(c(before, 4 / 24)); upper[i] <- NA                # relief still holding: censored
  } else {
    lower[i] <- if (length(before) == 0) 1 / 24 else max(before)     # lost between two check-ins
    upper[i] <- min(after)
  }
}
relief$lower <- lower
relief$upper <- upper
for (dist in c("lognormal", "weibull")) {
  write_fit("relief", Surv(lower, upper, type = "interval2") ~ condition + route + dose, relief,
            relief$lower, relief$upper, dist)
}
