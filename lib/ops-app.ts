import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { stackName } from './catalog/naming';
import type { EnvironmentConfig } from './config/schema';
import { analyzeFreeTier, type FreeTierReport, type TemplateInput } from './guard/free-tier';
import { OpsStack } from './ops-stack';

/** Adds one stack per environment and the cdk-nag packs that every synth runs. */
export function addEnvironments(app: App, configs: readonly EnvironmentConfig[]): OpsStack[] {
  const stacks = configs.map((config) => new OpsStack(app, stackName(config.name), { config }));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return stacks;
}

/** The free-tier guard over everything the app synthesized. */
export function freeTierReportOf(
  stacks: readonly { stackName: string; template: unknown }[],
): FreeTierReport {
  return analyzeFreeTier(
    stacks.map((s) => ({ stackName: s.stackName, template: s.template as TemplateInput['template'] })),
  );
}
