// Both ends of the IPC conversation between the sync benchmark (parent: the province, the
// line) and its office processes (sync-client.ts): ready → go → result.
import { fork } from 'node:child_process';
import path from 'node:path';
import { enrollResponse, SCHEMA_VERSION } from '../../core/sync/protocol';
import { SyncHttp } from '../../services/sync/http';
import { generateDeviceKey } from '../../services/sync/state';

export const APP_VERSION = '0.1.0-bench';

type Info = Record<string, number>;
export type Result = Record<string, unknown>;

type ChildMessage =
  | { readonly type: 'ready'; readonly info: Info }
  | { readonly type: 'result'; readonly result: Result }
  | { readonly type: 'error'; readonly message: string };

// ---------------------------------------------------------------------------------------
// Child side

export const send = (message: ChildMessage) =>
  new Promise<void>((resolve) => process.send?.(message, () => resolve()));

/** Tells the parent this process is set up; resolves when the parent says go. */
export const ready = (info: Info): Promise<void> =>
  new Promise((resolve) => {
    process.once('message', () => resolve());
    void send({ type: 'ready', info });
  });

/** Enrolls a new device key with a one-time code, as sync.enroll does. */
export async function enroll(url: string, code: string, name: string) {
  const keys = generateDeviceKey();
  const http = new SyncHttp({ baseUrl: url, appVersion: APP_VERSION, timeoutMs: 60_000 });
  const reply = await http.request('POST', '/v1/enroll', enrollResponse, {
    body: {
      code,
      publicKey: keys.publicKey,
      deviceName: name,
      appVersion: http.appVersion,
      schemaVersion: SCHEMA_VERSION,
    },
  });
  return { ...reply, ...keys };
}

// ---------------------------------------------------------------------------------------
// Parent side

export interface Child {
  /** Resolves with the child's set-up figures once it is ready to start. */
  readonly ready: Promise<Info>;
  /** Starts the measured work; resolves with its result. */
  go(): Promise<Result>;
}

/** Forks the bundled client (bundleClient) in `mode`. */
export function startChild(
  bundle: string,
  mode: string,
  args: Record<string, string | number>,
): Child {
  const argv = [mode, ...Object.entries(args).flatMap(([k, v]) => [`--${k}`, String(v)])];
  const child = fork(bundle, argv, {
    execArgv: [],
    env: { ...process.env, NODE_PATH: path.resolve('node_modules') },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let onResult: (r: Result) => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const result = new Promise<Result>((resolve, reject) => {
    onResult = resolve;
    fail = reject;
  });
  const ready = new Promise<Info>((resolve, reject) => {
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'ready') resolve(m.info);
      else if (m.type === 'result') onResult(m.result);
      else {
        const error = new Error(`${mode} client failed: ${m.message}`);
        reject(error);
        fail(error);
      }
    });
    child.on('exit', (code) => {
      const error = new Error(`${mode} client exited (${code}) ${stderr.slice(-2000)}`);
      reject(error);
      fail(error);
    });
  });
  // Both promises may end unobserved when the other one carries the failure.
  ready.catch(() => undefined);
  result.catch(() => undefined);
  return {
    ready,
    go: () => {
      child.send({ type: 'go' });
      return result;
    },
  };
}
