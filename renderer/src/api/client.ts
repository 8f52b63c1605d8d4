// The UI's only way to the backend: the typed contract client over the Electron bridge
// (window.isoxa) or, in browser mode, over HTTP to the local browser-mode server.
import type { IsoxaBridge } from '../../../core/contract/bridge';
import { createClient, type Transport } from '../../../core/contract/client';
import type { Result } from '../../../core/errors';

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

const httpTransport: Transport = async (name, input) => {
  const response = await fetch(`/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(input ?? {}),
  });
  if (!response.ok && response.status !== 200) {
    return {
      ok: false,
      error: {
        code: 'NOT_AUTHENTICATED',
        message: 'Phiên chạy đã hết hiệu lực. Hãy mở lại đường dẫn được in ra khi khởi động.',
      },
    };
  }
  return (await response.json()) as Result<unknown>;
};

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
  return result;
};

export const api = createClient(transport);
