import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets Onset must read back (TOTP seeds) are stored sealed with AES-256-GCM under a key from the
 * environment, so a copy of the database (a backup, a stolen disk) does not carry working second
 * factors. Sealed values read `gcm1:<iv>.<tag>.<ciphertext>` (base64url); anything else is a legacy
 * plaintext value from before sealing. The associated data names the row the secret belongs to, so a
 * sealed value copied onto another user's row does not open.
 */
const PREFIX = 'gcm1:';
export const SECRET_KEY_ENV = 'ONSET_SECRET_KEY';

/** The sealing key from ONSET_SECRET_KEY (64 hex characters or base64 of 32 bytes); null when unset. */
export function secretKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const text = env[SECRET_KEY_ENV]?.trim() ?? '';
  if (text === '') return null;
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32)
    throw new Error(
      `${SECRET_KEY_ENV} must be 32 bytes, as 64 hex characters or base64 (make one with: openssl rand -hex 32)`,
    );
  return key;
}

/** Whether a stored value is sealed (as opposed to a legacy plaintext value). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** Seals `plain` for the row named by `context`. */
export function sealSecret(plain: string, key: Buffer, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
}

/** The plaintext of a stored value; a legacy plaintext value is returned as it is. */
export function openSecret(stored: string, key: Buffer | null, context: string): string {
  if (!isSealed(stored)) return stored;
  if (key === null) throw new Error(`a sealed secret cannot be read: ${SECRET_KEY_ENV} is not set`);
  const [iv, tag, body] = stored.slice(PREFIX.length).split('.');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv ?? '', 'base64url'), {
      authTagLength: 16,
    }).setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body ?? '', 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(
      `a sealed secret does not open: ${SECRET_KEY_ENV} is not the key it was sealed with, or the value was altered`,
    );
  }
}
