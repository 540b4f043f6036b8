/**
 * The signal catalog: every alarm ops-stack can create, defined once. Alarms, dashboards, the
 * free-tier count, docs/alarms.md and the replay tool all read these definitions through
 * `resolveCatalog`. Thresholds are the seeds' numbers unless a config key or `thresholds.<id>`
 * overrides them.
 */

import type { Severity } from '../severity/severities';
import { PROBE_HEALTH } from './app-metrics';
import { BURN_RATE_WINDOWS, burnRateThresholdPercent } from './burn-rate';
import {
  apiErrorRatioPercent,
  apiGatewayMetric,
  appMetric,
  cacheMetric,
  HOUR,
  MINUTE,
  math,
  probeMetric,
  rdsMetric,
  single,
} from './metrics';
import type { AlarmQuery, Comparison, DashboardName, DisplayUnit, MissingData, SignalContext } from './types';

/** A query that cannot be built for this environment, and why. */
export interface NotApplicable {
  readonly notApplicable: string;
}

export interface SignalDefinition {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly seed: string;
  readonly runbook: readonly [string, string, string];
  readonly dashboard: DashboardName;
  /**
   * Order in which the free profile keeps alarms (lower first) until the environment's alarm
   * metric share is used. @default - dashboard only in the free profile
   */
  readonly freeRank?: number;
  readonly comparison: Comparison;
  readonly unit: DisplayUnit;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly missingData: MissingData;
  readonly defaultThreshold: (ctx: SignalContext) => number;
  /** Where the default threshold comes from, for docs/alarms.md. */
  readonly thresholdSource: string;
  readonly query: (ctx: SignalContext) => AlarmQuery | NotApplicable;
  /** Which custom metrics (by name) the query reads; it is not applicable when one is unpublished. */
  readonly needsAppMetrics?: readonly string[];
  /** Part of `slo.precise` only. @default - always defined */
  readonly preciseOnly?: boolean;
  /** The composite alarm pages instead of this one. @default - false */
  readonly silentWhenPrecise?: boolean;
}

const constant = (value: number) => () => value;

function burnRateSignals(): SignalDefinition[] {
  const pageRanks: Record<string, number> = { '1h': 3, '6h': 8, '3d': 11 };
  return BURN_RATE_WINDOWS.flatMap((w): SignalDefinition[] => {
    const long: SignalDefinition = {
      id: `slo-burn-${w.name}`,
      title: `Availability SLO burning ${w.burnRate}x over ${w.name}`,
      severity: w.severity,
      seed: '002 s4.1',
      runbook: [
        `At ${w.burnRate}x the ${w.name} window spends ${w.budgetSpent} of the 30-day error budget: open the SLO dashboard and find the failing routes in the "5xx by route" Logs Insights query.`,
        'Check the fast error-rate, service-down and database alarms for a cause; roll back the latest deploy if errors started with it.',
        'Record the budget spent in the incident channel; freeze risky deploys while the budget is below 25%.',
      ],
      dashboard: 'slo',
      freeRank: pageRanks[w.name],
      comparison: 'GreaterThanOrEqualToThreshold',
      unit: '%',
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      // No traffic spends no budget.
      missingData: 'notBreaching',
      defaultThreshold: (ctx) => burnRateThresholdPercent(ctx.config.slo.availability, w.burnRate),
      thresholdSource: `burn rate ${w.burnRate} x (100 - slo.availability)`,
      query: (ctx) => apiErrorRatioPercent(ctx, w.longWindowSeconds, 0),
      silentWhenPrecise: w.name !== '3d',
    };
    if (w.name === '3d') return [long];
    const short: SignalDefinition = {
      ...long,
      id: `slo-burn-${w.name}-short`,
      title: `Availability SLO burning ${w.burnRate}x over ${w.shortWindowSeconds / 60} min (confirms ${w.name})`,
      freeRank: undefined,
      query: (ctx) => apiErrorRatioPercent(ctx, w.shortWindowSeconds, 0),
      preciseOnly: true,
    };
    return [long, short];
  });
}

