/** Probe signals: the health probe's state, whole service and per component (seed 002 s1.3, 003 s1). */

import { PROBE_HEALTH } from '../app-metrics';
import { MINUTE, math, probeMetric, single } from '../metrics';
import { constant, type SignalDefinition } from './definition';

export const serviceDown: SignalDefinition = {
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
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: 'state',
  // 2 of 4: a probe that fails every other minute pages within 3 minutes; one failed check does not.
  evaluationPeriods: 4,
  datapointsToAlarm: 2,
  // A dead probe is not a dead service: with a healthy API it must not page P0 at night. The alarm
  // goes to INSUFFICIENT_DATA (grey on the SLO dashboard) instead.
  missingData: 'missing',
  defaultThreshold: constant(PROBE_HEALTH.redisDown),
  thresholdSource:
    'probe state >= redis down (2) in 2 of 4 minutes: redis, database or whole app down (003 s1)',
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

export const databaseDown = probeComponentDown(
  'database-down',
  'Database down (probe: db component DOWN)',
  PROBE_HEALTH.databaseDown,
  '002 s4.3, 000 scenario 2',
  [
    'Check the RDS console events: a failure (RDS-EVENT-0031) or deletion (0003) starts the recovery workflow.',
    'Follow the recovery workflow run: it restores to the latest restorable time, switches the endpoint and reports RTO/RPO.',
    'Tell CS and stop ticket opening until the report says switched.',
  ],
);

export const redisDown = probeComponentDown(
  'redis-down',
  'Redis down (probe: redis component DOWN)',
  PROBE_HEALTH.redisDown,
  '003 s1, 003 s3.1, 000 scenario 3',
  [
    'Check the ElastiCache console events and the node status.',
    'Reboot the node or fail over the replication group; the queue and locks rebuild from the app.',
    'Rebuild popular caches (003 s3.1) and watch the hit rate return to 95%.',
  ],
);
