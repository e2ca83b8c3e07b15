import { defineConfig } from 'vitest/config';

// Browser tests: the built page (dist/, from `npm run build`) served by `vite preview` and driven
// by Debian's Chromium through playwright-core. One file at a time: the machine has 2 cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
