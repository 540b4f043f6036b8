/**
 * Types of the signal catalog. Pure data: nothing here imports aws-cdk-lib, so the catalog can be
 * shared with functions, the guard, the doc generator and the replay tool.
 */
import type { EnvironmentConfig } from '../config/schema';
import type { Severity } from '../severity/severities';

export type Comparison =
  | 'GreaterThanOrEqualToThreshold'
  | 'GreaterThanThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

export type MissingData = 'missing' | 'ignore' | 'breaching' | 'notBreaching';

/** A single CloudWatch metric with one statistic and period. */
export interface MetricRef {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** `Average`, `Sum`, `Maximum`, `Minimum`, `SampleCount`, `p95`, `PR(:100)`, ... */
  readonly statistic: string;
  readonly periodSeconds: number;
  /** Region the metric lives in. @default - the stack's region */
  readonly region?: string;
}

/** What an alarm evaluates: one metric, or a metric math expression over named metrics. */
export type AlarmQuery =
  | { readonly kind: 'metric'; readonly metric: MetricRef }
  | {
      readonly kind: 'math';
      readonly expression: string;
      readonly label: string;
      readonly periodSeconds: number;
      /** Named inputs of the expression (ids are lowercase identifiers). */
      readonly metrics: Readonly<Record<string, MetricRef>>;
    };

export type DashboardName = 'slo' | 'infrastructure';

/** Units used to print thresholds in docs, dashboards and messages. */
export type DisplayUnit = '%' | 'ms' | 'count' | 'flag' | 'state';

interface SignalBase {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Where the requirement comes from, e.g. `002 s1.3`. */
  readonly seed: string;
  /** First three things on-call does. */
  readonly runbook: readonly [string, string, string];
}

/** A catalog alarm resolved against one environment: every number is concrete. */
export interface MetricAlarmSpec extends SignalBase {
  readonly kind: 'metric-alarm';
  readonly query: AlarmQuery;
  readonly comparison: Comparison;
  readonly threshold: number;
  readonly unit: DisplayUnit;
  /** Where the threshold comes from, for the docs. */
  readonly thresholdSource: string;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly missingData: MissingData;
  readonly dashboard: DashboardName;
  /** False for the parts of a composite: the composite pages, not them. */
  readonly actionsEnabled: boolean;
}

/** A composite alarm over other catalog alarms (`rule` references their ids). */
export interface CompositeAlarmSpec extends SignalBase {
  readonly kind: 'composite-alarm';
  readonly rule: CompositeRule;
}

export type CompositeRule =
  | { readonly op: 'AND' | 'OR'; readonly of: readonly CompositeRule[] }
  | { readonly alarm: string };

export type AlarmSpec = MetricAlarmSpec | CompositeAlarmSpec;

/** Everything a signal definition can read about the environment it is resolved for. */
export interface SignalContext {
  readonly config: EnvironmentConfig;
  /** Namespace the application publishes to. */
  readonly appNamespace: string;
  /** Custom metrics this environment publishes (after the free-tier selection). */
  readonly publishedMetrics: ReadonlySet<string>;
  /** Name of the paging dead-letter queue (a deploy-time token in stacks). @default - not known */
  readonly pagingDeadLetterQueueName?: string;
}
