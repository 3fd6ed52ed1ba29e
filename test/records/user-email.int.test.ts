// Sign-in finds a user by e-mail before the clinic is known, so an e-mail address belongs to one staff
// user in the whole installation, even when two clinics add it at the same moment.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../../src/db/database.js';
import { isOnsetError } from '../../src/shared/errors.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

describeEachEngine('staff e-mail addresses', (engine: Engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await freshDatabase(engine);
  });
  afterAll(async () => {
    await test.drop();
  });

  it('one address, one user: of concurrent creations in different clinics exactly one succeeds', async () => {
    const clinics = await Promise.all(Array.from({ length: 6 }, () => aClinicContext(test.handle)));
    for (let round = 0; round < 3; round++) {
      const email = `race-${round}@example.org`;
      const results = await Promise.allSettled(
        clinics.map((ctx) => createUser(ctx, { email, role: 'clinician', password: 'a long enough password' })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) {
        if (r.status === 'rejected')
          expect(isOnsetError(r.reason) ? r.reason.problems.map((p) => p.field) : String(r.reason)).toEqual(['email']);
      }
      const rows = await test.handle.db.selectFrom('users').select('clinic_id').where('email', '=', email).execute();
      expect(rows).toHaveLength(1);
    }
  });
});
