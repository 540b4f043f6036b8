/** API and SLO signals: the availability burn rates, the fast error rate and API latency (seed 002 s4.1, 001 s2.2). */

import { BURN_RATE_WINDOWS, burnRateThresholdPercent } from '../burn-rate';
import { apiErrorRatioPercent, apiGatewayMetric, MINUTE, single } from '../metrics';
import { constant, type SignalDefinition } from './definition';

export function burnRateSignals(): SignalDefinition[] {
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
      query: (ctx) => apiErrorRatioPercent(ctx, w.shortWindowSeconds, 0),
      preciseOnly: true,
    };
    return [long, short];
  });
}

export const apiErrorRateFast: SignalDefinition = {
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
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: '%',
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  missingData: 'notBreaching',
  defaultThreshold: constant(5),
  thresholdSource: 'seed 001 s2.2 critical error rate 5%',
  query: (ctx) => apiErrorRatioPercent(ctx, MINUTE, ctx.config.slo.minRequestsPerMinute),
};

export const apiLatency: SignalDefinition = {
  id: 'api-latency-p95',
  title: 'API P95 latency at or above 1 s',
  // P1: a P95 above seed 003's 1 s critical line makes booking unusable at an opening (002 s4.2 P1:
  // a main function unavailable); it is the only signal of a Redis failure the app absorbs by
  // reading the database (003 s3.1: 3 ms to 1,900 ms, no errors).
  severity: 'P1',
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