const serviceDown: SignalDefinition = {
  id: 'service-down',
  title: 'Service down: health check failing',
  severity: 'P0',
  seed: '002 s1.3, 000',
  runbook: [
    'Open the health URL yourself; the probe log (ops-stack probe log group) names the failing component (db, redis, kafka) or the HTTP error.',
    'If db is DOWN follow the database runbook (recovery workflow); if redis is DOWN restart or fail over the cache (003 s3.1).',
    'If the app is unreachable, check the latest deploy and the app log group; roll back or restart the service.',
  ],
  dashboard: 'slo',
  freeRank: 1,
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: 'state',
  evaluationPeriods: 2,
  datapointsToAlarm: 2,
  // A dead probe or a region-wide problem must page too.
  missingData: 'breaching',
  defaultThreshold: constant(PROBE_HEALTH.redisDown),
  thresholdSource: 'probe state >= redis down (2): redis, database or whole app down (003 s1)',
  query: (ctx) => single(probeMetric(ctx, MINUTE)),
};

function probeComponentDown(
  id: string,
  title: string,
  value: number,
  seed: string,
  runbook: SignalDefinition['runbook'],
): SignalDefinition {
  return {
    id,
    title,
    severity: 'P0',
    seed,
    runbook,
    dashboard: 'infrastructure',
    comparison: 'GreaterThanOrEqualToThreshold',
    unit: 'flag',
    evaluationPeriods: 2,
    datapointsToAlarm: 2,
    // The probe's silence is service-down's business.
    missingData: 'notBreaching',
    defaultThreshold: constant(1),
    thresholdSource: `probe state = ${value} for 2 minutes`,
    query: (ctx) =>
      math(`IF(health == ${value}, 1, 0)`, `${title} (1 = down)`, MINUTE, {
        health: probeMetric(ctx, MINUTE),
      }),
  };
}

const apiErrorRateFast: SignalDefinition = {
  id: 'api-error-rate-fast',
  title: 'API error rate at or above 5%',
  severity: 'P1',
  seed: '002 s1.3, 001 s2.2, 003 s4, 004',
  runbook: [
    'Open the SLO dashboard: which routes fail (Logs Insights "5xx by route") and since when; compare with the latest deploy.',
    'Check DB pool pending and DB connections (004 runbook 1: pool exhaustion looked exactly like this); throttle traffic at the gateway if the pool is full.',
    'Roll back the latest deploy or restart the app; confirm the error rate falls below 1%.',
  ],
  dashboard: 'slo',
  freeRank: 2,
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: '%',
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  missingData: 'notBreaching',
  defaultThreshold: constant(5),
  thresholdSource: 'seed 001 s2.2 critical error rate 5%',
  query: (ctx) => apiErrorRatioPercent(ctx, MINUTE, ctx.config.slo.minRequestsPerMinute),
};

const apiLatency: SignalDefinition = {
  id: 'api-latency-p95',
  title: 'API P95 latency at or above 1 s',
  severity: 'P2',
  seed: '001 s2.2, 003 s4, 002 s4.1',
  runbook: [
    'Open the SLO dashboard: compare P95 with the 200/500/1000 ms levels and find slow routes in the "slow requests" Logs Insights query.',
    'Check RDS CPU, DB pool pending and Redis hit rate; a Redis miss storm looked like this in 003 s3.1 (3 ms to 1,900 ms).',
    'Scale out or shed load; rebuild the cache or indexes as in 003 s3.',
  ],
  dashboard: 'slo',
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: 'ms',
  evaluationPeriods: 5,
  datapointsToAlarm: 3,
  missingData: 'notBreaching',
  defaultThreshold: constant(1000),
  thresholdSource: 'seed 003 s4 critical 1 s (warn 200 ms, 500 ms on the dashboard)',
  query: (ctx) => single(apiGatewayMetric(ctx, 'Latency', 'p95', MINUTE)),
};

