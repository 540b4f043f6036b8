import { CfnOutput, Duration, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { acknowledgeSchedulerInvokes } from '../constructs/common/nag';
import { AccountBudget } from '../constructs/cost/account-budget';
import { allowCostAnomalyAlerts, CostAnomalyMonitor } from '../constructs/cost/cost-anomaly-monitor';
import { CostReport } from '../constructs/cost/cost-report';
import { estimatedChargesWidget } from '../constructs/cost/estimated-charges';
import { AppLogRetention } from '../constructs/monitoring/app-log-retention';
import { CatalogAlarms } from '../constructs/monitoring/catalog-alarms';
import { HealthProbe } from '../constructs/monitoring/health-probe';
import { LogQueries } from '../constructs/monitoring/log-queries';
import { OpsDashboards } from '../constructs/monitoring/ops-dashboards';
import { ChatNotifier, chatTargets } from '../constructs/paging/chat-notifier';
import { MaintenanceMutes } from '../constructs/paging/maintenance-mutes';
import { SeverityTopics } from '../constructs/paging/severity-topics';
import { RecoveryTriggers } from '../constructs/recovery/recovery-triggers';
import { RecoveryWorkflow } from '../constructs/recovery/recovery-workflow';
import { PROBE_METRIC, PROBE_NAMESPACE } from '../core/catalog/app-metrics';
import { CAPTURED_SETTINGS_OUTPUT, RECOVERY_OUTPUT } from '../core/catalog/naming';
import { type ResolvedCatalog, resolveCatalog, signalIds } from '../core/catalog/resolve';
import { billingFamilyOf } from '../core/config/billing-family';
import type { EnvironmentConfig } from '../core/config/schema';
import { ASSUMED_ANOMALY_ALERTS_PER_MONTH, COST_EXPLORER_CALLS_PER_RUN } from '../core/contracts/cost-report';
import {
  eventInvocationsPerMonth,
  FUNCTION_LOG_BYTES,
  LAMBDA_PLATFORM_BYTES,
} from '../core/contracts/function-logs';
import { topicMessagesPerMonth } from '../core/contracts/paging-volume';
import type { ConfigProblem } from '../core/environments/load';
import { type EnvironmentFacts, FACTS_KEY } from '../core/guard/facts';
import { unknownWindowSignals } from '../core/paging/mute-rules';
import { publishersBySeverity, SERVICE_TOPICS } from '../core/paging/publishers';
import { pagingProblems } from '../core/paging/reachability';
import { stackTags } from '../core/paging/tags';
import { ASSUMED_RUNS_PER_MONTH, TRANSITIONS_PER_RUN } from '../core/recovery/cost';
import { requiresApproval } from '../core/recovery/settings';

export interface OpsStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  /**
   * When this synth's deploy starts: the deploy mute (`paging.maintenance.deploy`) counts from it.
   * @default - no deploy mute is synthesized
   */
  readonly deployStartsAt?: Date;
}

/** One environment's operations stack. It only wires constructs together. */
export class OpsStack extends Stack {
  readonly catalog: ResolvedCatalog;
  readonly topics: SeverityTopics;
  readonly config: EnvironmentConfig;
  /** The DB recovery workflow, when `recovery` is configured. */
  readonly recovery?: RecoveryWorkflow;
  /** Config problems only the synthesized stack reveals (pages that reach nobody); ops-app throws them. */
  readonly pagingProblems: readonly ConfigProblem[];

