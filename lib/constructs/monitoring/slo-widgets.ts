/** The SLO section: attainment, error budget, burn rates, latency and throughput against objectives. */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { BURN_RATE_WINDOWS, errorBudgetPercent } from '../../core/catalog/burn-rate';
import {
  apiErrorRatioPercent,
  apiGatewayMetric,
  appMetric,
  HOUR,
  MINUTE,
  probeMetric,
} from '../../core/catalog/metrics';
import type { SignalContext } from '../../core/catalog/types';
import { toMetric, toQueryMetric } from './cdk-metrics';
import { WIDGET_HEIGHT, WIDGET_WIDTH, withIdSuffix, wrapQuery } from './signal-widgets';

export function sloWidgets(ctx: SignalContext): cloudwatch.IWidget[] {
  const slo = ctx.config.slo;
  const budget = errorBudgetPercent(slo.availability);
  const ratio30d = apiErrorRatioPercent(ctx, 30 * 24 * HOUR, 0);
  const widgets: cloudwatch.IWidget[] = [
    new cloudwatch.SingleValueWidget({
      title: `Availability over 30 days (objective ${slo.availability}%)`,
      width: WIDGET_WIDTH,
      height: WIDGET_HEIGHT,
      metrics: [
        toQueryMetric(wrapQuery(withIdSuffix(ratio30d, 'A'), '100 - {}', 'availability %'), 'availability %'),
        toQueryMetric(
          wrapQuery(withIdSuffix(ratio30d, 'B'), `100 * (1 - {} / ${budget})`, 'error budget left %'),
          'error budget left %',
        ),
      ],
      setPeriodToTimeRange: true,
      start: '-P30D',
      fullPrecision: false,
    }),
    new cloudwatch.GraphWidget({
      title: 'Error budget burn rate (1 = spends the 30-day budget in 30 days)',
      width: WIDGET_WIDTH,
      height: WIDGET_HEIGHT,
      left: BURN_RATE_WINDOWS.filter((w) => w.name !== '3d').map((w) =>
        toQueryMetric(
          wrapQuery(
            withIdSuffix(apiErrorRatioPercent(ctx, w.longWindowSeconds, 0), w.name.replace(/\W/g, '')),
            `{} / ${budget}`,
            `burn rate over ${w.name}`,
          ),
          `burn rate over ${w.name}`,
        ),
      ),
      leftAnnotations: BURN_RATE_WINDOWS.map((w) => ({
        value: w.burnRate,
        label: `${w.burnRate}x (${w.severity} over ${w.name})`,
      })),
    }),
    new cloudwatch.GraphWidget({
      title: `P95 latency vs objectives (queue entry < ${slo.queueEntryLatencyMs} ms, reads < ${slo.readLatencyMs} ms)`,
      width: WIDGET_WIDTH,
      height: WIDGET_HEIGHT,
      left: [
        toMetric(apiGatewayMetric(ctx, 'Latency', 'p95', MINUTE), 'API P95'),
        ...(ctx.publishedMetrics.has('QueueEntryLatency')
          ? [toMetric(appMetric(ctx, 'QueueEntryLatency', 'p95', MINUTE), 'queue entry P95')]
          : []),
      ],
      leftAnnotations: [
        { value: slo.readLatencyMs, label: `reads objective ${slo.readLatencyMs} ms` },
        { value: slo.queueEntryLatencyMs, label: `queue entry objective ${slo.queueEntryLatencyMs} ms` },
        { value: 200, label: '200 ms notice (003 s4)', color: '#bcbd22' },
        { value: 500, label: '500 ms warning (003 s4)', color: '#ff7f0e' },
        { value: 1000, label: '1 s critical (003 s4)', color: '#d62728' },
      ],
    }),
    new cloudwatch.GraphWidget({
      title: 'Redis availability from the probe (objective in text)',
      width: WIDGET_WIDTH,
      height: WIDGET_HEIGHT,
      left: [
        toQueryMetric(
          {
            kind: 'math',
            expression: 'IF(health == 2, 0, 100)',
            label: 'redis up %',
            periodSeconds: MINUTE,
            metrics: { health: probeMetric(ctx, MINUTE) },
          },
          'redis up %',
        ),
      ],
      leftAnnotations: [{ value: slo.redisAvailability, label: `objective ${slo.redisAvailability}%` }],
    }),
  ];
  if (ctx.publishedMetrics.has('QueueAdmissions')) {
    widgets.push(
      new cloudwatch.GraphWidget({
        title: `Queue admissions per hour vs ${slo.admissionsPerHour.toLocaleString('en-US')} target`,
        width: WIDGET_WIDTH,
        height: WIDGET_HEIGHT,
        left: [toMetric(appMetric(ctx, 'QueueAdmissions', 'Sum', HOUR), 'admitted per hour')],
        leftAnnotations: [
          { value: slo.admissionsPerHour, label: 'target (002 s4.1)', fill: cloudwatch.Shading.BELOW },
        ],
      }),
    );
  }
  return widgets;
}
