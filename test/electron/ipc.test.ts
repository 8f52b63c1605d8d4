import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { OP_NAMES } from '../../core/contract/index';
import { AppError, type Result } from '../../core/errors';
import { bindContract } from '../../electron/main/ipc';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpc() {
  const handlers = new Map<string, Handler>();
  const ipc = {
    handle: (channel: string, fn: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => {
      handlers.delete(channel);
    },
  } as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>;
  return { ipc, handlers };
}

function event(url: string, opts: { id?: number; subframe?: boolean; noFrame?: boolean } = {}) {
  const frame = opts.noFrame ? null : { url, parent: opts.subframe ? {} : null };
  return { sender: { id: opts.id ?? 7 }, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

function setup(call?: (key: string, name: string, input: unknown) => Promise<Result<unknown>>) {
  const seen: [string, string, unknown][] = [];
  const backend = {
    call:
      call ??
      ((key: string, name: string, input: unknown) => {
        seen.push([key, name, input]);
        return Promise.resolve({ ok: true as const, value: name });
      }),
  };
  const { ipc, handlers } = fakeIpc();
  const unbind = bindContract(ipc, backend);
  const invoke = (name: string, ev: IpcMainInvokeEvent, input: unknown = {}) => {
    const handler = handlers.get(`op:${name}`);
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler(ev, input);
  };
  return { handlers, seen, unbind, invoke };
}

describe('bindContract', () => {
  it('binds exactly one channel per contract operation', () => {
    const { handlers, unbind } = setup();
    expect([...handlers.keys()].sort()).toEqual(OP_NAMES.map((n) => `op:${n}`).sort());
    unbind();
    expect(handlers.size).toBe(0);
  });

  it('passes trusted calls to the backend with a per-webContents session key', async () => {
    const { seen, invoke } = setup();
    const name = OP_NAMES[0] ?? '';
    await expect(invoke(name, event('app://isoxa/login', { id: 3 }), { x: 1 })).resolves.toEqual({
      ok: true,
      value: name,
    });
    expect(seen).toEqual([['wc:3', name, { x: 1 }]]);
  });

  it.each([
    ['a foreign page', event('https://evil.example/')],
    ['a file:// page', event('file:///C:/x.html')],
    ['another app:// host', event('app://other/')],
    ['a subframe', event('app://isoxa/', { subframe: true })],
    ['a destroyed frame', event('app://isoxa/', { noFrame: true })],
  ])('answers FORBIDDEN to %s without calling the backend', async (_label, ev) => {
    const { seen, invoke } = setup();
    const result = (await invoke(OP_NAMES[0] ?? '', ev)) as Result<unknown>;
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(seen).toEqual([]);
  });

  it('turns a thrown error into a Result instead of leaking it', async () => {
    const name = OP_NAMES[0] ?? '';
    const boom = setup(() => Promise.reject(new Error('secret stack')));
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = (await boom.invoke(name, event('app://isoxa/'))) as Result<unknown>;
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret');

    const locked = setup(() => Promise.reject(new AppError('DB_LOCKED')));
    await expect(locked.invoke(name, event('app://isoxa/'))).resolves.toMatchObject({
      ok: false,
      error: { code: 'DB_LOCKED' },
    });
  });
});
