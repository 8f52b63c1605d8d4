// Renderer entry: Mantine theme with a font drawn for Vietnamese, dates in Vietnamese, the app.
// The charts' and date pickers' styles come with the screens that use them (shell chunk), not
// with the login screen.
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { theme } from './theme';
import { createRoot } from 'react-dom/client';
import { App } from './app';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme}>
        <Notifications position="bottom-right" />
        <App />
      </MantineProvider>
    </StrictMode>,
  );
}
