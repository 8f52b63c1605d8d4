// One button's action: busy while it runs, its failure as Vietnamese text, cleared on retry.
import { useCallback, useState } from 'react';
import { errorText } from './errors';

export interface Action {
  readonly busy: boolean;
  readonly error: string | null;
  readonly setError: (error: string | null) => void;
  /** Runs `work`; resolves true when it succeeded, false when its error is shown. */
  readonly run: (work: () => Promise<void>) => Promise<boolean>;
}

export function useAction(toText: (err: unknown) => string = errorText): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      setError(null);
      try {
        await work();
        return true;
      } catch (err) {
        setError(toText(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [toText],
  );
  return { busy, error, setError, run };
}
