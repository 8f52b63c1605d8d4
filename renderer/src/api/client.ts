// The UI's only way to the backend: the typed contract client over the Electron bridge
// (window.isoxa) or, in browser mode, over HTTP to the local browser-mode server.
import type { IsoxaBridge } from '../../../core/contract/bridge';
import { createClient, type Transport } from '../../../core/contract/client';
import type { Result } from '../../../core/errors';
import { reportCall } from './changes';

declare global {
  interface Window {
    isoxa?: IsoxaBridge;
  }
}

type Listener = (code: string) => void;
const sessionListeners = new Set<Listener>();

/** Lets the app react when any call reports an expired or missing session. */
export function onSessionLost(listener: Listener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

// Browser mode: the run token comes once in the URL printed at start; it and the session id
// the server issues at login live in sessionStorage (this origin and tab only: never sent to
// another port the way cookies are) and travel as headers.
const RUN_KEY = 'isoxa.run';
const SESSION_KEY = 'isoxa.session';

function takeRunTokenFromUrl(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  window.sessionStorage.setItem(RUN_KEY, token);
  window.sessionStorage.removeItem(SESSION_KEY);
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
}

const httpTransport: Transport = async (name, input) => {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-isoxa-run': window.sessionStorage.getItem(RUN_KEY) ?? '',
  };
  const sid = window.sessionStorage.getItem(SESSION_KEY);
  if (sid) headers['x-isoxa-session'] = sid;
  const response = await fetch(`/api/${name}`, {
    method: 'POST',
    headers,
    credentials: 'omit',
    body: JSON.stringify(input ?? {}),
  });
  const issued = response.headers.get('x-isoxa-session');
  if (issued) window.sessionStorage.setItem(SESSION_KEY, issued);
  if (response.status === 401) window.sessionStorage.removeItem(SESSION_KEY);
  if (response.status !== 200) {
    const body = (await response.json().catch(() => null)) as Result<unknown> | null;
    return body && !body.ok
      ? body
      : {
          ok: false,
          error: {
            code: 'NOT_AUTHENTICATED',
            message: 'Phiên chạy đã hết hiệu lực. Hãy mở lại đường dẫn được in ra khi khởi động.',
          },
        };
  }
  const result = (await response.json()) as Result<unknown>;
  if (name === 'auth.logout') window.sessionStorage.removeItem(SESSION_KEY);
  return result;
};

if (!window.isoxa) takeRunTokenFromUrl();

const transport: Transport = async (name, input) => {
  const result = window.isoxa
    ? await window.isoxa.call(name, input)
    : await httpTransport(name, input);
  if (
    !result.ok &&
    (result.error.code === 'SESSION_EXPIRED' || result.error.code === 'NOT_AUTHENTICATED')
  ) {
    for (const l of sessionListeners) l(result.error.code);
  }
  reportCall(name, result.ok);
  return result;
};

export const api = createClient(transport);
