// The user's "Việc cần làm", loaded once for the whole shell: the inbox screen shows it and
// the navigation counts it. It reloads after every write the app makes (api/changes.ts), and
// every few minutes for work others hand over (a dossier forwarded to this user).
import { createContext, useCallback, useContext, useEffect, type ReactNode } from 'react';
import type { OpOutput } from '../../../core/contract';
import { onDataChanged } from '../api/changes';
import { api } from '../api/client';
import { useLoad, type Loaded } from '../components/use-load';

export type Inbox = OpOutput<'qms.inbox'>;

const InboxContext = createContext<Loaded<Inbox> | null>(null);

const POLL_MS = 3 * 60_000;

export function InboxProvider({ children }: { readonly children: ReactNode }) {
  const loaded = useLoad(useCallback(() => api.qms.inbox({}), []));
  const { reload } = loaded;
  useEffect(() => {
    // Several writes in a row (save, then a transition) reload once.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onDataChanged(() => {
      clearTimeout(timer);
      timer = setTimeout(reload, 150);
    });
    const poll = setInterval(reload, POLL_MS);
    return () => {
      off();
      clearTimeout(timer);
      clearInterval(poll);
    };
  }, [reload]);
  return <InboxContext.Provider value={loaded}>{children}</InboxContext.Provider>;
}

export function useInbox(): Loaded<Inbox> {
  const value = useContext(InboxContext);
  if (!value) throw new Error('useInbox outside InboxProvider');
  return value;
}
