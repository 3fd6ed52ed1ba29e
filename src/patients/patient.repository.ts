import type { Kysely, Selectable } from 'kysely';
import type { Database, PatientsTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';

export const patientRepository = {
  ...tenantRepository('patients', 'label', 'id'),

  async findByLabel(db: Kysely<Database>, clinicId: string, label: string): Promise<Selectable<PatientsTable> | undefined> {
    return db
      .selectFrom('patients')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('label', '=', label)
      .executeTakeFirst();
  },
};
