import { auditPatientRead, inAuditedRead } from '../audit/audit.service.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { ClinicForecast, ReliefEnding } from '../forecast/index.js';
import { cachedClinicForecast } from '../patients/forecast-cache.js';
import { forecastSettingsOf } from '../patients/forecast-settings.js';
import { RELIEF_INSTRUMENT } from '../patients/patient-forecast.service.js';
import type { ServiceContext } from '../records/context.js';
import { dashboardRepository } from './dashboard.repository.js';
import type { Dashboard, DashboardForecast, DashboardItem, Trend } from './dashboard.schema.js';
import { DAY_MS } from '../shared/time.js';

export type { Dashboard, DashboardForecast, DashboardItem } from './dashboard.schema.js';

const SEVERITY_ORDER = ['urgent', 'warning', 'info'] as const;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The clinician's work queue (the clinician's first screen is a work queue): patients with open urgent
 * alerts first, then those whose relief is likely ending (soonest first), then warnings, then
 * information, then the rest; within each, the longest since a dose first. The relief forecast is the
 * clinic's cached fit on the check-in; the queue never waits for a fit.
 */
export async function dashboard(ctx: ServiceContext): Promise<Dashboard> {
  // Read outside the transaction: a missing or stale fit starts from the root context (forecast-cache.ts).
  const cached = cachedClinicForecast(ctx, RELIEF_INSTRUMENT);
  return inAuditedRead(ctx, async (tx) => {
    const { reliefEndingWithinDays } = forecastSettingsOf(await getClinic(tx.db, tx.clinicId));
    const nextDueByPatient = new Map(
      (await dashboardRepository.nextDue(tx.db, tx.clinicId, tx.now().toISOString())).map((d) => [
        d.patient_id,
        { instrument: d.instrument, dueAt: d.due_at },
      ]),
    );
    const [patients, alerts, doses, courses, scores] = [
      await dashboardRepository.patients(tx.db, tx.clinicId),
      await dashboardRepository.openAlertCounts(tx.db, tx.clinicId),
      await dashboardRepository.lastDoses(tx.db, tx.clinicId),
      await dashboardRepository.latestCourses(tx.db, tx.clinicId),
      await dashboardRepository.recentScores(tx.db, tx.clinicId),
    ];
    const now = tx.now().getTime();
    const alertCounts = new Map<string, DashboardItem['openAlerts']>();
    for (const row of alerts) {
      const counts = alertCounts.get(row.patient_id) ?? { urgent: 0, warning: 0, info: 0 };
      if (row.severity === 'urgent' || row.severity === 'warning' || row.severity === 'info')
        counts[row.severity] += row.n;
      alertCounts.set(row.patient_id, counts);
    }
    const lastDose = new Map(doses.map((d) => [d.patient_id, d.last_at]));
    const endings = new Map((cached?.reliefEndings ?? []).map((e) => [e.patientId, e]));
    const reliefEnding = (patientId: string): DashboardItem['reliefEnding'] => {
      const ending = endings.get(patientId);
      const last = lastDose.get(patientId);
      // A dose given since the fit: the fit's prediction is about an earlier dose, so it says nothing now.
      if (ending === undefined || last == null || Date.parse(last) !== ending.doseAt) return null;
      return endingWithin(ending, now, reliefEndingWithinDays);
    };
    const primary = new Map<string, string>();
    for (const c of courses) if (!primary.has(c.patient_id)) primary.set(c.patient_id, c.primary_instrument);
    const recent = new Map<string, { total: number; band: string | null; at: string }[]>();
    for (const s of scores) {
      if (s.total === null) continue;
      const key = `${s.patient_id} ${s.instrument}`;
      const list = recent.get(key) ?? [];
      list[s.rn - 1] = { total: s.total, band: s.band, at: s.completed_at };
      recent.set(key, list);
    }
    const items = patients.map((p): DashboardItem => {
      const instrument = primary.get(p.id) ?? 'gad7';
      const [latest, previous] = recent.get(`${p.id} ${instrument}`) ?? [];
      const last = lastDose.get(p.id);
      return {
        patient: { id: p.id, label: p.label, name: p.name, synthetic: p.synthetic === 1 },
        openAlerts: alertCounts.get(p.id) ?? { urgent: 0, warning: 0, info: 0 },
        latest:
          latest === undefined ? null : { instrument, ...latest, trend: scoreTrend(latest.total, previous?.total) },
        daysSinceLastDose: last == null ? null : Math.floor((now - Date.parse(last)) / DAY_MS),
        nextDue: nextDueByPatient.get(p.id) ?? null,
        reliefEnding: reliefEnding(p.id),
      };
    });
    items.sort(compareQueue);
    await auditPatientRead(tx, {
      action: 'list',
      entity: 'dashboard',
      patientIds: items.map((item) => item.patient.id),
    });
    return { items, forecast: forecastStatus(cached, reliefEndingWithinDays) };
  });
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

/**
 * The latest score against the one before it on the same instrument: lower is better on every
 * instrument the queue shows; any difference counts, an equal score is 'same', no earlier score is null.
 */
export function scoreTrend(latest: number, previous: number | undefined): Trend | null {
  if (previous === undefined) return null;
  return latest < previous ? 'better' : latest > previous ? 'worse' : 'same';
}

/** Urgent alerts, then relief likely ending (soonest predicted end first), then warnings, information, the rest. */
export function compareQueue(a: DashboardItem, b: DashboardItem): number {
  const urgent = b.openAlerts.urgent - a.openAlerts.urgent;
  if (urgent !== 0) return urgent;
  const ending = compareEnding(a.reliefEnding, b.reliefEnding);
  if (ending !== 0) return ending;
  for (const severity of SEVERITY_ORDER) {
    const diff = b.openAlerts[severity] - a.openAlerts[severity];
    if (diff !== 0) return diff;
  }
  const days = (b.daysSinceLastDose ?? -1) - (a.daysSinceLastDose ?? -1);
  return days !== 0 ? days : a.patient.label.localeCompare(b.patient.label);
}

function compareEnding(a: DashboardItem['reliefEnding'], b: DashboardItem['reliefEnding']): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.predictedEndAt.localeCompare(b.predictedEndAt);
}