  constructor(scope: Construct, id: string, props: OpsStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      env: { region: config.region, ...(config.account ? { account: config.account } : {}) },
      description: `ops-stack ${config.name}: alarms, SLO dashboards and paging (${config.profile} profile)`,
    });
    for (const [key, value] of Object.entries(stackTags(config.name))) Tags.of(this).add(key, value);
    this.topics = new SeverityTopics(this, 'Paging', {
      environment: config.name,
      subscriptions: config.paging,
      encryptTopics: config.paging.encryptTopics,
    });
    const resources = { pagingDeadLetterQueueName: this.topics.deadLetterQueue.queueName };
    this.config = config;
    this.catalog = resolveCatalog(config, resources);

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
    const topic = this.topics.topics;
    let budgetNotices = { urgent: 0, notice: 0 };
    if (config.budget.manageBudget) {
      budgetNotices = new AccountBudget(this, 'Budget', {
        environment: config.name,
        monthlyUsd: config.budget.monthlyUsd,
        urgentTopic: topic[SERVICE_TOPICS.budget.urgent],
        noticeTopic: topic[SERVICE_TOPICS.budget.notice],
      }).notificationsByTopic;
    }
    if (config.budget.anomalyMonitor) {
      const urgent = topic[SERVICE_TOPICS.anomalyMonitor.urgent];
      allowCostAnomalyAlerts(urgent);
      // Elsewhere the monitor lives in a us-east-1 stack of its own (see ops-app.ts).
      if (config.region === 'us-east-1') {
        new CostAnomalyMonitor(this, 'CostAnomaly', {
          environment: config.name,
          topicArn: urgent.topicArn,
          thresholdUsd: config.budget.anomalyThresholdUsd,
          ...(config.budget.existingAnomalyMonitorArn
            ? { existingMonitorArn: config.budget.existingAnomalyMonitorArn }
            : {}),
        });
      }
    }
    const costReport = new CostReport(this, 'CostReport', {
      environment: config.name,
      expectationUsd: config.budget.monthlyUsd,
      schedule: config.budget.reportSchedule,
      repeatWindowHours: config.budget.repeatWindowHours,
      costExplorer: config.budget.costExplorer,
      urgentTopic: topic[SERVICE_TOPICS.costReport.urgent],
      noticeTopic: topic[SERVICE_TOPICS.costReport.notice],
      deadLetterQueue: this.topics.deadLetterQueue,
    });

    const dashboards = new OpsDashboards(this, 'Dashboards', {
      catalog: this.catalog,
      alarms: alarms.alarms,
      dashboardShare: config.freeTier.dashboardShare,
      infrastructureExtras: [estimatedChargesWidget()],
    });
    const scheduledFunctions = [probe.handler.lambda, costReport.handler.lambda];
    if (config.recovery?.enabled) {
      const recovery = new RecoveryWorkflow(this, 'Recovery', {
        environment: config.name,
        instance: config.database.instanceIdentifier,
        recovery: config.recovery,
        requiresApproval: requiresApproval(config.tier, config.recovery),
        pageTopic: topic[SERVICE_TOPICS.recovery.page],
        reportTopic: topic[SERVICE_TOPICS.recovery.report],
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
      new CfnOutput(this, CAPTURED_SETTINGS_OUTPUT, { value: recovery.capturedSettings.parameterName });
      scheduledFunctions.push(recovery.steps.lambda);
    }
    const chat = chatTargets(config.paging);
    if (Object.keys(chat).length > 0) {
      const n = config.paging.notifier;
      new ChatNotifier(this, 'ChatNotifier', {
        environment: config.name,
        topics: this.topics.topics,
        targets: chat,
        resources: {
          dbInstanceIdentifier: config.database.instanceIdentifier,
          cacheClusterId: config.cache.clusterId,
          ...(config.cache.replicationGroupId ? { replicationGroupId: config.cache.replicationGroupId } : {}),
        },
        post: { timeoutSeconds: n.timeoutSeconds, attempts: n.attempts },
        flapping: { changes: n.flappingChanges, windowMinutes: n.flappingWindowMinutes },
        deadLetterQueue: this.topics.deadLetterQueue,
        ...(dashboards.primaryDashboardName ? { dashboardName: dashboards.primaryDashboardName } : {}),
      });
    }
    new AppLogRetention(this, 'AppLogRetention', { logGroups: config.app.logGroups });
    new LogQueries(this, 'LogQueries', {
      environment: config.name,
      logGroupNames: config.app.logGroups.map((g) => g.name),
    });

    const { maintenance } = config.paging;
    new MaintenanceMutes(this, 'Mutes', {
      environment: config.name,
      alarms: alarms.mutable,
      windows: maintenance.windows,
      alarmResources: alarms.resources,
      ...(maintenance.deploy && props.deployStartsAt
        ? { deployMute: { ...maintenance.deploy, startsAt: props.deployStartsAt } }
        : {}),
    });
    const file = `config/${config.name}.yaml`;
    this.pagingProblems = [
      ...pagingProblems({
        environment: config.name,
        region: config.region,
        subscriptions: config.paging,
        silent: config.paging.silent,
        publishers: publishersBySeverity({
          alarms: this.catalog.alarms.map((a) => ({
            id: a.id,
            severity: a.severity,
            actionsEnabled: a.kind === 'composite-alarm' || a.actionsEnabled,
          })),
          budget: config.budget.manageBudget,
          anomalyMonitor: config.budget.anomalyMonitor,
          recovery: config.recovery?.enabled ?? false,
        }),
      }),
      ...unknownWindowSignals(maintenance.windows, signalIds()),
    ].map((p) => ({ file, ...p }));

    const anomalyAlerts = config.budget.anomalyMonitor ? ASSUMED_ANOMALY_ALERTS_PER_MONTH : 0;
    const costTopics: readonly string[] = [
      SERVICE_TOPICS.costReport.urgent,
      SERVICE_TOPICS.costReport.notice,
    ];
    const events = eventInvocationsPerMonth({
      alarmsToNotifier:
        Object.keys(chat).length === 0
          ? 0
          : // Its state-change rule sees every alarm; SNS brings those on chat severities again.
            this.catalog.alarms.length + this.catalog.alarms.filter((a) => a.severity in chat).length,
      alarmsToCostTopics: this.catalog.alarms.filter((a) => costTopics.includes(a.severity)).length,
      costNotices: budgetNotices.urgent + budgetNotices.notice + anomalyAlerts,
      recoveryRunsPerMonth: config.recovery?.enabled ? ASSUMED_RUNS_PER_MONTH : 0,
      recoveryTransitionsPerRun: TRANSITIONS_PER_RUN,
    });
    const functionLogs = Object.fromEntries(
      Object.entries(FUNCTION_LOG_BYTES).map(([name, bytes]) => [
        name,
        {
          bytesPerInvocation: LAMBDA_PLATFORM_BYTES + bytes,
          eventInvocationsPerMonth: events[name as keyof typeof events],
        },
      ]),
    );
    const family = billingFamilyOf(config);
    const facts: EnvironmentFacts = {
      environment: config.name,
      ...(config.account ? { account: config.account } : {}),
      region: config.region,
      profile: config.profile,
      billingFamily: { id: family.id, label: family.label },
      customMetrics: [
        {
          namespace: PROBE_NAMESPACE,
          name: PROBE_METRIC,
          dimensions: { Environment: config.name },
          source: 'probe',
        },
        ...this.catalog.appMetrics.map((m) => ({
          namespace: this.catalog.context.appNamespace,
          name: m.name,
          dimensions: {},
          source: 'application' as const,
        })),
      ],
      ...(config.recovery?.enabled
        ? {
            workflows: [
              {
                name: 'db-recovery',
                transitionsPerRun: TRANSITIONS_PER_RUN,
                runsPerMonth: ASSUMED_RUNS_PER_MONTH,
              },
            ],
          }
        : {}),
      costReport: {
        schedule: config.budget.reportSchedule,
        costExplorer: config.budget.costExplorer,
        costExplorerCallsPerRun: COST_EXPLORER_CALLS_PER_RUN,
        anomalyAlertsPerMonth: anomalyAlerts,
      },
      functionLogs,
      topicMessagesPerMonth: topicMessagesPerMonth({
        alarmSeverities: this.catalog.alarms
          .filter((a) => a.kind === 'composite-alarm' || a.actionsEnabled)
          .map((a) => a.severity),
        reportSchedule: config.budget.reportSchedule,
        budgetNotifications: budgetNotices,
        anomalyAlerts,
        recoveryRuns: config.recovery?.enabled ? ASSUMED_RUNS_PER_MONTH : 0,
      }),
      ...(config.app.logIngestGbPerMonth !== undefined
        ? { appLogIngestGbPerMonth: config.app.logIngestGbPerMonth }
        : {}),
      ...(config.paging.smsPrices.length > 0 ? { smsPrices: config.paging.smsPrices } : {}),
    };
    this.templateOptions.metadata = { [FACTS_KEY]: facts };
    acknowledgeSchedulerInvokes(this, scheduledFunctions);
  }
}
