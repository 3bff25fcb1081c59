/**
 * Jest runs every test, as three projects:
 * - unit: tests beside the code in src (node; a file that renders React opts into jsdom with a
 *   `@jest-environment jsdom` docblock);
 * - integration: tests/integration, against the Graph emulator started in-process on a free port;
 * - browser: tests/browser, Debian's Chromium through playwright-core against the built tab and the
 *   emulator, one file at a time (scripts/test.sh runs it with --runInBand after the build).
 *
 * TypeScript (and JSX) is compiled by @swc/jest to CommonJS, which also rewrites `import.meta.url`
 * and `import.meta.dirname`; sources import siblings with a `.js` suffix (ESM style), which the
 * mapper strips so Jest's resolver finds the `.ts` file.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2022',
      transform: { react: { runtime: 'automatic' } },
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  transform: { '^.+\\.(m?[tj]sx?)$': swc },
  // adaptivecards (the official card parser) ships ES modules only; compile it with the rest.
  transformIgnorePatterns: ['/node_modules/(?!(adaptivecards|swiper|ssr-window|dom7)/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
export default {
  testTimeout: 60_000,
  maxWorkers: 2,
  coverageProvider: 'v8',
  collectCoverageFrom: ['src/**/*.{ts,tsx}', '!src/**/*.test.{ts,tsx}', '!src/**/*.types.ts'],
  coverageReporters: ['text-summary', 'json-summary', 'html'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
      setupFiles: ['<rootDir>/tests/support/setupDom.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/tests/browser/**/*.browser.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/support/browserTimeouts.ts'],
    },
  ],
};
