import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'node_modules/**'],
          environment: 'node',
          // Integration tests start real servers and databases; on a 2-core CI machine under
          // load 5 s is not enough for some (a timeout is a failure, not a slow pass).
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // Screens answer after a backend round trip; on a busy 2-core machine that takes
          // more than expect.poll's default second. Waiting longer never passes a wrong screen.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
