import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { PROBE_METRIC, PROBE_NAMESPACE } from './catalog/app-metrics';
import { type ResolvedCatalog, resolveCatalog } from './catalog/resolve';
import type { SignalContext } from './catalog/types';
import { acknowledgeSchedulerInvokes } from './common/nag';
import { type EnvironmentConfig, SEVERITIES } from './config/schema';
import { AccountBudget } from './cost/account-budget';
import { allowCostAnomalyAlerts, CostAnomalyMonitor } from './cost/cost-anomaly-monitor';
import { CostReport } from './cost/cost-report';
import { type EnvironmentFacts, FACTS_KEY } from './guard/facts';
import { AppLogRetention } from './monitoring/app-log-retention';
import { CatalogAlarms } from './monitoring/catalog-alarms';
import { HealthProbe } from './monitoring/health-probe';
import { LogQueries } from './monitoring/log-queries';
import { OpsDashboards } from './monitoring/ops-dashboards';
import { ChatNotifier } from './paging/chat-notifier';
import { SeverityTopics } from './paging/severity-topics';
import { RecoveryTriggers } from './recovery/recovery-triggers';
import { RecoveryWorkflow } from './recovery/recovery-workflow';

/** Stack output holding the recovery state machine ARN. */
export const RECOVERY_OUTPUT = 'RecoveryStateMachineArn';

/** Billing metrics exist only in us-east-1 and read near zero while credits pay. */
function estimatedChargesWidget(): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({
    title: 'Estimated charges this month (us-east-1 billing metric, net of credits)',
    width: 8,
    height: 6,
    left: [
      new cloudwatch.Metric({
        namespace: 'AWS/Billing',
        metricName: 'EstimatedCharges',
        dimensionsMap: { Currency: 'USD' },
        statistic: 'Maximum',
        period: Duration.hours(6),
        region: 'us-east-1',
        label: 'USD',
      }),
    ],
  });
}

export interface OpsStackProps extends StackProps {
  readonly config: EnvironmentConfig;
}

/** One environment's operations stack. It only wires constructs together. */
export class OpsStack extends Stack {
  readonly catalog: ResolvedCatalog;
  readonly topics: SeverityTopics;
  readonly config: EnvironmentConfig;
  /** The DB recovery workflow, when `recovery` is configured. */
  readonly recovery?: RecoveryWorkflow;

  constructor(scope: Construct, id: string, props: OpsStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      env: { region: config.region, ...(config.account ? { account: config.account } : {}) },
      description: `ops-stack ${config.name}: alarms, SLO dashboards and paging (${config.profile} profile)`,
    });
    this.topics = new SeverityTopics(this, 'Paging', {
      environment: config.name,
      subscriptions: config.paging,
      encryptTopics: config.paging.encryptTopics,
    });
    const resources = { pagingDeadLetterQueueName: this.topics.deadLetterQueue.queueName };
    this.config = config;
    this.catalog = resolveCatalog(config, resources);
    const context: SignalContext = {
      config,
      appNamespace: this.catalog.appNamespace,
      publishedMetrics: new Set(this.catalog.appMetrics.map((m) => m.name)),
      ...resources,
    };

    const probe = new HealthProbe(this, 'HealthProbe', {
      environment: config.name,
      healthUrl: config.app.healthUrl,
      timeout: Duration.seconds(config.app.healthTimeoutSeconds),
      ...(config.app.probeNetwork ? { network: config.app.probeNetwork } : {}),
    });
    const alarms = new CatalogAlarms(this, 'Alarms', {
      environment: config.name,
      alarms: this.catalog.alarms,
      topicOf: (severity) => this.topics.topicOf(severity),
    });
    const { P2: urgent, P3: notice } = this.topics.topics;
    if (config.budget.manageBudget) {
      new AccountBudget(this, 'Budget', {
        environment: config.name,
        monthlyUsd: config.budget.monthlyUsd,
        urgentTopic: urgent,
        noticeTopic: notice,
      });
    }
    if (config.budget.anomalyMonitor) {
      allowCostAnomalyAlerts(urgent);
      // Elsewhere the monitor lives in a us-east-1 stack of its own (see ops-app.ts).
      if (config.region === 'us-east-1') {
        new CostAnomalyMonitor(this, 'CostAnomaly', {
          environment: config.name,
          topicArn: urgent.topicArn,
          thresholdUsd: config.budget.anomalyThresholdUsd,
        });
      }
    }
    const costReport = new CostReport(this, 'CostReport', {
      environment: config.name,
      expectationUsd: config.budget.monthlyUsd,
      schedule: config.budget.reportSchedule,
      repeatWindowHours: config.budget.repeatWindowHours,
      urgentTopic: urgent,
      noticeTopic: notice,
      deadLetterQueue: this.topics.deadLetterQueue,
    });

    const dashboards = new OpsDashboards(this, 'Dashboards', {
      context,
      catalog: this.catalog,
      alarms: alarms.alarms,
      dashboardShare: config.freeTier.dashboardShare,
      infrastructureExtras: [estimatedChargesWidget()],
    });
    const scheduledFunctions = [probe.function.function, costReport.function.function];
    if (config.recovery?.enabled) {
      const recovery = new RecoveryWorkflow(this, 'Recovery', {
        config: { ...config, recovery: config.recovery },
        pageTopic: this.topics.topics.P0,
        reportTopic: this.topics.topics.P1,
        deadLetterQueue: this.topics.deadLetterQueue,
      });
      const databaseDownAlarm = alarms.alarms.get('database-down');
      new RecoveryTriggers(this, 'RecoveryTriggers', {
        environment: config.name,
        instance: config.database.instanceIdentifier,
        stateMachine: recovery.stateMachine,
        steps: recovery.steps,
        deadLetterQueue: this.topics.deadLetterQueue,
        ...(databaseDownAlarm ? { databaseDownAlarm } : {}),
      });
      this.recovery = recovery;
      // The ops CLI finds the workflow through this output.
      new CfnOutput(this, RECOVERY_OUTPUT, { value: recovery.stateMachine.stateMachineArn });
      scheduledFunctions.push(recovery.steps.function);
    }
    const hasChat = SEVERITIES.some((s) => config.paging[s].some((sub) => sub.type === 'chat'));
    if (hasChat) {
      new ChatNotifier(this, 'ChatNotifier', {
        config,
        topics: this.topics.topics,
        deadLetterQueue: this.topics.deadLetterQueue,
        ...(dashboards.primaryDashboardName ? { dashboardName: dashboards.primaryDashboardName } : {}),
      });
    }
    new AppLogRetention(this, 'AppLogRetention', { logGroups: config.app.logGroups });
    new LogQueries(this, 'LogQueries', {
      environment: config.name,
      logGroupNames: config.app.logGroups.map((g) => g.name),
    });

    const facts: EnvironmentFacts = {
      environment: config.name,
      ...(config.account ? { account: config.account } : {}),
      region: config.region,
      profile: config.profile,
      customMetrics: [
        {
          namespace: PROBE_NAMESPACE,
          name: PROBE_METRIC,
          dimensions: { Environment: config.name },
          source: 'probe',
        },
        ...this.catalog.appMetrics.map((m) => ({
          namespace: this.catalog.appNamespace,
          name: m.name,
          dimensions: {},
          source: 'application' as const,
        })),
      ],
    };
    this.templateOptions.metadata = { [FACTS_KEY]: facts };
    acknowledgeSchedulerInvokes(this, scheduledFunctions);
  }
}
