// The app:// scheme: registered as privileged before 'ready', then served from the built
// renderer and the printing fonts. Loading from a custom origin (not file://) gives the page
// a real origin for CSP and lets the navigation/IPC checks compare against one fixed value.
import { protocol } from 'electron';
import { createAppHandler, type AppRoots } from './app-handler';
import { APP_SCHEME } from './security';

/** Must run before app 'ready'. Not corsEnabled or bypassCSP: nothing else may read us. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

/** Call after 'ready'. Serves the default session, which every window of the app uses. */
export function serveApp(roots: AppRoots): void {
  protocol.handle(APP_SCHEME, createAppHandler(roots));
}
