import { auditPatientRead, inAuditedRead } from '../audit/audit.service.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { ClinicForecast, ReliefEnding } from '../forecast/index.js';
import { cachedClinicForecast } from '../patients/forecast-cache.js';
import { forecastSettingsOf } from '../patients/forecast-settings.js';
import { RELIEF_INSTRUMENT } from '../patients/patient-forecast.service.js';
import type { ServiceContext } from '../records/context.js';
import { overdueBefore, overdueFormCounts } from '../rems/rems-board.service.js';
import { inSnapshot } from '../db/transaction.js';
import { dashboardRepository } from './dashboard.repository.js';
import { QUEUE_DEFAULT_INSTRUMENT } from '../patients/patient-summary.repository.js';
import type {
  ClinicStatus,
  Dashboard,
  DashboardForecast,
  DashboardItem,
  DashboardQuery,
  Trend,
} from './dashboard.schema.js';
import { DAY_MS } from '../shared/time.js';
import { getInstrument, isInstrumentId } from '../instruments/registry.js';
import { reliableChange } from '../outcomes/patient/assessment-status.js';
import { findBaseline } from '../outcomes/patient/baseline.js';
import { resolveSafetySettings } from '../safety/settings.js';

export type { Dashboard, DashboardForecast, DashboardItem, DashboardQuery } from './dashboard.schema.js';

/** Patients per page of the work queue unless the query asks for another size. */
const DEFAULT_PAGE = 50;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The clinician's work queue (the clinician's first screen is a work queue), one page at a time:
 * patients with open urgent alerts first, then those whose relief is likely ending (soonest first), then
 * warnings, then information, then the rest; within each, the longest since a dose first
 * (dashboard.repository.ts). It reads the patients' work-queue rows (patients/patient-summary.repository.ts),
 * so a page costs the same whatever the records behind it. The relief forecast is the clinic's cached fit
 * on the check-in; the queue never waits for a fit.
 */
export async function dashboard(ctx: ServiceContext, query: DashboardQuery = {}): Promise<Dashboard> {
  const filter = { search: query.search?.trim() ?? '', alertsOnly: query.alertsOnly ?? false };
  const limit = query.limit ?? DEFAULT_PAGE;
  const offset = query.offset ?? 0;
  // Read outside the transaction: a missing or stale fit starts from the root context (forecast-cache.ts).
  const cached = cachedClinicForecast(ctx, RELIEF_INSTRUMENT);
  return inAuditedRead(ctx, async (tx) => {
    const clinic = await getClinic(tx.db, tx.clinicId);
    const { reliefEndingWithinDays } = forecastSettingsOf(clinic);
    const { baselineWindowDays } = resolveSafetySettings(clinic.settings.safety ?? {});
    const now = tx.now().getTime();
    const endings = await likelyEndings(tx, cached, now, reliefEndingWithinDays);
    const counts = await dashboardRepository.counts(tx.db, tx.clinicId, filter);
    const rows = await dashboardRepository.page(tx.db, tx.engine, tx.clinicId, {
      filter,
      endings: [...endings].map(([patientId, e]) => ({ patientId, endAt: e.predictedEndAt })),
      limit,
      offset,
    });
    const ids = rows.map((row) => row.id);
    const nextDue = new Map(
      (await dashboardRepository.nextDue(tx.db, tx.clinicId, ids, iso(now))).map((d) => [
        d.patient_id,
        { instrument: d.instrument, dueAt: d.due_at },
      ]),
    );
    // An overdue REMS form counts as a warning of its patient (docs/rems.md); it is read here, not stored
    // in the work-queue row, because a form becomes overdue by the passing of time, not by a write.
    const rems = await overdueFormCounts(tx, clinic.timeZone, ids);
    const needsAction = await dashboardRepository.needsAction(
      tx.db,
      tx.clinicId,
      overdueBefore(tx.now(), clinic.timeZone),
    );
    const baselines = new Map(
      (await dashboardRepository.baselines(tx.db, tx.clinicId, ids)).map((b) => [
        b.patient_id,
        baselineOf(b, baselineWindowDays),
      ]),
    );
    const items = rows.map(
      (row): DashboardItem => ({
        patient: { id: row.id, label: row.label, name: row.name, synthetic: row.synthetic === 1 },
        openAlerts: {
          urgent: row.urgent_open,
          warning: row.warning_open + (rems.perPatient.get(row.id) ?? 0),
          info: row.info_open,
        },
        remsFormsOverdue: rems.perPatient.get(row.id) ?? 0,
        topAlert:
          row.top_alert_rule === null || row.top_alert_severity === null || row.top_alert_at === null
            ? null
            : {
                rule: row.top_alert_rule,
                severity: row.top_alert_severity,
                raisedAt: row.top_alert_at,
              },
        latest:
          row.latest_total === null || row.latest_at === null
            ? null
            : {
                instrument: row.primary_instrument ?? QUEUE_DEFAULT_INSTRUMENT,
                total: row.latest_total,
                band: row.latest_band,
                at: row.latest_at,
                ...reliableTrend(
                  {
                    instrument: row.primary_instrument ?? QUEUE_DEFAULT_INSTRUMENT,
                    total: row.latest_total,
                    at: row.latest_at,
                  },
                  baselines.get(row.id) ?? null,
                ),
              },
        daysSinceLastDose: row.last_dose_at === null ? null : Math.floor((now - Date.parse(row.last_dose_at)) / DAY_MS),
        nextDue: nextDue.get(row.id) ?? null,
        reliefEnding: endings.get(row.id) ?? null,
      }),
    );
    await auditPatientRead(tx, { action: 'list', entity: 'dashboard', patientIds: ids });
    return {
      items,
      forecast: forecastStatus(cached, reliefEndingWithinDays),
      page: { offset, limit, total: counts.matching },
      counts: {
        patients: counts.patients,
        withAlerts: counts.withAlerts,
        reliefEnding: endings.size,
        synthetic: counts.synthetic,
        remsFormsOverdue: rems.total,
        needsAction,
      },
    };
  });
}

