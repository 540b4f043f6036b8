/**
 * The metric contract with the application: every custom metric ops-stack expects, published once a
 * minute, without dimensions, to the environment's namespace. Each metric is one billed custom
 * metric, so the order below is the order in which a smaller free-tier share keeps them.
 */
export type MetricUnit = 'Count' | 'Milliseconds' | 'Percent' | 'None';

export interface AppMetric {
  readonly name: string;
  readonly unit: MetricUnit;
  /** What one published value means. */
  readonly meaning: string;
  /** How to publish it from Spring Boot. */
  readonly howToPublish: string;
  /** Statistic the catalog reads, for the docs. */
  readonly readAs: string;
  /** Profiles whose environments publish it. */
  readonly profiles: readonly ('free' | 'standard')[];
  readonly seed: string;
}

const BOTH = ['free', 'standard'] as const;

/** In free-tier priority order. */
export const APP_METRICS: readonly AppMetric[] = [
  {
    name: 'QueueWaitingCount',
    unit: 'Count',
    meaning: 'people waiting in the admission queue, sampled each minute',
    howToPublish: 'gauge of the Redis sorted-set size (ZCARD) of the waiting queue',
    readAs: 'Maximum',
    profiles: BOTH,
    seed: '002 s1.2',
  },
  {
    name: 'QueueAdmissions',
    unit: 'Count',
    meaning: 'people admitted from the queue during the minute',
    howToPublish: 'counter incremented by the admission scheduler for each admitted token',
    readAs: 'Sum',
    profiles: BOTH,
    seed: '002 s1.2, s4.1',
  },
  {
    name: 'QueueEntryLatency',
    unit: 'Milliseconds',
    meaning: 'one sample per queue-entry request, its server-side latency',
    howToPublish: 'every request duration as a raw value (values and counts), so percentiles and PR(:x) work',
    readAs: 'PR(:objective), p95',
    profiles: BOTH,
    seed: '002 s4.1',
  },
  {
    name: 'KafkaConsumerLag',
    unit: 'Count',
    meaning: 'total lag of the coupon and reservation consumer groups, sampled each minute',
    howToPublish: 'gauge of kafka.consumer.fetch.manager.records.lag.max summed over partitions',
    readAs: 'Maximum',
    profiles: BOTH,
    seed: '004 runbook 2',
  },
  {
    name: 'DbPoolPending',
    unit: 'Count',
    meaning: 'threads waiting for a database connection, sampled each minute',
    howToPublish: 'gauge of hikaricp.connections.pending',
    readAs: 'Maximum',
    profiles: BOTH,
    seed: '004 runbook 1, 001 s1.2',
  },
  {
    name: 'PaymentOutcome',
    unit: 'None',
    meaning: 'one sample per payment: 1 when it failed for a system reason, 0 otherwise',
    howToPublish: 'record 0 or 1 per attempt; Average is the failure ratio, SampleCount the attempts',
    readAs: 'Average',
    profiles: BOTH,
    seed: '002 s1.2, 000 scenario 5',
  },
  {
    name: 'SeatHoldOutcome',
    unit: 'None',
    meaning: 'one sample per seat hold: 1 when it failed for a system reason (not "seat taken"), 0 otherwise',
    howToPublish: 'record 0 or 1 per attempt; Average is the failure ratio, SampleCount the attempts',
    readAs: 'Average',
    profiles: BOTH,
    seed: '002 s1.2',
  },
  {
    name: 'CouponOverIssued',
    unit: 'Count',
    meaning: 'coupons issued beyond the policy maximum (issued - max, at least 0), checked each minute',
    howToPublish: 'scheduled check of coupon_policy.issued_count - max_count per active policy, the largest',
    readAs: 'Maximum',
    profiles: BOTH,
    seed: '001 s1.1',
  },
  {
    name: 'ExternalApiOutcome',
    unit: 'None',
    meaning: 'one sample per payment-gateway call: 1 on error or timeout, 0 on success',
    howToPublish: 'record 0 or 1 per outbound call from the HTTP client interceptor',
    readAs: 'Average',
    profiles: BOTH,
    seed: '000 scenario 6, 002 s1.2',
  },
  {
    name: 'JvmHeapUsedPercent',
    unit: 'Percent',
    meaning: 'heap used / heap max in percent, sampled each minute',
    howToPublish: 'gauge of jvm.memory.used / jvm.memory.max for area=heap',
    readAs: 'Minimum (pressure that survives GC)',
    profiles: ['standard'],
    seed: '001 s1.3, 004',
  },
  {
    name: 'ThreadPoolUsedPercent',
    unit: 'Percent',
    meaning: 'busy Tomcat threads / max threads in percent, sampled each minute',
    howToPublish: 'gauge of tomcat.threads.busy / tomcat.threads.config.max',
    readAs: 'Maximum',
    profiles: ['standard'],
    seed: '004 detection checklist',
  },
];

/** The probe's own metric (one per environment, dimension Environment). */
export const PROBE_NAMESPACE = 'OpsStack/Probe';
export const PROBE_METRIC = 'ServiceHealth';

/**
 * Values the probe publishes: the worst finding of the minute. The database-down alarm looks for
 * exactly `databaseDown`, so an application crash (`unreachable`) never starts a restore.
 */
export const PROBE_HEALTH = {
  up: 0,
  /** A component that does not stop the service is down (Kafka: coupons queue up, 000 scenario 4). */
  degraded: 1,
  redisDown: 2,
  databaseDown: 3,
  /** No answer, a timeout, a non-JSON body, or DOWN without component detail. */
  unreachable: 4,
} as const;

/**
 * The app metrics one environment publishes: those of its profile, cut to its free-tier share of
 * custom metrics (the probe's metric takes one place of that share).
 */
export function publishedAppMetrics(profile: 'free' | 'standard', customMetricShare: number): AppMetric[] {
  const ofProfile = APP_METRICS.filter((m) => m.profiles.includes(profile));
  if (profile === 'standard') return ofProfile;
  return ofProfile.slice(0, Math.max(0, customMetricShare - 1));
}
