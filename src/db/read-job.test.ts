import { describe, expect, it } from 'vitest';
import { transferablesOf } from './read-job.js';

describe('transferablesOf: the result buffers a read worker hands over instead of copying', () => {
  it('hands over a top-level Uint8Array that is the whole of its own buffer', () => {
    const json = new TextEncoder().encode('{"n":1}');
    expect(transferablesOf({ json, n: 1 })).toEqual([json.buffer]);
  });

  it('copies what other memory may share: a pooled Buffer, a view into a larger buffer, nested bytes', () => {
    const pooled = Buffer.from('small');
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.byteLength);
    const view = new Uint8Array(new ArrayBuffer(16), 4, 8);
    expect(transferablesOf({ pooled, view, nested: { bytes: new Uint8Array(4) } })).toEqual([]);
  });

  it('hands over nothing for results that are not objects', () => {
    expect(transferablesOf(null)).toEqual([]);
    expect(transferablesOf('text')).toEqual([]);
    expect(transferablesOf(new Uint8Array(4))).toEqual([]);
  });
});
