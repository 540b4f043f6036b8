/**
 * What one catalog signal is, and the builders several families share. Each family file next to
 * this one defines its signals; `index.ts` lists them in catalog order and `free-profile.ts` holds
 * the order in which the free profile keeps them.
 */

import type { Severity } from '../../severity/severities';
import { appMetric, MINUTE, math, single } from '../metrics';
import type {
  AlarmQuery,
  Comparison,
  DashboardName,
  DisplayUnit,
  MissingData,
  SignalContext,
} from '../types';

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

export const constant = (value: number) => () => value;

/** A P3 capacity notice: 70% sustained for an hour (seed 002 s4.4). */
export function capacity(
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

/** A signal on one custom application metric (optionally scaled, e.g. a 0-1 ratio to %). */
export function appSignal(
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
