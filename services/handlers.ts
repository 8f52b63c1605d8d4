// The handler map type: one handler per contract operation, typed by the contract.
import type { OpName, OpOutput, OpParsed } from '../core/contract';
import type { Ctx } from './context';

export type Handler<N extends OpName> = (
  ctx: Ctx,
  input: OpParsed<N>,
) => OpOutput<N> | Promise<OpOutput<N>>;

export type Handlers = { [N in OpName]: Handler<N> };
export type PartialHandlers = Partial<Handlers>;

/** Merges per-area handler maps; a name implemented twice is a programming error. */
export function mergeHandlers(...parts: readonly PartialHandlers[]): Handlers {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, fn] of Object.entries(part)) {
      if (name in out) throw new Error(`Handler defined twice: ${name}`);
      out[name] = fn;
    }
  }
  return out as Handlers;
}
