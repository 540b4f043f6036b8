import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  ListAlarmMuteRulesCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeCacheClustersCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type NotifierDeps, notify } from '../../../lambdas/notifier/notify';
import { parseSnsEvent } from '../../../lambdas/shared/sns-event';
import type { NotifierSettings } from '../../../lib/core/contracts/notifier';
import { startServer, type TestServer } from '../../helpers/http-server';
import {
  ANOMALY_MESSAGE,
  alarmMessage,
  BUDGET_MESSAGE,
  BUDGET_SUBJECT,
  COMPOSITE_MESSAGE,
  historyItem,
  SETTINGS,
  snsEvent,
  TOPICS,
} from './fixtures';

const ssm = mockClient(SSMClient);
const rds = mockClient(RDSClient);
const elasticache = mockClient(ElastiCacheClient);
const cloudwatch = mockClient(CloudWatchClient);

let server: TestServer;
let failuresLeft = 0;
let slowLeft = 0;
beforeAll(async () => {
  const hook = () => {
    if (failuresLeft > 0) {
      failuresLeft--;
      return { status: 500, body: 'oops' };
    }
    if (slowLeft > 0) {
      slowLeft--;
      return { status: 200, body: 'ok', delayMs: 1500 };
    }
    return { status: 200, body: 'ok' };
  };
  server = await startServer({ '/slack': hook, '/json': hook, '/gone': { status: 404, body: 'no_service' } });
});
afterAll(() => server.close());

const NOW = Date.parse('2026-11-22T10:03:12Z');
const settings = (overrides: Partial<NotifierSettings> = {}): NotifierSettings => ({
  ...SETTINGS,
  targets: {
    P1: [{ format: 'slack', parameter: '/ops/slack' }],
    P2: [{ format: 'json', parameter: '/ops/json' }],
  },
  post: { timeoutMs: 1000, attempts: 3, backoffMs: 1 },
  ...overrides,
});
const deps = (): NotifierDeps => ({
  ssm: new SSMClient({}),
  rds: new RDSClient({}),
  elasticache: new ElastiCacheClient({}),
  cloudwatch: new CloudWatchClient({}),
  fetch: globalThis.fetch,
  now: () => NOW,
  sleep: async () => {},
  webhookCache: new Map(),
});
const posted = () => server.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);

beforeEach(() => {
  for (const m of [ssm, rds, elasticache, cloudwatch]) m.reset();
  server.requests.length = 0;
  failuresLeft = 0;
  slowLeft = 0;
  ssm
    .on(GetParameterCommand, { Name: '/ops/slack' })
    .resolves({ Parameter: { Value: server.url('/slack') } });
  ssm.on(GetParameterCommand, { Name: '/ops/json' }).resolves({ Parameter: { Value: server.url('/json') } });
  rds
    .on(DescribeDBInstancesCommand)
    .resolves({ DBInstances: [{ DBInstanceStatus: 'available', MultiAZ: false }] });
  elasticache.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [{ Status: 'available' }] });
  cloudwatch
    .on(DescribeAlarmHistoryCommand)
    .resolves({ AlarmHistoryItems: [historyItem('2026-11-22T10:03:10.123Z', 'ALARM')] });
  cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [] });
  cloudwatch.on(ListAlarmMuteRulesCommand).resolves({ AlarmMuteRuleSummaries: [] });
});

const run = async (event: unknown, s = settings(), d = deps()) => notify(parseSnsEvent(event), s, d);

