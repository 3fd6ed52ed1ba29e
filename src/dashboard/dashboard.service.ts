import { auditPatientRead } from '../audit/audit.service.js';
import type { ServiceContext } from '../records/context.js';
import { inTransaction } from '../records/record-service.js';
import { dashboardRepository } from './dashboard.repository.js';

export interface DashboardItem {
  patient: { id: string; label: string; name: string | null; synthetic: boolean };
  openAlerts: { urgent: number; warning: number; info: number };
  /** The latest complete score on the patient's primary instrument, and its direction since the one before. */
  latest: { instrument: string; total: number; band: string | null; at: string; trend: 'better' | 'worse' | 'same' | null } | null;
  daysSinceLastDose: number | null;
  nextDue: { instrument: string; dueAt: string } | null;
}

const DAY_MS = 86_400_000;
const SEVERITY_ORDER = ['urgent', 'warning', 'info'] as const;

/**
 * The clinician's work queue (the clinician's first screen is a work queue): patients with open urgent alerts first, then warnings,
 * then information, then the rest; within each, the longest since a dose first.
 */
export async function dashboard(ctx: ServiceContext): Promise<DashboardItem[]> {
  return inTransaction(ctx, async (tx) => {
    const nextDueByPatient = new Map(
      (await dashboardRepository.nextDue(tx.db, tx.clinicId, tx.now().toISOString())).map((d) => [d.patient_id, { instrument: d.instrument, dueAt: d.due_at }]),
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
      if (row.severity === 'urgent' || row.severity === 'warning' || row.severity === 'info') counts[row.severity] += row.n;
      alertCounts.set(row.patient_id, counts);
    }
    const lastDose = new Map(doses.map((d) => [d.patient_id, d.last_at]));
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
          latest === undefined
            ? null
            : { instrument, ...latest, trend: previous === undefined ? null : latest.total < previous.total ? 'better' : latest.total > previous.total ? 'worse' : 'same' },
        daysSinceLastDose: last == null ? null : Math.floor((now - Date.parse(last)) / DAY_MS),
        nextDue: nextDueByPatient.get(p.id) ?? null,
      };
    });
    items.sort(compareQueue);
    await auditPatientRead(tx, { action: 'list', entity: 'dashboard', patientIds: items.map((item) => item.patient.id) });
    return items;
  });
}

function compareQueue(a: DashboardItem, b: DashboardItem): number {
  for (const severity of SEVERITY_ORDER) {
    const diff = b.openAlerts[severity] - a.openAlerts[severity];
    if (diff !== 0) return diff;
  }
  const days = (b.daysSinceLastDose ?? -1) - (a.daysSinceLastDose ?? -1);
  return days !== 0 ? days : a.patient.label.localeCompare(b.patient.label);
}
