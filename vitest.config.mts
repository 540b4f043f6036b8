import { defineConfig } from 'vitest/config';

/**
 * `npm run mutation` (tools/mutation/run.ts) runs only the mutated module's tests, given here as
 * JSON. Stryker's own `testFiles` option is not used: with it, Stryker activates mutants in
 * module-level data only after the module has loaded, so tests that assert that data still read as
 * survivors (stryker-mutator/stryker-js#6144, open in 9.x and 10.0).
 */
const mutationTests = process.env.OPS_STACK_MUTATION_TESTS;

export default defineConfig({
  test: {
    include: mutationTests ? (JSON.parse(mutationTests) as string[]) : ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/setup.ts'],
    env: {
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      // Tests run on the machine's Node 20 while the functions run on Lambda's nodejs22.x, so the
      // SDK's Node 20 end-of-support notice is a test artefact; this is the SDK's documented switch
      // (aws/aws-sdk-js-v3#7983).
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Synth-heavy files run in parallel processes; two cores here.
    pool: 'forks',
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