describe('notifier messages', () => {
  it('an ALARM posts severity, title, threshold vs now, since, runbook, dashboard and live status', async () => {
    const out = await run(snsEvent(alarmMessage()));
    expect(out).toEqual([{ messageId: 'm-1', posted: 1 }]);
    const [slack] = posted();
    expect(slack?.text).toBe(':red_circle: [P1] ALARM: API error rate at or above 5% (example-prod)');
    const text = JSON.stringify(slack);
    expect(text).toContain('*Threshold vs now*\\n&gt;= 5% vs 12.5%');
    expect(text).toContain('*Since*\\n2026-11-22T10:03:10.123+0000');
    expect(text).toContain('*First steps*\\n1. Open the SLO dashboard');
    expect(text).toContain('*Database*\\nticketing-prod-db: available');
    expect(text).toContain('*Cache*\\nredis: available');
    expect(text).toContain(
      '<https://ap-northeast-2.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-2#dashboards/dashboard/ops-example-prod-SLO|Dashboard>',
    );
    expect(ssm.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({
      Name: '/ops/slack',
      WithDecryption: true,
    });
  });

  it('an OK posts a recovery with the time spent in alarm', async () => {
    cloudwatch.on(DescribeAlarmHistoryCommand).resolves({
      AlarmHistoryItems: [
        historyItem('2026-11-22T10:03:10.000Z', 'OK'),
        historyItem('2026-11-22T09:49:10.000Z', 'ALARM'),
      ],
    });
    await run(
      snsEvent(
        alarmMessage({
          NewStateValue: 'OK',
          OldStateValue: 'ALARM',
          StateChangeTime: '2026-11-22T10:03:10.000+0000',
        }),
      ),
    );
    const [slack] = posted();
    expect(slack?.text).toBe(
      ':white_check_mark: [P1] recovered: API error rate at or above 5% (example-prod)',
    );
    expect(JSON.stringify(slack)).toContain('*In alarm for*\\n14 min');
    expect(JSON.stringify(slack)).not.toContain('First steps');
  });

  it('a composite alarm, a budget, a cost anomaly and an ops-stack message each get their own message', async () => {
    await run(snsEvent(COMPOSITE_MESSAGE));
    await run(snsEvent(BUDGET_MESSAGE, TOPICS.P2, BUDGET_SUBJECT));
    await run(snsEvent(ANOMALY_MESSAGE, TOPICS.P2));
    await run(
      snsEvent(
        JSON.stringify({
          source: 'ops-stack.recovery',
          title: 'DB restored',
          severity: 'P1',
          lines: ['RTO 41 min'],
        }),
      ),
    );
    const [composite, budget, anomaly, ops] = posted();
    expect(composite?.blocks).toContainEqual({
      type: 'header',
      text: {
        type: 'plain_text',
        text: ':red_circle: [P1] ALARM: Availability SLO burning fast (long and short window agree) (example-prod)',
        emoji: true,
      },
    });
    expect(composite?.text).toBe(
      ':red_circle: [P1] ALARM: Availability SLO burning fast (long and short window agree) (example-prod)',
    );
    expect(budget).toMatchObject({ severity: 'P2', headline: `:moneybag: [P2] ${BUDGET_SUBJECT}` });
    expect(JSON.stringify(budget)).toContain('The FORECASTED Cost associated with this budget is $342.10.');
    expect(anomaly).toMatchObject({
      headline: ':money_with_wings: [P2] Cost anomaly: $58.30 unexpected spend',
      fields: { Monitor: 'ops-stack services', Services: 'Amazon Relational Database Service' },
    });
    expect(ops?.text).toBe('[P1] DB restored');
  });

  it('enrichment failure still posts, saying the status is unavailable', async () => {
    rds.on(DescribeDBInstancesCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDenied' }));
    elasticache.on(DescribeReplicationGroupsCommand).rejects(new Error('boom'));
    cloudwatch.on(DescribeAlarmHistoryCommand).rejects(new Error('throttled'));
    await run(snsEvent(alarmMessage()));
    const text = JSON.stringify(posted()[0]);
    expect(text).toContain('ticketing-prod-db: status unavailable (AccessDenied)');
    expect(text).toContain('redis: status unavailable (Error)');
  });

  it('describes a lone cache cluster when there is no replication group', async () => {
    elasticache
      .on(DescribeCacheClustersCommand)
      .resolves({ CacheClusters: [{ CacheClusterStatus: 'rebooting cluster nodes' }] });
    await run(
      snsEvent(alarmMessage()),
      settings({ resources: { dbInstanceIdentifier: 'db', cacheClusterId: 'redis-001' } }),
    );
    expect(JSON.stringify(posted()[0])).toContain('redis-001: rebooting cluster nodes');
  });
});

describe('flapping', () => {
  const changes = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      historyItem(new Date(NOW - 60_000 * (i + 1) - 2000).toISOString(), i % 2 ? 'OK' : 'ALARM'),
    );

  it('the change that crosses the limit posts once with the count, later ones are suppressed', async () => {
    cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: changes(4) });
    const first = await run(snsEvent(alarmMessage()));
    expect(first[0]?.posted).toBe(1);
    expect(JSON.stringify(posted()[0])).toContain(
      '5 state changes in 30 min; further changes are not posted until it settles',
    );
    cloudwatch.on(DescribeAlarmHistoryCommand).resolves({ AlarmHistoryItems: changes(6) });
    const later = await run(snsEvent(alarmMessage()));
    expect(later[0]).toMatchObject({ posted: 0, skipped: 'flapping (7 changes)' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('failures', () => {
  it('a malformed SNS record gives a clear error and makes no call at all', async () => {
    await expect(run({ Records: [{ EventSource: 'aws:sqs' }] })).rejects.toThrowError(
      'event.Records[0].EventSource: expected "aws:sns"',
    );
    await expect(run({})).rejects.toThrowError('event.Records: expected a non-empty array of SNS records');
    await expect(run(snsEvent('{"hello":"world"}'))).rejects.toThrowError(/^unclassified message/);
    await expect(run(snsEvent(alarmMessage({ NewStateValue: 'BROKEN' })))).rejects.toThrowError(
      'alarm message NewStateValue: expected ALARM, OK or INSUFFICIENT_DATA',
    );
    await expect(
      run(snsEvent(JSON.stringify({ source: 'ops-stack.recovery', title: 'x' }))),
    ).rejects.toThrowError(
      'ops-stack message from ops-stack.recovery lines: expected "lines" (a list of strings)',
    );
    await expect(
      run(snsEvent(alarmMessage(), 'arn:aws:sns:ap-northeast-2:222222222222:other')),
    ).rejects.toThrowError(/is not a paging topic of this environment/);
    expect(server.requests).toHaveLength(0);
    for (const m of [ssm, rds, elasticache, cloudwatch]) expect(m.calls()).toHaveLength(0);
  });

  it('webhook 500s are retried and the post succeeds', async () => {
    failuresLeft = 2;
    await run(snsEvent(alarmMessage()));
    expect(server.requests).toHaveLength(3);
  });

  it('500s and timeouts on every attempt fail the record, so it goes to the dead-letter queue', async () => {
    failuresLeft = 2;
    slowLeft = 1;
    await expect(run(snsEvent(alarmMessage()))).rejects.toThrowError(
      'webhook POST failed after 3 attempt(s): HTTP 500; HTTP 500; timeout after 1000 ms',
    );
  });

  it('a 404 is not retried', async () => {
    ssm
      .on(GetParameterCommand, { Name: '/ops/slack' })
      .resolves({ Parameter: { Value: server.url('/gone') } });
    await expect(run(snsEvent(alarmMessage()))).rejects.toThrowError(
      'webhook POST failed after 1 attempt(s): HTTP 404',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('a parameter without a URL fails with its name', async () => {
    ssm.on(GetParameterCommand, { Name: '/ops/slack' }).resolves({ Parameter: { Value: 'changeme' } });
    await expect(run(snsEvent(alarmMessage()))).rejects.toThrowError(
      'SSM parameter /ops/slack must hold the webhook URL (http or https)',
    );
  });

  it('a severity without chat targets posts nothing', async () => {
    const out = await run(snsEvent(alarmMessage(), TOPICS.P3));
    expect(out).toEqual([{ messageId: 'm-1', posted: 0, skipped: 'no chat target for P3' }]);
  });
});
