// Loads data for a screen, on the desk and on the province dashboard: keeps the latest answer
// only (a slow old request never overwrites a newer one), exposes the Vietnamese error text,
// and lets the screen reload or replace it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './errors';

export interface Loaded<T> {
  readonly data: T | null;
  readonly error: string | null;
  readonly loading: boolean;
  readonly reload: () => void;
  readonly setData: (value: T) => void;
}

/**
 * `loader` must be memoised (useCallback): a new function means "load again". `toText` words a
 * failure (the province dashboard passes its own client's); it is read at failure time, so it
 * need not be memoised.
 */
export function useLoad<T>(
  loader: () => Promise<T>,
  toText: (error: unknown) => string = errorText,
): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const words = useRef(toText);
  words.current = toText;
  useEffect(() => {
    let live = true;
    setLoading(true);
    loader().then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(words.current(err));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [loader, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload, setData };
}
