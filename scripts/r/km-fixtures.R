# Writes the expected Kaplan–Meier and log-rank results that src/stats/*.test.ts compare against.
#
# Run by hand from the repository root (needs R with the survival and jsonlite packages,
# e.g. `apt-get install -y --no-install-recommends r-cran-survival r-cran-jsonlite`):
#
#   Rscript scripts/r/km-fixtures.R
#
# One JSON file per data set lands in src/stats/fixtures/. Each holds the input observations, R's full
# survfit output for conf.type "log", "log-log" and "plain" (plus one 90% fit for the real data sets),
# the median with its CI as print(fit) / summary(fit)$table reports them (and, for comparison, as
# quantile(fit, 0.5) does; the two disagree in two edge cases, see fit_entry), and for grouped sets
# the survdiff result and each group's own survfit. In the JSON, NA and NaN are null and an infinite
# number is the string "Inf" (R's std.err is Inf once S reaches 0).

suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
root <- if (length(script) == 1) normalizePath(file.path(dirname(script), "..", "..")) else getwd()
out_dir <- file.path(root, "src", "stats", "fixtures")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

# Numbers as a JSON array: NA/NaN -> null, +-Inf -> "Inf"/"-Inf", otherwise 15 significant digits.
num <- function(x) {
  lapply(as.numeric(x), function(v) {
    if (is.na(v)) NA else if (is.infinite(v)) (if (v > 0) "Inf" else "-Inf") else v
  })
}

# Input times written with 17 significant digits so that 0.1 + 0.2 stays distinct from 0.3.
exact_times <- function(x) {
  structure(paste0("[", paste(sprintf("%.17g", x), collapse = ","), "]"), class = "json")
}

observations <- function(time, event) {
  list(time = exact_times(time), event = I(as.logical(event)))  # I(): an array even when n = 1
}

scalar <- function(x) {
  v <- as.numeric(x)[1]
  if (is.na(v)) NA else v
}

fit_entry <- function(time, event, conf_type, conf_level) {
  fit <- survfit(Surv(time, event) ~ 1, conf.type = conf_type, conf.int = conf_level)
  q <- quantile(fit, 0.5)
  tab <- summary(fit)$table
  list(
    confType = conf_type,
    confLevel = conf_level,
    n = fit$n,
    events = sum(fit$n.event),
    time = num(fit$time),
    n.risk = num(fit$n.risk),
    n.event = num(fit$n.event),
    n.censor = num(fit$n.censor),
    surv = num(fit$surv),
    std.err = num(fit$std.err),
    lower = num(fit$lower),
    upper = num(fit$upper),
    # What print(fit) and summary(fit)$table report: Onset matches these.
    median = scalar(tab["median"]),
    medianLower = scalar(tab[grep("LCL$", names(tab))]),
    medianUpper = scalar(tab[grep("UCL$", names(tab))]),
    # quantile(fit, 0.5), kept for comparison: it differs from print(fit) when a confidence band is
    # not monotone (aml: upper 48 vs 45) and when S = 0.5 on the last interval (midpoint with the
    # last censoring time vs that time itself).
    quantileMedian = scalar(q$quantile),
    quantileLower = scalar(q$lower),
    quantileUpper = scalar(q$upper)
  )
}

fits_for <- function(time, event, extra_levels = numeric(0)) {
  fits <- lapply(c("log", "log-log", "plain"), function(ct) fit_entry(time, event, ct, 0.95))
  for (level in extra_levels) fits[[length(fits) + 1]] <- fit_entry(time, event, "log", level)
  fits
}

survdiff_entry <- function(time, event, group) {
  group <- factor(group)
  sd <- survdiff(Surv(time, event) ~ group)
  list(
    groups = levels(group),
    n = num(as.vector(sd$n)),
    obs = num(sd$obs),
    exp = num(sd$exp),
    var = lapply(seq_len(nrow(sd$var)), function(i) num(sd$var[i, ])),
    chisq = sd$chisq,
    df = sum(sd$exp > 0) - 1,  # as print.survdiff counts it
    p = sd$pvalue
  )
}

compact <- function(x) {
  toJSON(x, auto_unbox = TRUE, digits = NA, na = "null", null = "null", json_verbatim = TRUE)
}

# One top-level key per line and one fit or group per line: readable diffs without a line per number.
set_json <- function(set) {
  entries <- vapply(names(set), function(key) {
    value <- set[[key]]
    body <- if (key %in% c("fits", "groups")) {
      paste0("[\n    ", paste(vapply(value, compact, ""), collapse = ",\n    "), "\n  ]")
    } else {
      compact(value)
    }
    paste0("  \"", key, "\": ", body)
  }, "")
  paste0("{\n", paste(entries, collapse = ",\n"), "\n}")
}

