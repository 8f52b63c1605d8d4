// The contract states the permission each dossier action really needs: a role the contract lets
// through can do the action in some state (core/desk/actions.ts), and a role it stops never can.
import { describe, expect, it } from 'vitest';
import { ROLES, hasPermission, type Role } from '../../../core/auth/roles';
import { STEP_ROLES } from '../../../core/catalog/schema';
import { contract } from '../../../core/contract';
import {
  DOSSIER_ACTIONS,
  availableActions,
  type ActionState,
  type DossierAction,
} from '../../../core/desk/actions';
import { DOSSIER_STATUSES } from '../../../core/desk/types';

const ME = 'me';

function* states(): Generator<ActionState> {
  for (const status of DOSSIER_STATUSES)
    for (const stepRole of STEP_ROLES)
      for (const assigneeId of [null, ME, 'someone-else'])
        for (const isLastStep of [false, true])
          for (const extended of [false, true])
            yield { status, stepRole, assigneeId, isLastStep, extended, dueAt: 2, now: 1 };
}

function canEver(role: Role, action: DossierAction): boolean {
  for (const s of states())
    if (availableActions(s, { id: ME, roles: [role] }).includes(action)) return true;
  return false;
}

describe('dossier actions and the contract', () => {
  it.each(DOSSIER_ACTIONS)(
    'dossiers.%s: the contract lets through exactly the roles that can act',
    (action) => {
      const access = contract[`dossiers.${action}`].access;
      expect(access).not.toBe('dossiers.read');
      for (const role of ROLES) {
        const allowed = access !== 'public' && access !== 'user' && hasPermission([role], access);
        expect(canEver(role, action), `${role} ${action}`).toBe(allowed);
      }
    },
  );
});
