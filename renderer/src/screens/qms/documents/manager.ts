// Who manages documents in the UI (the services check again): the ISO secretary and leaders.
import { useSession } from '../../../auth/session';

export function useDocumentManager(): boolean {
  const { session } = useSession();
  return session?.user.roles.some((r) => r === 'leader' || r === 'iso_coordinator') ?? false;
}
