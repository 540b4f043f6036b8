import { type App, Aws, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { CostAnomalyStack } from '../constructs/cost/cost-anomaly-monitor';
import { stackName, topicName } from '../core/catalog/naming';
import type { EnvironmentConfig } from '../core/config/schema';
import { analyzeFreeTier, type FreeTierReport, type TemplateInput } from '../core/guard/free-tier';
import { OpsStack } from './ops-stack';

/** Adds one stack per environment and the cdk-nag packs that every synth runs. */
export function addEnvironments(app: App, configs: readonly EnvironmentConfig[]): OpsStack[] {
  const stacks = configs.map((config) => new OpsStack(app, stackName(config.name), { config }));
  for (const config of configs) {
    if (!config.budget.anomalyMonitor || config.region === 'us-east-1') continue;
    // Cost Explorer resources exist only in us-east-1; the P2 topic is addressed by its name.
    const account = config.account ?? Aws.ACCOUNT_ID;
    new CostAnomalyStack(app, `${stackName(config.name)}-cost-anomaly`, {
      env: { region: 'us-east-1', ...(config.account ? { account: config.account } : {}) },
      description: `ops-stack ${config.name}: Cost Anomaly Detection monitor (us-east-1 only)`,
      environment: config.name,
      topicArn: `arn:${Aws.PARTITION}:sns:${config.region}:${account}:${topicName(config.name, 'P2')}`,
      thresholdUsd: config.budget.anomalyThresholdUsd,
    });
  }
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
