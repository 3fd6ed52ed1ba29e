import { lockPatient } from '../records/guards.js';
import type { DatabaseHandle } from '../db/database.js';
import { systemContext } from '../records/context.js';
import { inTransaction } from '../db/transaction.js';
import { DAY_MS, HOUR_MS } from '../shared/time.js';
import { startLoop, type Loop } from './loop.js';
import { refreshDue } from './refresh-due.js';
import { scheduleRepository } from './schedule.repository.js';

/** A course ended this long ago has every item it will ever have (the look-ahead is 14 days). */
const ENDED_GRACE_DAYS = 30;

export interface TickResult {
  refreshed: number;
  failed: { clinicId: string; courseId: string; message: string }[];
}

/**
 * Re-expands every open scheduled course of every clinic, each in its own transaction: as time passes,
 * calendar rhythms add their next occurrences within the look-ahead. One course failing does not stop the rest.
 */
export async function refreshOpenCourses(handle: DatabaseHandle, now: Date): Promise<TickResult> {
  const since = new Date(now.getTime() - ENDED_GRACE_DAYS * DAY_MS).toISOString();
  const result: TickResult = { refreshed: 0, failed: [] };
  for (const {
    clinic_id: clinicId,
    course_id: courseId,
    patient_id: patientId,
  } of await scheduleRepository.openScheduledCourses(handle.db, since)) {
    try {
      await inTransaction(systemContext(handle, clinicId, { now }), async (tx) => {
        // The patient's lock first, as every clinical write takes it (PostgreSQL), so the re-expansion and a
        // write for the same patient run one after the other.
        await lockPatient(tx, patientId);
        return refreshDue(tx, courseId);
      });
      result.refreshed += 1;
    } catch (error) {
      result.failed.push({ clinicId, courseId, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}

/** Re-expands open courses every hour (the server runs this whether or not e-mail is configured). */
export function startScheduleTicker(
  handle: DatabaseHandle,
  onError: (error: unknown) => void,
  intervalMs = HOUR_MS,
): Loop {
  return startLoop(
    async () => {
      const result = await refreshOpenCourses(handle, new Date());
      for (const failure of result.failed)
        onError(new Error(`schedule of course ${failure.courseId} (clinic ${failure.clinicId}): ${failure.message}`));
    },
    intervalMs,
    onError,
  );
}