const queueEntryLatency: SignalDefinition = {
  id: 'queue-entry-latency-slo',
  title: 'Queue entry latency SLO: fewer than 95% of entries within the objective',
  severity: 'P2',
  seed: '002 s4.1',
  runbook: [
    'Open the SLO dashboard latency panel: is it all entries or a spike at a ticket opening?',
    'Check Redis memory, hit rate and latency (the queue lives in Redis) and the app thread pool.',
    'Scale the app or Redis; if the queue scheduler is stuck, see queue-admission-stalled.',
  ],
  dashboard: 'slo',
  freeRank: 9,
  comparison: 'LessThanThreshold',
  unit: '%',
  evaluationPeriods: 5,
  datapointsToAlarm: 5,
  missingData: 'notBreaching',
  defaultThreshold: constant(95),
  thresholdSource: 'P95 objective: 95% of entries within slo.queueEntryLatencyMs',
  needsAppMetrics: ['QueueEntryLatency'],
  query: (ctx) =>
    single(appMetric(ctx, 'QueueEntryLatency', `PR(:${ctx.config.slo.queueEntryLatencyMs})`, MINUTE)),
};

/** Infrastructure resource signals. */
const rdsCpu: SignalDefinition = {
  id: 'rds-cpu-high',
  title: 'RDS CPU at or above 80%',
  severity: 'P2',
  seed: '002 s1.3, 003 s4',
  runbook: [
    'Open the infrastructure dashboard; find the heaviest statements (Performance Insights or the slow query log).',
    'Kill runaway queries (004 runbook 1 step 2) and check for missing indexes (002 s2.2).',
    'If load is real, add a read replica or move to a larger class (002 s4.4).',
  ],
  dashboard: 'infrastructure',
  freeRank: 5,
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: '%',
  evaluationPeriods: 5,
  datapointsToAlarm: 5,
  missingData: 'missing',
  defaultThreshold: constant(80),
  thresholdSource: 'seed 002 s1.3 (003 s4: 70 notice / 80 warn / 90 critical)',
  query: (ctx) => single(rdsMetric(ctx, 'CPUUtilization', 'Average', MINUTE)),
};

const dbConnections: SignalDefinition = {
  id: 'db-connections-high',
  title: 'DB connections at or above 80% of max_connections',
  severity: 'P2',
  seed: '001 s2.2, 004',
  runbook: [
    'Compare connections with max_connections and the app pool size on the infrastructure dashboard.',
    'Look for leaked or long-held connections: SHOW PROCESSLIST / pg_stat_activity; kill the idle-in-transaction ones.',
    'Raise max_connections or lower the pool size per instance before the next traffic peak.',
  ],
  dashboard: 'infrastructure',
  freeRank: 10,
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: 'count',
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  missingData: 'missing',
  defaultThreshold: (ctx) => Math.floor(ctx.config.database.maxConnections * 0.8),
  thresholdSource: '80% of database.maxConnections (seed 001 s2.2)',
  query: (ctx) => single(rdsMetric(ctx, 'DatabaseConnections', 'Maximum', MINUTE)),
};

const redisMemory: SignalDefinition = {
  id: 'redis-memory-high',
  title: 'Redis memory at or above 80%',
  severity: 'P2',
  seed: '002 s1.3, 003 s4',
  runbook: [
    'Check evictions and the biggest keys (redis-cli --bigkeys); the queue and seat locks must never be evicted.',
    'Shorten cache TTLs (002 s2.1) or flush stale cache keys, never queue keys.',
    'Move to a larger node type (002 s4.4: upgrade at 70% sustained).',
  ],
  dashboard: 'infrastructure',
  freeRank: 6,
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: '%',
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  missingData: 'missing',
  defaultThreshold: constant(80),
  thresholdSource: 'seed 002 s1.3',
  query: (ctx) => single(cacheMetric(ctx, 'DatabaseMemoryUsagePercentage', 'Maximum', MINUTE)),
};

const redisHitRate: SignalDefinition = {
  id: 'redis-hit-rate-low',
  title: 'Redis cache hit rate below 95%',
  severity: 'P3',
  seed: '003 s3.1',
  runbook: [
    'Check whether a deploy changed cache keys or TTLs (002 s2.1), or the cache was flushed.',
    'Warm the popular-product and event caches; check stampede locks (002 s2.1).',
    'If misses follow evictions, see redis-memory-high.',
  ],
  dashboard: 'infrastructure',
  comparison: 'LessThanThreshold',
  unit: '%',
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  missingData: 'notBreaching',
  defaultThreshold: constant(95),
  thresholdSource: 'seed 003 s3.1 keep hit rate at 95% or more',
  query: (ctx) => single(cacheMetric(ctx, 'CacheHitRate', 'Average', 5 * MINUTE)),
};

