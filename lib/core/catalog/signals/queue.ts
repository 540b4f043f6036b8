/**
 * Queue signals: the admission queue (entry latency SLO, stalled admissions; seed 000, 002 s4.1) and
 * the paging dead-letter queue (SQS).
 */

import { appMetric, MINUTE, math, single } from '../metrics';
import { constant, type SignalDefinition } from './definition';

export const queueEntryLatency: SignalDefinition = {
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

export const queueStalled: SignalDefinition = {
  id: 'queue-admission-stalled',
  title: 'Queue admissions stalled while people wait',
  severity: 'P1',
  seed: '000 scenario 1, 002 s4.1',
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

export const pagingDeadLetters: SignalDefinition = {
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
