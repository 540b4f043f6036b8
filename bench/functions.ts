/**
 * Bundles every function of ours twice in one CDK app, once with ops-stack's bundling and once with
 * NodejsFunction's defaults, and measures size and cold import time of each bundle.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { LAMBDAS_DIR, OpsFunction } from '../lib/constructs/common/ops-function';
import type { ReportSettings } from '../lib/core/contracts/cost-report';
import type { NotifierSettings } from '../lib/core/contracts/notifier';
import type { RecoverySettings, TriggerSettings } from '../lib/core/recovery/function-settings';
import { quietBundling } from '../tools/cli/quiet-bundling';

export interface FunctionBench {
  readonly name: string;
  readonly opsBytes: number;
  readonly defaultBytes: number;
  /** Medians of `runs` paired cold imports (ops, default, ops, default, ...). */
  readonly opsImportMs: number;
  readonly defaultImportMs: number;
  /** Median of the per-pair ratios ops / default: below 1, ops-stack's bundle imports faster. */
  readonly importRatio: number;
  readonly runs: number;
}

/**
 * Environment a handler needs to load (they read their settings at import time). Each settings
 * document is typed by the schema its function parses, so a new required field fails type-checking
 * here instead of the bench at run time.
 */
const IMPORT_ENV: Record<string, string> = {
  HEALTH_URL: 'http://127.0.0.1:1/',
  TIMEOUT_MS: '1000',
  OPS_ENVIRONMENT: 'bench',
  COST_REPORT_SETTINGS: JSON.stringify({
    environment: 'bench',
    region: 'us-east-1',
    expectationUsd: 100,
    topics: { P2: 'arn:aws:sns:us-east-1:111111111111:p2', P3: 'arn:aws:sns:us-east-1:111111111111:p3' },
    deadLetterQueueUrl: 'https://sqs.us-east-1.amazonaws.com/111111111111/dlq',
    stateParameter: '/bench',
    burstClaimPath: '/bench/bursts',
    repeatWindowHours: 24,
    costExplorer: false,
  } satisfies ReportSettings),
  RECOVERY_SETTINGS: JSON.stringify({
    environment: 'bench',
    instance: 'db',
    capturedParameter: '/c',
    topics: { P0: 'arn:aws:sns:us-east-1:111111111111:p0', P1: 'arn:aws:sns:us-east-1:111111111111:p1' },
    graceMinutes: 5,
    restoreTimeoutMinutes: 120,
    acceptBackingUp: false,
    switch: { strategy: 'rename' },
  } satisfies RecoverySettings),
  TRIGGER_SETTINGS: JSON.stringify({
    account: '111111111111',
    region: 'us-east-1',
    instance: 'db',
    stateMachineArn: 'arn:aws:states:us-east-1:111111111111:stateMachine:x',
  } satisfies TriggerSettings),
  NOTIFIER_SETTINGS: JSON.stringify({
    region: 'us-east-1',
    alarmNamePrefix: 'ops-bench-',
    topicArns: {},
    targets: {},
    resources: { dbInstanceIdentifier: 'db', cacheClusterId: 'cache' },
    flapping: { changes: 4, windowMinutes: 30 },
    post: { timeoutMs: 1000, attempts: 1, backoffMs: 1 },
  } satisfies NotifierSettings),
};

export function functionNames(): string[] {
  return readdirSync(LAMBDAS_DIR).filter(
    (d) => d !== 'shared' && statSync(join(LAMBDAS_DIR, d, 'handler.ts'), { throwIfNoEntry: false }),
  );
}

export function benchFunctions(runs: number): FunctionBench[] {
  quietBundling();
  const app = new App({ context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new Stack(app, 'Bench');
  const names = functionNames();
  for (const name of names) {
    new OpsFunction(stack, `ops-${name}`, { name, description: name, environment: IMPORT_ENV });
    new nodejs.NodejsFunction(stack, `default-${name}`, {
      entry: join(LAMBDAS_DIR, name, 'handler.ts'),
      runtime: lambda.Runtime.NODEJS_22_X,
      // Defaults but for esbuild's size lines, which change nothing in the bundle.
      bundling: { logLevel: nodejs.LogLevel.ERROR },
    });
  }
  const assembly = app.synth();
  const template = assembly.getStackByName('Bench').template as {
    Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
  };
  const assetOf = (prefix: string) => {
    const entry = Object.entries(template.Resources).find(
      ([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith(prefix.replace(/[^A-Za-z0-9]/g, '')),
    );
    const path = entry?.[1].Metadata?.['aws:asset:path'];
    if (!path) throw new Error(`no asset for ${prefix}`);
    const dir = join(assembly.directory, path);
    const file = readdirSync(dir).find((f) => /^index\.(mjs|js)$/.test(f));
    if (!file) throw new Error(`no bundle in ${dir}`);
    return join(dir, file);
  };
  return names.map((name) => {
    const ops = assetOf(`ops-${name}`);
    const def = assetOf(`default-${name}`);
    const pairs = pairedRuns(
      () => importMs(ops),
      () => importMs(def),
      runs,
    );
    return {
      name,
      opsBytes: statSync(ops).size,
      defaultBytes: statSync(def).size,
      opsImportMs: pairs.medianA,
      defaultImportMs: pairs.medianB,
      importRatio: pairs.medianRatio,
      runs,
    };
  });
}

export interface PairedResult {
  readonly medianA: number;
  readonly medianB: number;
  /** Median of a / b over the pairs: load that changes during the bench hits both sides of a pair. */
  readonly medianRatio: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Runs `a` and `b` alternately (A B A B ...), `runs` times each, so a change of machine load
 * between the first and the last run cannot favour one side.
 */
export function pairedRuns(a: () => number, b: () => number, runs: number): PairedResult {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(a());
    bs.push(b());
  }
  return {
    medianA: median(as),
    medianB: median(bs),
    medianRatio: median(as.map((x, i) => x / (bs[i] as number))),
  };
}

/** Wall time of `import()` of a bundle in a fresh Node process (the cold-start part we control). */
export function importMs(file: string): number {
  const script = `const t = process.hrtime.bigint(); await import(${JSON.stringify(file)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    // CommonJS default bundles leave @aws-sdk/* external (the runtime provides it); resolve it here.
    // The SDK's Node 22 notice (aws/aws-sdk-js-v3#7983) would print once per process; Lambda runs 22.
    env: {
      ...process.env,
      ...IMPORT_ENV,
      NODE_PATH: join(__dirname, '..', 'node_modules'),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  return Number(out.toString());
}
