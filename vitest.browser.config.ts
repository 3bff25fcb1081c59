import { defineConfig } from 'vitest/config';

/** Browser tests: Chromium against the built tab (dist/local) and the emulator, one file at a time. */
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.browser.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
