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

/**
 * A request to the browser-mode server with what proves this page's run and session (headers
 * from sessionStorage); keeps the session id the server issues and forgets a refused one.
 */
export async function browserFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('x-isoxa-run', window.sessionStorage.getItem(RUN_KEY) ?? '');
  const sid = window.sessionStorage.getItem(SESSION_KEY);
  if (sid) headers.set('x-isoxa-session', sid);
  const response = await fetch(url, { ...init, headers, credentials: 'omit' });
  const issued = response.headers.get('x-isoxa-session');
  if (issued) window.sessionStorage.setItem(SESSION_KEY, issued);
  if (response.status === 401) window.sessionStorage.removeItem(SESSION_KEY);
  return response;
}

/** A browser-mode answer as a Result (a refused run or session is NOT_AUTHENTICATED). */
export async function browserResult(response: Response): Promise<Result<unknown>> {
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
  return (await response.json()) as Result<unknown>;
}

const httpTransport: Transport = async (name, input) => {
  const result = await browserResult(
    await browserFetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    }),
  );
  if (name === 'auth.logout') window.sessionStorage.removeItem(SESSION_KEY);
  return result;
};

if (!window.isoxa) takeRunTokenFromUrl();

/** Tells the app when a call reports an expired or missing session. */
export function watchSession<T>(result: Result<T>): Result<T> {
  if (
    !result.ok &&
    (result.error.code === 'SESSION_EXPIRED' || result.error.code === 'NOT_AUTHENTICATED')
  ) {
    for (const l of sessionListeners) l(result.error.code);
  }
  return result;
}

const transport: Transport = async (name, input) => {
  const result = watchSession(
    window.isoxa ? await window.isoxa.call(name, input) : await httpTransport(name, input),
  );
  reportCall(name, result.ok);
  return result;
};

export const api = createClient(transport);
