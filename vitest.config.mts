import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
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
