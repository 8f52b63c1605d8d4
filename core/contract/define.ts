// Building blocks of the app contract: an operation is a name, input and output schemas,
// and the access it needs. Everything else (IPC, HTTP, client, handlers) derives from this.
import type { z } from 'zod';
import type { Permission } from '../auth/roles';

/** 'public': no login; 'user': any logged-in user; otherwise the permission needed. */
export type Access = 'public' | 'user' | Permission;

export interface OpDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
}

export function op<I extends z.ZodType, O extends z.ZodType>(def: OpDef<I, O>): OpDef<I, O> {
  return def;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

/** Merges per-area operation maps; a name defined twice is a programming error. */
export function defineContract<const P extends readonly Record<string, OpDef>[]>(
  ...parts: P
): UnionToIntersection<P[number]> {
  const out: Record<string, OpDef> = {};
  for (const part of parts) {
    for (const [name, def] of Object.entries(part)) {
      if (!/^[a-z]+\.[a-zA-Z]+$/.test(name)) throw new Error(`Bad operation name: ${name}`);
      if (name in out) throw new Error(`Duplicate operation: ${name}`);
      out[name] = def;
    }
  }
  return out as UnionToIntersection<P[number]>;
}
