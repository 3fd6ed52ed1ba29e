import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** The few set-based reads behind the clinician's work queue; each bound to one clinic. */
export const dashboardRepository = {
  patients(db: Kysely<Database>, clinicId: string) {
    return db
      .selectFrom('patients')
      .select(['id', 'label', 'name', 'synthetic'])
      .where('clinic_id', '=', clinicId)
      .execute();
  },

  openAlertCounts(db: Kysely<Database>, clinicId: string) {
    return db
      .selectFrom('alerts')
      .select(['patient_id', 'severity', (eb) => eb.fn.countAll<number>().as('n')])
      .where('clinic_id', '=', clinicId)
      .where('status', '=', 'open')
      .groupBy(['patient_id', 'severity'])
      .execute();
  },

  lastDoses(db: Kysely<Database>, clinicId: string) {
    return db
      .selectFrom('doses')
      .select(['patient_id', (eb) => eb.fn.max('given_at').as('last_at')])
      .where('clinic_id', '=', clinicId)
      .groupBy('patient_id')
      .execute();
  },

  /** Each patient's latest course (for its primary instrument). */
  latestCourses(db: Kysely<Database>, clinicId: string) {
    return db
      .selectFrom('courses')
      .select(['patient_id', 'primary_instrument', 'started_at'])
      .where('clinic_id', '=', clinicId)
      .orderBy('patient_id')
      .orderBy('started_at', 'desc')
      .execute();
  },

  /** Each patient's next open due assessment (not completed, not yet expired): the earliest, by key on a tie. */
  nextDue(db: Kysely<Database>, clinicId: string, now: string) {
    return db
      .selectFrom((eb) =>
        eb
          .selectFrom('due_assessments')
          .select([
            'patient_id',
            'instrument',
            'due_at',
            sql<number>`row_number() over (partition by patient_id order by due_at, key)`.as('rn'),
          ])
          .where('clinic_id', '=', clinicId)
          .where('completed_at', 'is', null)
          .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', now)]))
          .as('open'),
      )
      .selectAll()
      .where('rn', '=', 1)
      .execute();
  },

  /** The two most recent complete scores per patient and instrument (for the latest value and its trend). */
  recentScores(db: Kysely<Database>, clinicId: string) {
    return db
      .selectFrom((eb) =>
        eb
          .selectFrom('assessments')
          .select([
            'patient_id',
            'instrument',
            'total',
            'band',
            'completed_at',
            sql<number>`row_number() over (partition by patient_id, instrument order by completed_at desc)`.as('rn'),
          ])
          .where('clinic_id', '=', clinicId)
          .where('complete', '=', 1)
          .as('ranked'),
      )
      .selectAll()
      .where('rn', '<=', 2)
      .execute();
  },
};
