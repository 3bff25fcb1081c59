/**
 * Jest resolver for mutation runs only (stryker.config.mjs). Stryker's per-test coverage needs
 * every test file to run in its own environment wrapper; a test that asks for jsdom with a
 * `@jest-environment jsdom` docblock would otherwise get plain jsdom and Stryker would stop the
 * dry run. So `jest-environment-jsdom` is answered with Stryker's jsdom wrapper (which loads the
 * real one itself, not through this resolver); every other request resolves as usual.
 */
module.exports = (request, options) =>
  request === 'jest-environment-jsdom'
    ? require.resolve('@stryker-mutator/jest-runner/jest-env/jsdom')
    : options.defaultResolver(request, options);
