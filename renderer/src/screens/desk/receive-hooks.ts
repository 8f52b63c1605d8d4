// Data the receive form follows: the appointment (refreshed each minute, since it depends on
// the time of receipt) and the people who can take the next step.
import { useEffect, useState } from 'react';
import { STEP_ROLES, type StepRole } from '../../../../core/catalog/schema';
import type { OpOutput } from '../../../../core/contract';
import { api } from '../../api/client';
import { errorText, notifyError } from '../../components/errors';

export type Preview = OpOutput<'dossiers.preview'>;
export type Assignee = OpOutput<'desk.assignees'>[number];

const MINUTE = 60_000;

export function usePreview(procedureId: string | null): {
  preview: Preview | null;
  error: string | null;
} {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setPreview(null);
    if (!procedureId) return undefined;
    let live = true;
    const load = () =>
      api.dossiers.preview({ procedureId }).then(
        (p) => {
          if (!live) return;
          setPreview(p);
          setError(null);
        },
        (err: unknown) => live && setError(errorText(err)),
      );
    void load();
    const timer = setInterval(() => void load(), MINUTE);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [procedureId]);
  return { preview, error };
}

export function isStepRole(role: string | null | undefined): role is StepRole {
  return STEP_ROLES.some((r) => r === role);
}

export function useAssignees(role: string | null | undefined): Assignee[] {
  const [people, setPeople] = useState<Assignee[]>([]);
  useEffect(() => {
    setPeople([]);
    if (!isStepRole(role)) return undefined;
    let live = true;
    api.desk.assignees({ role }).then(
      (list) => live && setPeople(list),
      (err: unknown) => live && notifyError(err),
    );
    return () => {
      live = false;
    };
  }, [role]);
  return people;
}
