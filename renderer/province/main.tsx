// Province dashboard entry: the desktop's theme and font, dates in Vietnamese, the app.
import 'dayjs/locale/vi';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { theme } from '../src/theme';
import { createRoot } from 'react-dom/client';
import { ProvinceApp } from './app';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MantineProvider theme={theme}>
        <DatesProvider settings={{ locale: 'vi', firstDayOfWeek: 1 }}>
          <Notifications position="bottom-right" autoClose={3000} />
          <ProvinceApp />
        </DatesProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
