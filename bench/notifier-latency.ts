/**
 * Time from an SNS record to the webhook POST: the notifier's own work (parse, classify, history,
 * enrichment, other alarms in ALARM, render, post) against a local HTTP server, with SDK clients answering from memory.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
} from '@aws-sdk/client-cloudwatch';
import { DescribeReplicationGroupsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { notify } from '../lambdas/notifier/notify';
import { parseSnsEvent } from '../lambdas/shared/sns-event';

export async function notifierLatency(runs: number): Promise<{ medianMs: number; p95Ms: number }> {
  let received: (() => void) | undefined;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.end('ok');
      received?.();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  mockClient(SSMClient)
    .on(GetParameterCommand)
    .resolves({ Parameter: { Value: url } });
  mockClient(RDSClient)
    .on(DescribeDBInstancesCommand)
    .resolves({ DBInstances: [{ DBInstanceStatus: 'available' }] });
  mockClient(ElastiCacheClient)
    .on(DescribeReplicationGroupsCommand)
    .resolves({ ReplicationGroups: [{ Status: 'available' }] });
  const cloudwatch = mockClient(CloudWatchClient);
  cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: [] });
  cloudwatch
    .on(DescribeAlarmsCommand)
    .resolves({ MetricAlarms: [{ AlarmName: 'ops-bench-P0-service-down' }], CompositeAlarms: [] });
  const topic = 'arn:aws:sns:us-east-1:111111111111:p1';
  const settings = {
    region: 'us-east-1',
    alarmNamePrefix: 'ops-bench-',
    topicArns: { P1: topic },
    targets: { P1: [{ format: 'slack' as const, parameter: '/hook' }] },
    resources: { dbInstanceIdentifier: 'db', cacheClusterId: 'c', replicationGroupId: 'rg' },
    flapping: { changes: 4, windowMinutes: 30 },
    post: { timeoutMs: 2000, attempts: 1, backoffMs: 1 },
  };
  const deps = {
    ssm: new SSMClient({ region: 'us-east-1' }),
    rds: new RDSClient({ region: 'us-east-1' }),
    elasticache: new ElastiCacheClient({ region: 'us-east-1' }),
    cloudwatch: new CloudWatchClient({ region: 'us-east-1' }),
    fetch: globalThis.fetch,
    now: Date.now,
    webhookCache: new Map<string, string>(),
  };
  const message = JSON.stringify({
    AlarmName: 'ops-bench-P1-api-error-rate-fast',
    NewStateValue: 'ALARM',
    OldStateValue: 'OK',
    NewStateReason:
      'Threshold Crossed: 2 out of the last 3 datapoints [12.5 (22/11/26 10:02:00)] were greater',
    StateChangeTime: new Date().toISOString(),
    Trigger: { ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 5 },
  });
  const event = {
    Records: [
      {
        EventSource: 'aws:sns',
        Sns: { TopicArn: topic, MessageId: 'b', Message: message, Timestamp: new Date().toISOString() },
      },
    ],
  };
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const posted = new Promise<void>((r) => {
      received = r;
    });
    const started = process.hrtime.bigint();
    await notify(parseSnsEvent(event), settings, deps);
    await posted;
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  server.close();
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? Number.NaN;
  return { medianMs: at(0.5), p95Ms: at(0.95) };
}