function capacity(
  id: string,
  title: string,
  seed: string,
  query: SignalDefinition['query'],
): SignalDefinition {
  return {
    id,
    title,
    severity: 'P3',
    seed,
    runbook: [
      'This is a capacity notice, not an outage: look at the last 7 days on the infrastructure dashboard.',
      'Plan the upgrade named in 002 s4.4 before the next ticket opening.',
      'Record the decision in the capacity log.',
    ],
    dashboard: 'infrastructure',
    comparison: 'GreaterThanOrEqualToThreshold',
    unit: '%',
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    missingData: 'notBreaching',
    defaultThreshold: constant(70),
    thresholdSource: 'seed 002 s4.4 sustained 70%',
    query,
  };
}

function appSignal(
  base: Omit<SignalDefinition, 'query' | 'needsAppMetrics' | 'dashboard' | 'missingData'> & {
    readonly metric: string;
    readonly statistic: string;
    readonly scale?: number;
  },
): SignalDefinition {
  const { metric, statistic, scale, ...rest } = base;
  return {
    ...rest,
    dashboard: 'infrastructure',
    // The app publishes nothing when idle.
    missingData: 'notBreaching',
    needsAppMetrics: [metric],
    query: (ctx) => {
      const m = appMetric(ctx, metric, statistic, MINUTE);
      return scale ? math(`${scale} * value`, `${rest.title}`, MINUTE, { value: m }) : single(m);
    },
  };
}

const kafkaLag = appSignal({
  id: 'kafka-consumer-lag',
  title: 'Kafka consumer lag above 1,000',
  severity: 'P2',
  seed: '004 runbook 2, 000 scenario 4',
  runbook: [
    'kafka-consumer-groups.sh --describe for the coupon and reservation groups: which partitions lag?',
    'Check consumer errors and DB insert time (004: single-row inserts at 50 ms capped consumers at 60/s).',
    'Add consumers up to the partition count or pause the producer-heavy event; watch lag fall below 100.',
  ],
  freeRank: 7,
  comparison: 'GreaterThanThreshold',
  unit: 'count',
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  defaultThreshold: constant(1000),
  thresholdSource: 'seed 004 action item: lag alert 5000 -> 1000, for 3 minutes',
  metric: 'KafkaConsumerLag',
  statistic: 'Maximum',
});

const dbPoolPending = appSignal({
  id: 'db-pool-pending',
  title: 'Threads waiting for a DB connection',
  severity: 'P1',
  seed: '004 runbook 1, 001 s1.2',
  runbook: [
    'Pool exhaustion (004): check TPS and abnormal traffic; rate-limit at the gateway.',
    'Kill statements waiting longer than 60 s (004 runbook 1 step 2).',
    'Restart the app as a last resort; raise maximum-pool-size only with DB headroom.',
  ],
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: 'count',
  evaluationPeriods: 2,
  datapointsToAlarm: 2,
  defaultThreshold: constant(10),
  thresholdSource: 'seed 004: 15 pending during the incident; timeouts > 10 for 2 minutes',
  metric: 'DbPoolPending',
  statistic: 'Maximum',
});

function outcomeSignal(
  id: string,
  title: string,
  severity: Severity,
  seed: string,
  metric: string,
  runbook: SignalDefinition['runbook'],
): SignalDefinition {
  return appSignal({
    id,
    title,
    severity,
    seed,
    runbook,
    comparison: 'GreaterThanOrEqualToThreshold',
    unit: '%',
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    defaultThreshold: constant(5),
    thresholdSource: 'seed 001 s2.2 error rate 5%',
    metric,
    statistic: 'Average',
    scale: 100,
  });
}

