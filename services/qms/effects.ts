// What a transition does to other records or tables, keyed 'kind.transition'. Most
// transitions have none; those that do run inside the transition's own transaction.
import type { Effect } from './records';

export const EFFECTS: Readonly<Record<string, Effect>> = {};
