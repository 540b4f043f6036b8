import { type App, Aws, Stage, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { CostAnomalyStack } from '../constructs/cost/cost-anomaly-monitor';
import { stackName, topicName } from '../core/catalog/naming';
import type { EnvironmentConfig } from '../core/config/schema';
import { ConfigError } from '../core/environments/load';
import { analyzeFreeTier, type FreeTierReport, type TemplateInput } from '../core/guard/free-tier';
import { OpsStack } from './ops-stack';

/** Where Cost Explorer resources live (`AWS::CE::*` exists only there). */
export const COST_EXPLORER_REGION = 'us-east-1';

/**
 * One CDK Stage per environment, named after it, so `npx cdk deploy 'NAME/*'` deploys exactly that
 * environment's stacks, in dependency order. Stack names are set explicitly so they stay what they
 * were before stages (`ticketing-ops-NAME`), and the cdk-nag packs run on every synth.
 */
export interface AddEnvironmentsOptions {
  /** When the deploy of this synth starts, for the deploy mute. @default - no deploy mute */
  readonly deployStartsAt?: Date;
}

/** Throws `ConfigError` listing every environment's pages that reach nobody. */
export function addEnvironments(
  app: App,
  configs: readonly EnvironmentConfig[],
  options: AddEnvironmentsOptions = {},
): OpsStack[] {
  const stacks = configs.map((config) => {
    const stage = new Stage(app, config.name);
    const name = stackName(config.name);
    const main = new OpsStack(stage, name, {
      config,
      stackName: name,
      ...(options.deployStartsAt ? { deployStartsAt: options.deployStartsAt } : {}),
    });
    if (config.budget.anomalyMonitor && config.region !== COST_EXPLORER_REGION) {
      // The P2 topic is addressed by its name; the dependency makes CloudFormation create it first.
      const account = config.account ?? Aws.ACCOUNT_ID;
      const anomalyName = `${name}-cost-anomaly`;
      const anomaly = new CostAnomalyStack(stage, anomalyName, {
        stackName: anomalyName,
        env: { region: COST_EXPLORER_REGION, ...(config.account ? { account: config.account } : {}) },
        description: `ops-stack ${config.name}: Cost Anomaly Detection monitor (us-east-1 only)`,
        environment: config.name,
        topicArn: `arn:${Aws.PARTITION}:sns:${config.region}:${account}:${topicName(config.name, 'P2')}`,
        thresholdUsd: config.budget.anomalyThresholdUsd,
        ...(config.budget.existingAnomalyMonitorArn
          ? { existingMonitorArn: config.budget.existingAnomalyMonitorArn }
          : {}),
      });
      anomaly.addStackDependency(main, 'its subscription publishes to the P2 topic of the main stack');
    }
    return main;
  });
  const problems = stacks.flatMap((s) => s.pagingProblems);
  if (problems.length > 0) throw new ConfigError(problems);
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
