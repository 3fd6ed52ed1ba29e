import type { Kysely, Selectable } from 'kysely';
import type { Database, PatientsTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';
import { labelKey } from './label-key.js';

export const patientRepository = {
  ...tenantRepository('patients', 'label', 'id'),

  /** The clinic's patient whose label reads as `label` (the same label key, src/patients/label-key.ts). */
  async findByLabel(
    db: Kysely<Database>,
    clinicId: string,
    label: string,
  ): Promise<Selectable<PatientsTable> | undefined> {
    return db
      .selectFrom('patients')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('label_key', '=', labelKey(label))
      .executeTakeFirst();
  },
};
