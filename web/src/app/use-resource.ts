import { useCallback, useEffect, useState } from 'react';
import type { Problem } from '../shared/problem.js';
import { api, problemOf } from './api.js';

export interface Resource<T> {
  data: T | null;
  error: Problem | null;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (null: nothing yet) and keeps the latest answer; `reload` asks again after a write. */
export function useResource<T>(path: string | null): Resource<T> {
  const [state, setState] = useState<{ data: T | null; error: Problem | null; loading: boolean }>({
    data: null,
    error: null,
    loading: path !== null,
  });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    api.get<T>(path).then(
      (data) => {
        if (current) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (current) setState({ data: null, error: problemOf(error), loading: false });
      },
    );
    return () => {
      current = false;
    };
  }, [path, version]);
  const reload = useCallback(() => {
    setVersion((v) => v + 1);
  }, []);
  return { ...state, reload };
}
