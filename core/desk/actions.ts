// Who may do what to a dossier, from its status, its current step and the user's roles.
// Services enforce these; the UI shows only the actions this returns.
import type { Role } from '../auth/roles';
import type { DossierStatus } from './types';

export const DOSSIER_ACTIONS = [
  'forward',
  'requestSupplement',
  'resumeSupplement',
  'refuse',
  'apologize',
  'stop',
  'return',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

export interface ActionState {
  readonly status: DossierStatus;
  /** Role that owns the current step, and who holds it (null: anyone with the role). */
  readonly stepRole: string;
  readonly assigneeId: string | null;
  readonly isLastStep: boolean;
  readonly extended: boolean;
  readonly dueAt: number;
  readonly now: number;
}

export interface Actor {
  readonly id: string;
  readonly roles: readonly Role[];
}

/**
 * True when the actor holds the current step: its assignee, or any holder of its role if
 * unassigned. Either way the actor must still hold the step's role (a role taken away after the
 * hand-off takes the step with it).
 */
export function ownsStep(state: Readonly<ActionState>, actor: Readonly<Actor>): boolean {
  if (!actor.roles.includes(state.stepRole as Role)) return false;
  return state.assigneeId === null || state.assigneeId === actor.id;
}

export function availableActions(
  state: Readonly<ActionState>,
  actor: Readonly<Actor>,
): DossierAction[] {
  const owner = ownsStep(state, actor);
  const desk = actor.roles.includes('desk_officer');
  const leader = actor.roles.includes('leader');
  const out: DossierAction[] = [];
  switch (state.status) {
    case 'processing':
      if (owner && !state.isLastStep) out.push('forward');
      if (owner || desk) out.push('requestSupplement', 'refuse');
      if ((owner || leader) && !state.extended && state.now < state.dueAt) out.push('apologize');
      if (leader) out.push('stop');
      break;
    case 'ready':
      // Handing the result back is the desk's (the contract's dossiers.return), whoever owns the step.
      if (desk) out.push('return');
      if ((owner || leader) && !state.extended && state.now < state.dueAt) out.push('apologize');
      break;
    case 'supplement':
      if (desk) out.push('resumeSupplement');
      if (leader) out.push('stop');
      break;
    case 'returned':
    case 'refused':
    case 'stopped':
      break;
    default: {
      const never: never = state.status;
      return never;
    }
  }
  return out;
}
