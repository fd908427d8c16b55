import { useCallback, useEffect, useRef, useState } from 'react';
import i18n from 'i18next';
import { type ApiError, toApiError } from './errors';

/** ApiState is what useApi returns: the last data, the last error, loading, and reload. */
export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * useApi runs an API call when its deps change and keeps the latest answer;
 * answers to superseded calls are dropped.
 */
export function useApi<T>(call: () => Promise<T>, deps: readonly unknown[]): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const callRef = useRef(call);
  callRef.current = call;

  // Answers hold texts the server wrote in the app's language: ask again when it changes.
  useEffect(() => {
    const again = () => setTick((n) => n + 1);
    i18n.on('languageChanged', again);
    return () => i18n.off('languageChanged', again);
  }, []);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    callRef.current().then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(toApiError(e));
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