write_set <- function(name, description, time, event, group = NULL, extra_levels = numeric(0)) {
  event <- as.logical(event)
  stopifnot(length(time) == length(event), all(time >= 0))
  set <- list(
    name = name,
    description = description,
    observations = observations(time, event),
    fits = fits_for(time, event, extra_levels)
  )
  if (!is.null(group)) {
    stopifnot(length(group) == length(time))
    set$groups <- lapply(sort(unique(as.character(group))), function(g) {
      keep <- as.character(group) == g
      list(
        name = g,
        observations = observations(time[keep], event[keep]),
        fit = fit_entry(time[keep], event[keep], "log", 0.95)
      )
    })
    set$survdiff <- survdiff_entry(time, event, group)
  }
  writeLines(set_json(set), file.path(out_dir, paste0(name, ".json")))
  cat(sprintf("%-24s n=%-4d events=%-4d censored=%3.0f%%\n", name, length(time), sum(event),
              100 * mean(!event)))
}

# --- real data sets from the survival package -------------------------------------------------
write_set("aml", "survival::aml (acute myelogenous leukaemia); groups: maintenance chemotherapy x",
          aml$time, aml$status == 1, group = as.character(aml$x), extra_levels = 0.90)

write_set("lung", "survival::lung, status - 1 as the event; groups: sex (1 = male, 2 = female)",
          lung$time, lung$status - 1 == 1, group = as.character(lung$sex), extra_levels = 0.90)

ecog <- lung[!is.na(lung$ph.ecog) & lung$ph.ecog <= 2, ]
write_set("lung-ecog", "survival::lung with ph.ecog 0, 1 or 2 (3 groups, tied times across groups)",
          ecog$time, ecog$status == 2, group = as.character(ecog$ph.ecog))

# --- constructed data sets ---------------------------------------------------------------------
# Heavy censoring: event times exponential (mean 90 days), censoring uniform over 1-45 days.
set.seed(20240601)
ev <- round(rexp(60, 1 / 90), 1)
ce <- round(runif(60, 1, 45), 1)
heavy_time <- pmin(ev, ce)
heavy_event <- ev <= ce
stopifnot(mean(!heavy_event) > 0.6)
write_set("heavy-censoring", "60 patients, > 60% censored, one-decimal times; median not reached",
          heavy_time, heavy_event,
          group = rep(c("a", "b"), 30))

write_set("ties", "events and censorings at the same times, including time 0; 3 groups",
          c(0, 0, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 5, 6, 6, 7, 7, 7, 8),
          c(0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0),
          group = c("x", "y", "z", "x", "y", "z", "x", "y", "z", "x", "y", "z",
                    "x", "y", "z", "x", "y", "z", "x", "y", "z", "x", "y", "z"))

write_set("median-plateau", "S = 0.5 exactly from day 3 to day 5: median is the midpoint 4",
          c(1, 2, 3, 4, 5, 6), c(1, 1, 1, 0, 1, 0))

write_set("median-plateau-last", "S = 0.5 on the last interval: quantile() takes (2 + last time 4) / 2",
          c(1, 2, 3, 4), c(1, 1, 0, 0))

write_set("upper-not-reached", "median reached, upper CI bound never reaches 0.5",
          c(2, 3, 5, 7, 8, 10, 12, 15), c(1, 0, 1, 1, 0, 1, 0, 0))

write_set("last-event", "the last observation is an event: S reaches 0 (std.err Inf, bounds NA)",
          c(1, 2, 3, 3, 5, 6), c(1, 0, 1, 0, 1, 1))

write_set("all-events", "every observation an event, tied last time",
          c(2, 4, 4, 6, 9, 9), c(1, 1, 1, 1, 1, 1))

write_set("single-event", "n = 1, an event", c(5), c(1))
write_set("single-censored", "n = 1, censored", c(5), c(0))
write_set("pair", "n = 2, an event then a censoring", c(3, 8), c(1, 0))
write_set("pair-tied-events", "n = 2, two events at the same time", c(4, 4), c(1, 1))

write_set("near-equal-times", "0.1 + 0.2 and 0.3 (and 0.1 * 6 and 0.6) are one time in R (aeqSurv)",
          c(0.1 + 0.2, 0.3, 0.6, 0.1 * 6, 1, 1.2), c(1, 1, 0, 1, 1, 0))

write_set("group-without-expected", "group c is censored before the first event: expected 0, df 1",
          c(0.5, 0.5, 1, 2, 2, 3, 4, 5, 6, 7),
          c(0, 0, 1, 1, 0, 1, 1, 0, 1, 0),
          group = c("c", "c", "a", "b", "a", "b", "a", "b", "a", "b"))
