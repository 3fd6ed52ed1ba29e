import { describe, expect, it } from 'vitest';
import {
  centsColumn,
  computedColumn,
  defaultedColumn,
  flagColumn,
  jsonColumn,
  rowMapping,
  utcColumn,
} from './row-mapping.js';

interface ThingRow {
  clinic_id: string;
  id: string;
  created_at: string;
  updated_at: string;
  given_at: string;
  price_cents: number | null;
  phase: string;
  tags: string;
  synthetic: number;
  mg_per_kg: number | null;
  notes: string | null;
}

interface Thing {
  id: string;
  clinicId: string;
  createdAt: string;
  updatedAt: string;
  givenAt: string;
  priceUsd: number | null;
  phase: string;
  tags: string[];
  synthetic: boolean;
  mgPerKg: number | null;
  notes: string | null;
}

const columns = rowMapping<ThingRow, Thing>({
  givenAt: utcColumn('given_at'),
  priceUsd: centsColumn('price_cents'),
  phase: defaultedColumn('phase', 'induction'),
  tags: jsonColumn('tags', []),
  synthetic: flagColumn('synthetic'),
  mgPerKg: computedColumn('mg_per_kg'),
  notes: 'notes',
});

const meta = { clinicId: 'c1', id: 'r1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' };

describe('rowMapping', () => {
  it('stores an input with its conventions: UTC time, cents, defaults, JSON, 0/1, computed columns laid over', () => {
    const row = columns.toRow({ givenAt: '2026-03-01T09:30:00+02:00', priceUsd: 412.5 }, meta, { mg_per_kg: 0.5 });
    expect(row).toEqual({
      clinic_id: 'c1',
      id: 'r1',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-02T00:00:00.000Z',
      given_at: '2026-03-01T07:30:00.000Z',
      price_cents: 41250,
      phase: 'induction',
      tags: '[]',
      synthetic: 0,
      mg_per_kg: 0.5,
      notes: null,
    });
  });

  it('reads a row back as the record, and the record back as an input without meta or computed fields', () => {
    const row = {
      ...columns.toRow(
        {
          givenAt: '2026-03-01T07:30:00Z',
          priceUsd: null,
          phase: 'maintenance',
          tags: ['a'],
          synthetic: true,
          notes: 'n',
        },
        meta,
      ),
      mg_per_kg: 0.75,
    };
    const record = columns.fromRow(row as ThingRow);
    expect(record).toEqual({
      id: 'r1',
      clinicId: 'c1',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-02T00:00:00.000Z',
      givenAt: '2026-03-01T07:30:00.000Z',
      priceUsd: null,
      phase: 'maintenance',
      tags: ['a'],
      synthetic: true,
      mgPerKg: 0.75,
      notes: 'n',
    });
    expect(columns.toInput(record)).toEqual({
      givenAt: '2026-03-01T07:30:00.000Z',
      priceUsd: null,
      phase: 'maintenance',
      tags: ['a'],
      synthetic: true,
      notes: 'n',
    });
  });

  it('a kind whose records never change in place has no updatedAt', () => {
    const once = rowMapping<Omit<ThingRow, 'updated_at'>, Omit<Thing, 'updatedAt'>>(
      {
        givenAt: 'given_at',
        priceUsd: 'price_cents',
        phase: 'phase',
        tags: 'tags',
        synthetic: 'synthetic',
        mgPerKg: 'mg_per_kg',
        notes: 'notes',
      },
      { updatedAt: false },
    );
    const row = once.toRow({ givenAt: 'x' }, meta);
    expect('updated_at' in row).toBe(false);
    expect('updatedAt' in once.fromRow(row as never)).toBe(false);
  });
});
