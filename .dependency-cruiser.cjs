/**
 * The architecture's import rules, checked by `npm test` (`npm run deps`). Layers, lowest first:
 *   lib/core/*          pure logic: no aws-cdk-lib, constructs, cdk-nag, AWS SDK, construct or function code
 *   lib/constructs/*    CDK constructs, one concern each: import core and common constructs
 *   lib/stacks/*        wire constructs into stacks and the app
 *   lambdas/<fn>/*      function code: imports core, lambdas/shared and its own folder
 *   bin, tools, bench, test: anything
 * Inside lib/core the folders are layered too (see `coreLayers`): a folder may import only the
 * folders before it, so no two folders can import each other.
 * docs/ARCHITECTURE.md explains the layout; change both together.
 */
const coreLayers = [
  ['severity'],
  ['config'],
  ['catalog'],
  ['environments', 'guard', 'recovery', 'paging'],
  ['contracts'],
  ['replay'],
  ['docs'],
];

const layerRules = coreLayers.flatMap((folders, index) => {
  const later = coreLayers.slice(index + 1).flat();
  const peers = folders;
  return folders.map((folder) => ({
    name: `core-${folder}-layer`,
    comment: `lib/core/${folder} may import only lib/core folders in earlier layers (see coreLayers).`,
    severity: 'error',
    from: { path: `^lib/core/${folder}/` },
    to: {
      path: `^lib/core/(${[...later, ...peers.filter((p) => p !== folder)].join('|')})/`,
    },
  }));
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules must not depend on each other in a cycle.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment: 'lib/core is pure logic: no CDK, no AWS SDK, no constructs, stacks or function code.',
      severity: 'error',
      from: { path: '^lib/core/' },
      to: {
        path: [
          '(^|/)node_modules/(aws-cdk-lib|constructs|cdk-nag|@aws-sdk|@aws-lambda-powertools)/',
          '^lib/(constructs|stacks)/',
          '^lambdas/',
        ],
      },
    },
    {
      name: 'constructs-not-stacks-or-functions',
      comment: 'Constructs import core and other constructs, never stacks or function code.',
      severity: 'error',
      from: { path: '^lib/constructs/' },
      to: { path: ['^lib/stacks/', '^lambdas/'] },
    },
    {
      name: 'lib-not-tools',
      comment: 'The library never imports the command-line tools, benchmarks or tests.',
      severity: 'error',
      from: { path: '^(lib|lambdas)/' },
      to: { path: '^(bin|tools|bench|test)/' },
    },
    {
      name: 'functions-import-core-and-shared',
      comment: 'Function code imports lib/core, lambdas/shared and its own folder only.',
      severity: 'error',
      from: { path: '^lambdas/([^/]+)/' },
      to: {
        path: ['^lib/(constructs|stacks)/', '(^|/)node_modules/(aws-cdk-lib|constructs|cdk-nag)/'],
      },
    },
    {
      name: 'functions-not-each-other',
      comment: 'One function folder never imports another; share through lambdas/shared or lib/core.',
      severity: 'error',
      from: { path: '^lambdas/([^/]+)/' },
      to: { path: '^lambdas/', pathNot: ['^lambdas/$1/', '^lambdas/shared/'] },
    },
    {
      name: 'shared-functions-code-is-shared',
      comment: 'lambdas/shared imports no single function.',
      severity: 'error',
      from: { path: '^lambdas/shared/' },
      to: { path: '^lambdas/', pathNot: '^lambdas/shared/' },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^node_modules', '^cdk.out', '^test/fixtures/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
