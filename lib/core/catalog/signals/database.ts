/** Database signals: RDS CPU and connections, the app's DB pool, and the hourly capacity notice. */

import { HOUR, MINUTE, rdsMetric, single } from '../metrics';
import { appSignal, capacity, constant, type SignalDefinition } from './definition';

export const rdsCpu: SignalDefinition = {
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
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: '%',
  evaluationPeriods: 5,
  datapointsToAlarm: 5,
  missingData: 'missing',
  defaultThreshold: constant(80),
  thresholdSource: 'seed 002 s1.3 (003 s4: 70 notice / 80 warn / 90 critical)',
  query: (ctx) => single(rdsMetric(ctx, 'CPUUtilization', 'Average', MINUTE)),
};

export const dbConnections: SignalDefinition = {
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
  comparison: 'GreaterThanOrEqualToThreshold',
  unit: 'count',
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  missingData: 'missing',
  defaultThreshold: (ctx) => Math.floor(ctx.config.database.maxConnections * 0.8),
  thresholdSource: '80% of database.maxConnections (seed 001 s2.2)',
  query: (ctx) => single(rdsMetric(ctx, 'DatabaseConnections', 'Maximum', MINUTE)),
};

export const dbPoolPending = appSignal({
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

export const capacityRdsCpu = capacity(
  'capacity-rds-cpu',
  'Capacity: RDS CPU at or above 70% for an hour',
  '002 s4.4',
  (ctx) => single(rdsMetric(ctx, 'CPUUtilization', 'Average', HOUR)),
);
