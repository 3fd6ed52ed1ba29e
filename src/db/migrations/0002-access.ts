import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { columnTypes } from './0001-clinical-records.js';

/**
 * Sign-in sessions, API tokens, patient links and idempotency keys. Secrets are stored only as
 * SHA-256 hashes; every token carries its clinic id so that a lookup is keyed by clinic first.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { ts } = columnTypes(engine);

  await db.schema
    .alterTable('users')
    .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('locked_until', ts).execute();
  await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('clinic_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .addPrimaryKeyConstraint('sessions_pk', ['clinic_id', 'id'])
    .addUniqueConstraint('sessions_token_uq', ['clinic_id', 'token_hash'])
    .addForeignKeyConstraint('sessions_user_fk', ['clinic_id', 'user_id'], 'users', ['clinic_id', 'id'])
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('clinic_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .addColumn('revoked_at', ts)
    .addPrimaryKeyConstraint('api_tokens_pk', ['clinic_id', 'id'])
    .addUniqueConstraint('api_tokens_token_uq', ['clinic_id', 'token_hash'])
    .addForeignKeyConstraint('api_tokens_user_fk', ['clinic_id', 'user_id'], 'users', ['clinic_id', 'id'])
    .execute();

  await db.schema
    .createTable('patient_links')
    .addColumn('clinic_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('instrument', 'text')
    .addColumn('course_id', 'text')
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .addColumn('revoked_at', ts)
    .addPrimaryKeyConstraint('patient_links_pk', ['clinic_id', 'id'])
    .addUniqueConstraint('patient_links_token_uq', ['clinic_id', 'token_hash'])
    .addForeignKeyConstraint('patient_links_patient_fk', ['clinic_id', 'patient_id'], 'patients', ['clinic_id', 'id'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('clinic_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('principal', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['clinic_id', 'principal', 'key'])
    .addForeignKeyConstraint('idempotency_keys_clinic_fk', ['clinic_id'], 'clinics', ['clinic_id'])
    .execute();

  await db.schema
    .createIndex('patient_links_patient_idx')
    .on('patient_links')
    .columns(['clinic_id', 'patient_id', 'created_at'])
    .execute();
}
