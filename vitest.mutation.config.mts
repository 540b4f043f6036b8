/**
 * The vitest config of `npm run mutation`: the project's config, running only the test files of
 * the module being mutated (tools/mutation/run.ts passes them in OPS_STACK_MUTATION_TESTS).
 * Stryker's own `testFiles` option is not used: with it, Stryker activates mutants in module-level
 * data only after the module has loaded, so tests that assert that data still read as survivors
 * (stryker-mutator/stryker-js#6144, open in 9.x and 10.0).
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.mts';

const tests = JSON.parse(process.env.OPS_STACK_MUTATION_TESTS ?? '[]') as string[];
if (tests.length === 0) throw new Error('OPS_STACK_MUTATION_TESTS: expected the test files to run, as JSON');

export default defineConfig({
  ...base,
  test: { ...base.test, include: tests, reporters: ['default'] },
});
