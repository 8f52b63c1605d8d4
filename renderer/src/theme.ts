// The look shared by the desktop app and the province dashboard: a font drawn for Vietnamese.
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { Badge, createTheme } from '@mantine/core';

const FONT = "'Be Vietnam Pro', 'Segoe UI', Arial, sans-serif";

export const theme = createTheme({
  fontFamily: FONT,
  headings: { fontFamily: FONT },
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  components: {
    // A state or kind badge is read whole: in a narrow table column it widens the column
    // rather than being cut to "ĐANG LẬP KẾ HOẠ…".
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content', flexShrink: 0 } } }),
  },
});
