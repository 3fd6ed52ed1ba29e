import { describe, expect, it } from 'vitest';
import { invalid, OnsetError } from '../shared/errors.js';
import { errorFromWorker, errorToWorker } from './worker-error.js';

/** An error as the caller receives it from a worker: through structured clone, as postMessage sends it. */
const across = (error: unknown): Error => errorFromWorker(structuredClone(errorToWorker(error)));

describe('an error crossing from a read worker', () => {
  it('a refusal arrives as the caller’s own OnsetError, with its code, status, message and fields', () => {
    const sent = invalid('filter.to', 'must be later than filter.from (the period is [from, to))');
    const received = across(sent);
    expect(received).toBeInstanceOf(OnsetError);
    expect(received).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 400,
      message: sent.message,
      problems: [...sent.problems],
    });
  });

  it('a lost PostgreSQL connection arrives as DATABASE_UNAVAILABLE (503), its reason kept as the cause', () => {
    const lost = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const received = across(lost);
    expect(received).toBeInstanceOf(OnsetError);
    expect(received).toMatchObject({ code: 'DATABASE_UNAVAILABLE', status: 503 });
    expect((received.cause as Error).message).toBe('terminating connection due to administrator command');
  });

  it('anything else keeps its name, message, stack and code, and is no OnsetError (a 500 that leaks nothing)', () => {
    const bug = Object.assign(new TypeError('x is not a function'), { code: 'SQLITE_CORRUPT' });
    const received = across(bug);
    expect(received).not.toBeInstanceOf(OnsetError);
    expect(received).toMatchObject({ name: 'TypeError', message: 'x is not a function', code: 'SQLITE_CORRUPT' });
    expect(received.stack).toBe(bug.stack);
    expect(across('a thrown string').message).toBe('a thrown string');
  });
});
