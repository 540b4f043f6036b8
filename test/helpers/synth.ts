/** Builds configs and stacks for tests, offline and without bundling. */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parse, stringify } from 'yaml';
import type { EnvironmentConfig } from '../../lib/core/config/schema';
import { parseEnvironment } from '../../lib/core/environments/load';
import { addEnvironments } from '../../lib/stacks/ops-app';
import type { OpsStack } from '../../lib/stacks/ops-stack';
import { quietBundling } from '../../tools/cli/quiet-bundling';

export const CONFIG_DIR = join(__dirname, '..', '..', 'config');

/**
 * A fresh directory with only the example configs: a team's own files in config/ (such as the
 * prod.yaml `ops init` writes) must not change what the tests see.
 */
export function examplesOnlyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-examples-'));
  for (const file of readdirSync(CONFIG_DIR).filter((f) => /^example-.*\.yaml$/.test(f))) {
    copyFileSync(join(CONFIG_DIR, file), join(dir, file));
  }
  return dir;
}

export function exampleRaw(name: string): Record<string, unknown> {
  return parse(readFileSync(join(CONFIG_DIR, `${name}.yaml`), 'utf8')) as Record<string, unknown>;
}

/** An example config with top-level keys replaced (deep-merge is not needed: tests say what they set). */
export function configFrom(
  example: string,
  overrides: Record<string, unknown> = {},
  name = example,
): EnvironmentConfig {
  const raw = { ...exampleRaw(example), ...overrides };
  const result = parseEnvironment(name, stringify(raw), `${name}.yaml`);
  if ('problems' in result) throw new Error(JSON.stringify(result.problems, null, 2));
  return result.config;
}

export function problemsOf(raw: unknown, name = 'test-env'): string[] {
  const result = parseEnvironment(name, typeof raw === 'string' ? raw : stringify(raw), `${name}.yaml`);
  return 'problems' in result ? result.problems.map((p) => `${p.path}: ${p.message}`) : [];
}

/** The feature flags of cdk.json, so tests synthesize what `cdk synth` does. */
const CDK_CONTEXT = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as { context: object }
).context;

export function newApp(bundle = false): App {
  if (bundle) quietBundling();
  return new App({ context: { ...CDK_CONTEXT, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) } });
}

export function synthStacks(configs: readonly EnvironmentConfig[]): { app: App; stacks: OpsStack[] } {
  const app = newApp();
  const stacks = addEnvironments(app, configs);
  return { app, stacks };
}

export function templateOf(config: EnvironmentConfig): { stack: OpsStack; template: Template } {
  const { stacks } = synthStacks([config]);
  const stack = stacks[0];
  if (!stack) throw new Error('no stack');
  return { stack, template: Template.fromStack(stack) };
}
