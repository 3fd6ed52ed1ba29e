import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Time-based one-time passwords as RFC 6238 defines them: HMAC-SHA1, 30-second steps, 6 digits. */
const STEP_SECONDS = 30;
const DIGITS = 6;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31] ?? '';
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31] ?? '';
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/=+$/, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The code for one time step (RFC 4226 dynamic truncation). */
export function hotp(secret: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', secret).update(message).digest();
  const offset = (digest[digest.length - 1] ?? 0) & 0xf;
  const code = (digest.readUInt32BE(offset) & 0x7fffffff) % 10 ** DIGITS;
  return code.toString().padStart(DIGITS, '0');
}

export function totpAt(secretBase32: string, at: Date): string {
  return hotp(base32Decode(secretBase32), Math.floor(at.getTime() / 1000 / STEP_SECONDS));
}

/** The time step a moment falls in. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / STEP_SECONDS);
}

/**
 * The time step `code` is valid for: the current step or one either side (clock drift between phone and
 * server), and only a step after `after` (the last step accepted), so each code works once. Every
 * candidate is compared in constant time. Null when the code is not accepted.
 */
export function acceptedTotpStep(secretBase32: string, code: string, at: Date, after: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const step = totpStep(at);
  const secret = base32Decode(secretBase32);
  const presented = Buffer.from(code);
  let accepted: number | null = null;
  for (const candidate of [step - 1, step, step + 1]) {
    const matches = timingSafeEqual(Buffer.from(hotp(secret, candidate)), presented);
    if (matches && accepted === null && (after === null || candidate > after)) accepted = candidate;
  }
  return accepted;
}

/** Whether `code` is valid at `at`, leaving aside whether it was used before. */
export function verifyTotp(secretBase32: string, code: string, at: Date): boolean {
  return acceptedTotpStep(secretBase32, code, at, null) !== null;
}
