import { expect, it } from 'vitest';
import { ConnectBackoff } from './postgres-pool.js';

function clocked(): { backoff: ConnectBackoff; at: (ms: number) => void } {
  let now = 1_000;
  return { backoff: new ConnectBackoff(100, 800, () => now), at: (ms) => (now = 1_000 + ms) };
}

it('connects freely until a connection is refused, then waits 100 ms before trying again', () => {
  const { backoff, at } = clocked();
  expect(backoff.mayConnect()).toBe(true);
  backoff.failed(1_000);
  expect(backoff.waitMs).toBe(100);
  at(99);
  expect(backoff.mayConnect()).toBe(false);
  at(100);
  expect(backoff.mayConnect()).toBe(true);
});

it('doubles the wait after each refused retry, up to its bound', () => {
  const { backoff, at } = clocked();
  const waits: number[] = [];
  let t = 0;
  for (let i = 0; i < 6; i++) {
    at(t);
    expect(backoff.mayConnect()).toBe(true);
    backoff.failed(1_000 + t);
    waits.push(backoff.waitMs);
    t += backoff.waitMs;
  }
  expect(waits).toEqual([100, 200, 400, 800, 800, 800]);
});

it('lets one retry through at a time while backing off', () => {
  const { backoff, at } = clocked();
  backoff.failed(1_000);
  at(100);
  expect(backoff.mayConnect()).toBe(true);
  expect(backoff.mayConnect()).toBe(false);
});

it('counts attempts that were already under way when the database began refusing as one refusal', () => {
  const { backoff, at } = clocked();
  at(5);
  backoff.failed(1_000);
  backoff.failed(1_000);
  backoff.failed(1_002);
  expect(backoff.waitMs).toBe(100);
});

it('a connection that succeeds ends the backoff', () => {
  const { backoff, at } = clocked();
  backoff.failed(1_000);
  at(100);
  expect(backoff.mayConnect()).toBe(true);
  backoff.succeeded();
  expect(backoff.waitMs).toBe(0);
  expect(backoff.mayConnect()).toBe(true);
  expect(backoff.mayConnect()).toBe(true);
});
