/** Kafka signals: consumer lag of the coupon and reservation groups (seed 004 runbook 2). */

import { appSignal, constant } from './definition';

export const kafkaLag = appSignal({
  id: 'kafka-consumer-lag',
  title: 'Kafka consumer lag above 1,000',
  severity: 'P2',
  seed: '004 runbook 2, 000 scenario 4',
  runbook: [
    'kafka-consumer-groups.sh --describe for the coupon and reservation groups: which partitions lag?',
    'Check consumer errors and DB insert time (004: single-row inserts at 50 ms capped consumers at 60/s).',
    'Add consumers up to the partition count or pause the producer-heavy event; watch lag fall below 100.',
  ],
  comparison: 'GreaterThanThreshold',
  unit: 'count',
  evaluationPeriods: 3,
  datapointsToAlarm: 3,
  defaultThreshold: constant(1000),
  thresholdSource: 'seed 004 action item: lag alert 5000 -> 1000, for 3 minutes',
  metric: 'KafkaConsumerLag',
  statistic: 'Maximum',
});
