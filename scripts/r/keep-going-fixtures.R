# Writes the expected "keep going?" figures that src/forecast/keep-going.test.ts compares against.
#
# Run by hand from the repository root (needs R with the survival and jsonlite packages):
#
#   Rscript scripts/r/keep-going-fixtures.R
#
# The patients are SYNTHETIC (made up for this test). After k doses without response, a patient at risk
# (judged through dose k, no response by dose k) enters with time = (dose of first response, or the
# last judged dose) - k, an event when they responded. survfit(conf.type = "log-log") then gives
# S(j) = P(no response by dose k + j); summary(fit, times = 1:4) gives S, its 95% CI and the number
# at risk at dose k + j. p = 1 - S, with the bounds swapped.

suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
root <- if (length(script) == 1) normalizePath(file.path(dirname(script), "..", "..")) else getwd()

k <- 1
# SYNTHETIC patients: dosesJudged and onsetDose (NA = no response yet). 30 patients; 4 responded by
# dose 1 and 2 were judged at no dose, so 24 are at risk after k = 1.
dosesJudged <- c(1, 1, 1, 1, 0, 0, 2, 2, 2, 3, 3, 4, 5, 6, 6, 1, 2, 3, 3, 4, 4, 5, 6, 6, 6, 6, 6, 6, 6, 6)
onsetDose <- c(1, 1, 1, 1, NA, NA, 2, 2, 2, 3, 3, 4, 5, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA)

atRisk <- dosesJudged >= k & (is.na(onsetDose) | onsetDose > k)
time <- ifelse(is.na(onsetDose), dosesJudged, onsetDose)[atRisk] - k
event <- !is.na(onsetDose[atRisk])

fit <- survfit(Surv(time, event) ~ 1, conf.type = "log-log")
s <- summary(fit, times = 1:4)

out <- list(
  description = "SYNTHETIC patients; expected keep-going rows from R survival survfit(conf.type = 'log-log')",
  afterDoses = k,
  patients = lapply(seq_along(dosesJudged), function(i) {
    list(patientId = sprintf("synthetic-%02d", i), dosesJudged = dosesJudged[i],
         onsetDose = if (is.na(onsetDose[i])) NULL else onsetDose[i])
  }),
  n = sum(atRisk),
  rows = lapply(seq_along(s$time), function(i) {
    list(byDose = k + s$time[i], n = s$n.risk[i], p = 1 - s$surv[i], lower = 1 - s$upper[i], upper = 1 - s$lower[i])
  })
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = 15, pretty = TRUE, null = "null"),
           file.path(root, "src", "forecast", "keep-going.fixture.json"))
