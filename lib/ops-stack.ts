import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PROBE_METRIC, PROBE_NAMESPACE } from './catalog/app-metrics';
import { type ResolvedCatalog, resolveCatalog } from './catalog/resolve';
import type { SignalContext } from './catalog/types';
import { type EnvironmentConfig, SEVERITIES } from './config/schema';
import { type EnvironmentFacts, FACTS_KEY } from './guard/facts';
import { AppLogRetention } from './monitoring/app-log-retention';
import { CatalogAlarms } from './monitoring/catalog-alarms';
import { HealthProbe } from './monitoring/health-probe';
import { LogQueries } from './monitoring/log-queries';
import { OpsDashboards } from './monitoring/ops-dashboards';
import { ChatNotifier } from './paging/chat-notifier';
import { SeverityTopics } from './paging/severity-topics';

export interface OpsStackProps extends StackProps {
  readonly config: EnvironmentConfig;
}

/** One environment's operations stack. It only wires constructs together. */
export class OpsStack extends Stack {
  readonly catalog: ResolvedCatalog;
  readonly topics: SeverityTopics;

  constructor(scope: Construct, id: string, props: OpsStackProps) {
    const { config } = props;
    super(scope, id, {
      ...props,
      env: { region: config.region, ...(config.account ? { account: config.account } : {}) },
      description: `ops-stack ${config.name}: alarms, SLO dashboards and paging (${config.profile} profile)`,
    });
    this.topics = new SeverityTopics(this, 'Paging', {
      subscriptions: config.paging,
      encryptTopics: config.paging.encryptTopics,
    });
    const resources = { pagingDeadLetterQueueName: this.topics.deadLetterQueue.queueName };
    this.catalog = resolveCatalog(config, resources);
    const context: SignalContext = {
      config,
      appNamespace: this.catalog.appNamespace,
      publishedMetrics: new Set(this.catalog.appMetrics.map((m) => m.name)),
      ...resources,
    };

    new HealthProbe(this, 'HealthProbe', {
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
    const dashboards = new OpsDashboards(this, 'Dashboards', {
      context,
      catalog: this.catalog,
      alarms: alarms.alarms,
      dashboardShare: config.freeTier.dashboardShare,
    });
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
  }
}