const queueStalled: SignalDefinition = {
  id: 'queue-admission-stalled',
  title: 'Queue admissions stalled while people wait',
  severity: 'P1',
  seed: '000 scenario 1, 002 s4.1',
  // Ranked above the latency SLO and DB connections: the 000 replay paged nobody without it.
  freeRank: 4,
  runbook: [
    'Check the admission scheduler log: did activation time out (000: queue activation timeout)?',
    'Check Redis latency and memory; the queue lives in Redis.',
    'Restart the scheduler instance; admit manually if needed and tell CS the expected wait.',
  ],
  dashboard: 'slo',
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: 'flag',
  evaluationPeriods: 5,
  datapointsToAlarm: 5,
  missingData: 'notBreaching',
  defaultThreshold: constant(1),
  thresholdSource: 'admitted < 50% of min(waiting, slo.admissionsPerHour / 60) for 5 minutes',
  needsAppMetrics: ['QueueWaitingCount', 'QueueAdmissions'],
  query: (ctx) => {
    const perMinute = Math.round(ctx.config.slo.admissionsPerHour / 60);
    return math(
      `IF(waiting >= 1 AND admitted < 0.5 * IF(waiting > ${perMinute}, ${perMinute}, waiting), 1, 0)`,
      'Queue stalled (1 = stalled)',
      MINUTE,
      {
        waiting: appMetric(ctx, 'QueueWaitingCount', 'Maximum', MINUTE),
        admitted: appMetric(ctx, 'QueueAdmissions', 'Sum', MINUTE),
      },
    );
  },
};

const couponOverIssue = appSignal({
  id: 'coupon-over-issue',
  title: 'Coupons issued beyond the policy maximum',
  severity: 'P1',
  seed: '001 s1.1',
  runbook: [
    'Stop coupon issuing at once (001 s1.1 step 1).',
    'Count issued vs max per policy; list the over-issued coupons.',
    'Revoke the excess and deploy the atomic-update fix (001 s1.1).',
  ],
  comparison: 'GreaterThanThreshold',
  unit: 'count',
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  defaultThreshold: constant(0),
  thresholdSource: 'seed 001 s1.1: issued must never exceed the maximum',
  metric: 'CouponOverIssued',
  statistic: 'Maximum',
});

const jvmHeap = appSignal({
  id: 'jvm-heap-high',
  title: 'JVM heap at or above 85% after GC',
  severity: 'P2',
  seed: '001 s1.3, 001 s2.2, 004',
  runbook: [
    'Check GC pauses and heap after GC; take a heap dump if it keeps rising (001 s1.3).',
    'Look for a leak in the last deploy; restart one instance at a time to buy time.',
    'Raise -Xmx (004 hotfix: 2 GB) or the container memory.',
  ],
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: '%',
  evaluationPeriods: 5,
  datapointsToAlarm: 5,
  defaultThreshold: constant(85),
  thresholdSource: 'seed 001 s2.2 memory 85% warning',
  metric: 'JvmHeapUsedPercent',
  statistic: 'Minimum',
});

const threadPool = appSignal({
  id: 'thread-pool-saturated',
  title: 'Tomcat thread pool above 90%',
  severity: 'P2',
  seed: '004 detection checklist',
  runbook: [
    'Find what the threads wait on: a thread dump, DB pool pending, external API latency.',
    'Shed load at the gateway; check slow external calls inside transactions (004 contributing factors).',
    'Raise the thread pool (004: 300) only together with the DB pool.',
  ],
  comparison: 'GreaterThanThreshold',
  unit: '%',
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  defaultThreshold: constant(90),
  thresholdSource: 'seed 004 thread pool > 90%',
  metric: 'ThreadPoolUsedPercent',
  statistic: 'Maximum',
});

const pagingDeadLetters: SignalDefinition = {
  id: 'paging-dead-letters',
  title: 'Pages that never reached a subscriber or chat',
  severity: 'P2',
  seed: '002 s4.2',
  runbook: [
    'Open the paging dead-letter queue in the SQS console and read the messages: which subscription or chat webhook failed?',
    'Fix the cause (a rotated webhook URL in SSM, an unconfirmed e-mail, an expired HTTPS endpoint).',
    'Check the alarms the lost messages name; purge the queue once every page is accounted for.',
  ],
  dashboard: 'infrastructure',
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: 'count',
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
  missingData: 'notBreaching',
  defaultThreshold: constant(1),
  thresholdSource: 'any message in the paging dead-letter queue',
  query: (ctx) => {
    if (!ctx.pagingDeadLetterQueueName)
      return { notApplicable: 'no paging dead-letter queue in this context' };
    return single({
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: ctx.pagingDeadLetterQueueName },
      statistic: 'Maximum',
      periodSeconds: 5 * MINUTE,
    });
  },
};