/**
 * The clinic as every page's header shows it: how many patients need action today and whether the data
 * is synthetic. Counts only, so it names no patient and writes no audit entry; read in one snapshot.
 */
export async function clinicStatus(ctx: ServiceContext): Promise<ClinicStatus> {
  return inSnapshot(ctx, async (tx) => {
    const clinic = await getClinic(tx.db, tx.clinicId);
    const counts = await dashboardRepository.counts(tx.db, tx.clinicId, { search: '', alertsOnly: false });
    return {
      patients: counts.patients,
      needsAction: await dashboardRepository.needsAction(tx.db, tx.clinicId, overdueBefore(tx.now(), clinic.timeZone)),
      synthetic: counts.synthetic,
    };
  });
}

/**
 * The clinic's patients whose relief is likely ending: the cached fit's prediction for their latest
 * dose ends within the window (endingWithin). A dose given since the fit makes its prediction about an
 * earlier dose, so it says nothing now.
 */
async function likelyEndings(
  tx: ServiceContext,
  cached: ClinicForecast | null,
  now: number,
  withinDays: number,
): Promise<Map<string, NonNullable<DashboardItem['reliefEnding']>>> {
  const candidates = (cached?.reliefEndings ?? []).flatMap((ending) => {
    const item = endingWithin(ending, now, withinDays);
    return item === null ? [] : [{ ending, item }];
  });
  const lastDose = await dashboardRepository.lastDoses(
    tx.db,
    tx.clinicId,
    candidates.map((c) => c.ending.patientId),
  );
  const endings = new Map<string, NonNullable<DashboardItem['reliefEnding']>>();
  for (const { ending, item } of candidates) {
    const last = lastDose.get(ending.patientId);
    if (last !== undefined && Date.parse(last) === ending.doseAt) endings.set(ending.patientId, item);
  }
  return endings;
}

/**
 * The item when the predicted median end is at most `withinDays` from now, either way: ahead, or passed
 * that recently while the last check-in still showed relief. An end predicted longer ago is not listed:
 * relief has most likely ended, and the days since the last dose say so.
 */
export function endingWithin(ending: ReliefEnding, now: number, withinDays: number): DashboardItem['reliefEnding'] {
  if (Math.abs(ending.medianEndAt - now) > withinDays * DAY_MS) return null;
  return {
    withinDays,
    dose: ending.dose,
    predictedEndAt: iso(ending.medianEndAt),
    windowFrom: iso(ending.nextSessionFrom),
    windowTo: iso(ending.nextSessionTo),
    basis: ending.basis,
  };
}

function forecastStatus(cached: ClinicForecast | null, withinDays: number): DashboardForecast {
  const instrument = RELIEF_INSTRUMENT;
  if (cached === null)
    return {
      status: 'pending',
      instrument,
      text: "The clinic's relief forecast is being fitted from its records; patients whose relief is likely ending appear here in a moment.",
    };
  if (cached.relief === null) {
    return {
      status: 'no-model',
      instrument,
      text: 'Too few relief episodes in this clinic to fit a relief forecast, so no patient is listed as relief likely ending.',
    };
  }
  return {
    status: 'fitted',
    instrument,
    withinDays,
    fittedAt: iso(cached.fittedAt),
    episodes: cached.relief.n.episodes,
    patients: cached.relief.n.patients,
  };
}

/** A baseline score: its total and when it was completed. */
export interface BaselineScore {
  total: number;
  at: string;
}

/**
 * The baseline — docs/outcomes.md "Baseline": the last complete score at or before the first dose and no
 * earlier than the window before it — from the repository's candidate (dashboard.repository.ts baselines),
 * with the window the reliable-deterioration rule uses (safety settings' baselineWindowDays), so that the
 * queue's "reliably worse" and that alert agree.
 */
export function baselineOf(
  candidate: { first_dose_at: string | null; total: number | null; at: string | null },
  windowDays: number,
): BaselineScore | null {
  const { first_dose_at: firstDoseAt, total, at } = candidate;
  if (firstDoseAt === null || total === null || at === null) return null;
  const hit = findBaseline([Date.parse(at)], [total], Date.parse(firstDoseAt), windowDays);
  return hit === null ? null : { total, at };
}

/**
 * The latest score against the patient's baseline, by reliable change — docs/outcomes.md: "'improved' if
 * baseline − total ≥ R, 'deteriorated' if total − baseline ≥ R, else 'none'", R the instrument's
 * reliable-change threshold (GAD-7: 4). 'better' and 'worse' are reliable change, 'same' is none. No trend
 * (null) without a baseline, for a latest score that is the baseline or comes before the first dose, or
 * for an instrument without a threshold.
 */
export function reliableTrend(
  latest: { instrument: string; total: number; at: string },
  baseline: BaselineScore | null,
): { trend: Trend | null; baseline: number | null } {
  if (baseline === null) return { trend: null, baseline: null };
  const threshold = isInstrumentId(latest.instrument) ? getInstrument(latest.instrument).reliableChange : null;
  const change = latest.at > baseline.at ? reliableChange(latest.total, baseline.total, threshold) : null;
  const trend =
    change === null ? null : change === 'improved' ? 'better' : change === 'deteriorated' ? 'worse' : 'same';
  return { trend, baseline: baseline.total };
}
