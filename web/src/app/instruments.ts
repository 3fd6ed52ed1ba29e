import { useEffect, useState } from 'react';
import { api } from './api.js';
import type { Instrument, Page } from './types.js';

let cache: Promise<Instrument[]> | null = null;

/** The instrument list (GET /api/v1/instruments), fetched once per page load. */
export function loadInstruments(): Promise<Instrument[]> {
  cache ??= api.get<Page<Instrument> | Instrument[]>('/api/v1/instruments').then(
    (body) => (Array.isArray(body) ? body : body.items),
    () => [],
  );
  return cache;
}

/** The instruments, once loaded (empty until then, or when the list cannot be had). */
export function useInstruments(): Instrument[] {
  const [list, setList] = useState<Instrument[]>([]);
  useEffect(() => {
    let current = true;
    void loadInstruments().then((items) => {
      if (current) setList(items);
    });
    return () => {
      current = false;
    };
  }, []);
  return list;
}

/** "GAD-7" for 'gad7' (the id itself, upper-cased, until the list has loaded). */
export function instrumentName(instruments: readonly Instrument[], id: string): string {
  return instruments.find((i) => i.id === id)?.shortName ?? id.toUpperCase();
}
