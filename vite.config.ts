import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Two pages: the desktop app (index.html) and the province dashboard the server serves.
    rollupOptions: {
      input: { main: 'renderer/index.html', province: 'renderer/province.html' },
    },
  },
});
