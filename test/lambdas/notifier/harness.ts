/** Runs the notifier with mocked AWS clients and a fetch that records what would be posted. */
import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  ListAlarmMuteRulesCommand,
} from '@aws-sdk/client-cloudwatch';
import { DescribeReplicationGroupsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { expect } from 'vitest';
import { type NotifierDeps, notify, notifyStateChange } from '../../../lambdas/notifier/notify';
import { parseStateChange } from '../../../lambdas/notifier/state-change';
import { SLACK_LIMITS } from '../../../lambdas/notifier/text';
import { parseSnsEvent } from '../../../lambdas/shared/sns-event';
import { historyItem, SETTINGS } from './fixtures';

export { SETTINGS };

export const NOW = Date.parse('2026-11-22T10:03:12Z');

export const mocks = {
  ssm: mockClient(SSMClient),
  rds: mockClient(RDSClient),
  elasticache: mockClient(ElastiCacheClient),
  cloudwatch: mockClient(CloudWatchClient),
};

export function resetMocks(): void {
  for (const m of Object.values(mocks)) m.reset();
  mocks.ssm.on(GetParameterCommand).callsFake((input: { Name: string }) => ({
    Parameter: { Value: `https://hooks.example.com${input.Name}` },
  }));
  mocks.rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceStatus: 'available' }] });
  mocks.elasticache
    .on(DescribeReplicationGroupsCommand)
    .resolves({ ReplicationGroups: [{ Status: 'available' }] });
  mocks.cloudwatch
    .on(DescribeAlarmHistoryCommand)
    .resolves({ AlarmHistoryItems: [historyItem('2026-11-22T10:03:10.123Z', 'ALARM')] });
  mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [], CompositeAlarms: [] });
  mocks.cloudwatch.on(ListAlarmMuteRulesCommand).resolves({ AlarmMuteRuleSummaries: [] });
}

export interface Posted {
  readonly url: string;
  readonly body: Record<string, unknown>;
}

export function deps(posted: Posted[]): NotifierDeps {
  return {
    ssm: new SSMClient({}),
    rds: new RDSClient({}),
    elasticache: new ElastiCacheClient({}),
    cloudwatch: new CloudWatchClient({}),
    fetch: async (url, init) => {
      posted.push({ url: String(url), body: JSON.parse(String(init?.body)) as Record<string, unknown> });
      return new Response('ok');
    },
    now: () => NOW,
    sleep: async () => {},
    webhookCache: new Map(),
  };
}

export async function runSns(event: unknown, settings = SETTINGS) {
  const posted: Posted[] = [];
  const outcomes = await notify(parseSnsEvent(event), settings, deps(posted));
  return { outcomes, posted, slack: posted.filter((p) => p.url.endsWith('/slack')).map((p) => p.body) };
}

export async function runStateChange(event: unknown, settings = SETTINGS) {
  const posted: Posted[] = [];
  const outcome = await notifyStateChange(parseStateChange(event), settings, deps(posted));
  return { outcome, posted, slack: posted.filter((p) => p.url.endsWith('/slack')).map((p) => p.body) };
}

interface Block {
  type: string;
  text?: { type: string; text: string };
  fields?: { type: string; text: string }[];
  elements?: { type: string; text: string }[];
}

/** Every string a Slack body carries, with where it is, for checks on all of them. */
export function mrkdwnTexts(body: Record<string, unknown>): string[] {
  const blocks = body.blocks as Block[];
  return [
    String(body.text),
    ...blocks.flatMap((b) => [
      ...(b.text?.type === 'mrkdwn' ? [b.text.text] : []),
      ...(b.fields ?? []).map((f) => f.text),
      ...(b.elements ?? []).map((e) => e.text),
    ]),
  ];
}

const LONE_SURROGATE = /\p{Cs}/u;

/** Block Kit's limits (quoted in chat-safety.test.ts), checked on a body about to be posted. */
export function expectWithinSlackLimits(body: Record<string, unknown>): void {
  const blocks = body.blocks as Block[];
  expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(String(body.text).length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
  let total = 0;
  for (const b of blocks) {
    if (b.type === 'header') expect(b.text?.text.length).toBeLessThanOrEqual(150);
    if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect((b.fields ?? []).length).toBeLessThanOrEqual(10);
    for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
    total += (b.text?.text.length ?? 0) + (b.fields ?? []).reduce((n, f) => n + f.text.length, 0);
  }
  expect(total).toBeLessThanOrEqual(SLACK_LIMITS.totalText);
  expect(JSON.stringify(body)).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
  for (const text of [String(body.text), ...blocks.map((b) => b.text?.text ?? '')]) {
    expect(LONE_SURROGATE.test(text)).toBe(false);
  }
}
