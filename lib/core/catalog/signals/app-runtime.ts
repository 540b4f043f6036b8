/**
 * Application runtime signals: business outcomes (payments, seat holds, the payment gateway),
 * coupon over-issue, JVM heap, the Tomcat thread pool and the EC2 capacity notice.
 */

import type { Severity } from '../../severity/severities';
import { HOUR, single } from '../metrics';
import { appSignal, capacity, constant, type SignalDefinition } from './definition';

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

export const paymentFailures = outcomeSignal(
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
);

export const seatHoldFailures = outcomeSignal(
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
);

export const externalApiFailures = outcomeSignal(
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
);

export const couponOverIssue = appSignal({
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

export const jvmHeap = appSignal({
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

export const threadPool = appSignal({
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

export const capacityEc2Cpu = capacity(
  'capacity-ec2-cpu',
  'Capacity: EC2 CPU at or above 70% for an hour',
  '002 s4.4',
  (ctx) => {
    const group = ctx.config.app.autoScalingGroupName;
    if (!group) return { notApplicable: 'app.autoScalingGroupName is not configured' };
    return single({
      namespace: 'AWS/EC2',
      metricName: 'CPUUtilization',
      dimensions: { AutoScalingGroupName: group },
      statistic: 'Average',
      periodSeconds: HOUR,
    });
  },
);
