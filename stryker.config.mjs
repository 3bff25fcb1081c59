// @ts-check
/**
 * Mutation testing (`npm run mutation`): StrykerJS changes the code under test one small way at a
 * time (a `<` for a `<=`, a condition for `true`, a string for "") and runs the tests that cover
 * that line. A mutant the tests do not notice "survives": the tests would pass with that bug.
 * Scope: the pure code, where a test can pin behaviour exactly (all of src/domain, and the graph
 * layer's mappers, paging, reminders, schema and send limiter). docs/testing.md has the figures
 * and the mutants named as equivalent.
 *
 * Jest runs the unit project only (jest.config.js), as one flat config: Stryker's coverage hooks
 * are set on the top-level config and would not reach a project's. While working on one file:
 * `npx stryker run --mutate src/domain/answers.ts --incrementalFile reports/one-file.json` (a
 * run writes its incremental file with only the files it mutated, so keep the committed one whole).
 */
import { readdirSync, readFileSync } from 'node:fs';
import jestConfig from './jest.config.js';

const unit = jestConfig.projects.find((p) => p.displayName === 'unit');
if (!unit) throw new Error('jest.config.js has no "unit" project');
const { displayName: _name, ...unitConfig } = unit;

/**
 * Test files that ask for jsdom with a docblock are left out of mutation runs: Jest loads a
 * docblock's environment itself, past Stryker's wrapper, so they report no per-test coverage and
 * Stryker refuses the run. They are component tests (React) and the card parser check; the pure
 * code's behaviour is tested in node.
 */
const jsdomTests = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.test\.tsx?$/.test(f))
  .map((f) => `src/${f.replaceAll('\\', '/')}`)
  .filter((f) => /@jest-environment\s+jsdom/.test(readFileSync(f, 'utf8')));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  plugins: ['@stryker-mutator/jest-runner'],
  jest: {
    projectType: 'custom',
    // Stryker's sandbox is the root; nothing is read from jest.config.js but the unit project.
    configFile: 'package.json',
    config: {
      ...unitConfig,
      testPathIgnorePatterns: ['/node_modules/', ...jsdomTests.map((f) => `<rootDir>/${f}`)],
    },
    enableFindRelatedTests: true,
  },
  coverageAnalysis: 'perTest',
  // Static mutants (in module-level data: the tools' prompts and descriptors, labels, the list
  // schema) cannot be traced to a test, so each one runs every related test file: half the
  // mutants, 98% of the time (over an hour on two shared cores). They are left out; the data is
  // checked by the tools, labels and schema tests instead. See docs/testing.md.
  ignoreStatic: true,
  // Incremental mode: the last whole run's results are committed (reports/stryker-incremental.json),
  // and the next run re-tests only the mutants whose code or covering tests changed since. A
  // killed mutant is reused while the test that killed it is unchanged; any other while no test
  // that covers it changed. `npm run mutation -- --force` tests every mutant again.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: 2,
  mutate: [
    'src/domain/**/*.ts',
    '!src/domain/**/*.test.ts',
    '!src/domain/**/*.types.ts',
    'src/graph/mappers.ts',
    'src/graph/sectionAnswers.ts',
    'src/graph/paging.ts',
    'src/graph/reminders.ts',
    'src/graph/schema.ts',
    'src/graph/rateLimiter.ts',
  ],
  // Only what the unit tests need goes into Stryker's sandbox.
  ignorePatterns: [
    'dist',
    'coverage',
    'reports',
    '.data',
    'appPackage/build',
    'tests/browser',
    'bench',
  ],
  reporters: ['clear-text', 'html', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: {
    allowColor: false,
    logTests: false,
    reportMutants: true,
    reportScoreTable: true,
  },
  thresholds: { high: 85, low: 70, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  timeoutMS: 10000,
  timeoutFactor: 2,
};
