// Where a login starts: the one decision of which screen a user sees first. Every login lands
// there, whatever the previous user of this PC was looking at.
import { notifications } from '@mantine/notifications';

export interface LandingUser {
  readonly permissions: readonly string[];
}

/** The user's landing screen (the hash route). */
export function landingPath(_user: Readonly<LandingUser>): string {
  // "Việc cần làm" for every role: what waits on this user is what they open each morning.
  return '/inbox';
}

/** Forgets the last session's place and messages: the next user starts on their own screen. */
export function startFresh(user: Readonly<LandingUser> | null): void {
  notifications.clean();
  const path = user ? landingPath(user) : '/';
  // Replace, not push: Back must not lead into the previous user's page.
  window.history.replaceState(null, '', `${window.location.pathname}#${path}`);
}