/** Every signal, in catalog order (docs and dashboards follow it). */
export const SIGNALS: readonly SignalDefinition[] = [
  serviceDown,
  apiErrorRateFast,
  ...burnRateSignals(),
  queueEntryLatency,
  apiLatency,
  queueStalled,
  rdsCpu,
  dbConnections,
  dbPoolPending,
  probeComponentDown(
    'database-down',
    'Database down (probe: db component DOWN)',
    PROBE_HEALTH.databaseDown,
    '002 s4.3, 000 scenario 2',
    [
      'Check the RDS console events: a failure (RDS-EVENT-0031) or deletion (0003) starts the recovery workflow.',
      'Follow the recovery workflow run: it restores to the latest restorable time, switches the endpoint and reports RTO/RPO.',
      'Tell CS and stop ticket opening until the report says switched.',
    ],
  ),
  redisMemory,
  redisHitRate,
  probeComponentDown(
    'redis-down',
    'Redis down (probe: redis component DOWN)',
    PROBE_HEALTH.redisDown,
    '003 s1, 003 s3.1, 000 scenario 3',
    [
      'Check the ElastiCache console events and the node status.',
      'Reboot the node or fail over the replication group; the queue and locks rebuild from the app.',
      'Rebuild popular caches (003 s3.1) and watch the hit rate return to 95%.',
    ],
  ),
  kafkaLag,
  outcomeSignal(
    'payment-failures',
    'Payment failures at or above 5%',
    'P1',
    '002 s1.2, 000 scenario 5',
    'PaymentOutcome',
    [
      'Check the payment gateway status page and the external API signal.',
      'Look for payment errors in the "errors by type" Logs Insights query; find duplicate or stuck payments.',
      'Switch the gateway or disable payment temporarily with a notice; reconcile afterwards.',
    ],
  ),
  outcomeSignal(
    'seat-hold-failures',
    'Seat hold failures at or above 5%',
    'P1',
    '002 s1.2, 000',
    'SeatHoldOutcome',
    [
      'Check Redis lock latency and DB lock waits (004: SELECT FOR UPDATE waits of 850 ms).',
      'Look for seat-hold errors in the "errors by type" Logs Insights query.',
      'Lower admission rate so fewer people compete; restart a stuck lock holder.',
    ],
  ),
  outcomeSignal(
    'external-api-failures',
    'Payment gateway call failures at or above 5%',
    'P2',
    '000 scenario 6, 002 s1.2',
    'ExternalApiOutcome',
    [
      "Check the provider's status page and our outbound timeouts.",
      'Open the circuit breaker or fail over to the backup provider.',
      'Tell CS; queue affected payments for retry.',
    ],
  ),
  couponOverIssue,
  pagingDeadLetters,
  jvmHeap,
  threadPool,
  capacity('capacity-rds-cpu', 'Capacity: RDS CPU at or above 70% for an hour', '002 s4.4', (ctx) =>
    single(rdsMetric(ctx, 'CPUUtilization', 'Average', HOUR)),
  ),
  capacity('capacity-redis-memory', 'Capacity: Redis memory at or above 70% for an hour', '002 s4.4', (ctx) =>
    single(cacheMetric(ctx, 'DatabaseMemoryUsagePercentage', 'Average', HOUR)),
  ),
  capacity('capacity-ec2-cpu', 'Capacity: EC2 CPU at or above 70% for an hour', '002 s4.4', (ctx) => {
    const group = ctx.config.app.autoScalingGroupName;
    if (!group) return { notApplicable: 'app.autoScalingGroupName is not configured' };
    return single({
      namespace: 'AWS/EC2',
      metricName: 'CPUUtilization',
      dimensions: { AutoScalingGroupName: group },
      statistic: 'Average',
      periodSeconds: HOUR,
    });
  }),
];
