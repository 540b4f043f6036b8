import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { snsEvent, stateChangeEvent, TOPICS } from './fixtures';

const ssm = mockClient(SSMClient);
const cloudwatch = mockClient(CloudWatchClient);
let handler: (event: unknown) => Promise<unknown>;

beforeAll(async () => {
  vi.stubEnv(
    'NOTIFIER_SETTINGS',
    JSON.stringify({
      region: 'ap-northeast-2',
      alarmNamePrefix: 'ops-example-prod-',
      topicArns: TOPICS,
      targets: { P1: [{ format: 'slack', parameter: '/ops/slack' }] },
      resources: { dbInstanceIdentifier: 'db', cacheClusterId: 'redis-001' },
      flapping: { changes: 4, windowMinutes: 30 },
      post: { timeoutMs: 200, attempts: 1, backoffMs: 1 },
    }),
  );
  ({ handler } = await import('../../../lambdas/notifier/handler'));
});
afterAll(() => vi.unstubAllEnvs());

describe('notifier handler', () => {
  it('throws on a malformed event before any AWS call, so Lambda sends it to the on-failure queue', async () => {
    await expect(handler({ Records: 'nope' })).rejects.toThrowError(
      'event.Records: expected a non-empty array',
    );
    await expect(handler(snsEvent('plain text nobody understands'))).rejects.toThrowError(
      /unclassified message/,
    );
    await expect(
      handler({ ...(stateChangeEvent('OK', 'ALARM') as object), source: 'my.app' }),
    ).rejects.toThrowError('event.source: expected "aws.cloudwatch"');
    const bad = stateChangeEvent('OK', 'ALARM') as { detail: { state: { value: string } } };
    bad.detail.state.value = 'SORT_OF';
    await expect(handler(bad)).rejects.toThrowError(
      'event.detail.state.value: expected ALARM, OK or INSUFFICIENT_DATA',
    );
    expect(ssm.calls()).toHaveLength(0);
    expect(cloudwatch.calls()).toHaveLength(0);
  });

  it('answers a state-change event that SNS already carried without posting', async () => {
    const out = await handler(stateChangeEvent('INSUFFICIENT_DATA', 'OK'));
    expect(out).toEqual([
      {
        messageId: 'ops-example-prod-P1-api-error-rate-fast@2026-11-22T10:03:10.123+0000',
        posted: 0,
        skipped: 'INSUFFICIENT_DATA → OK is not posted',
      },
    ]);
    expect(cloudwatch.calls()).toHaveLength(0);
  });

  it('refuses to start without its settings', async () => {
    const { parseSettings } = await import('../../../lambdas/notifier/settings');
    expect(() => parseSettings(undefined)).toThrowError(
      'environment variable NOTIFIER_SETTINGS is required but not set',
    );
    expect(() => parseSettings('{"region":"x"}')).toThrowError(
      /environment variable NOTIFIER_SETTINGS is invalid: alarmNamePrefix: .*; topicArns: .*; targets: .*; resources: .*; flapping: .*; post: /,
    );
    expect(() => parseSettings('{"region":')).toThrowError(
      'environment variable NOTIFIER_SETTINGS is not JSON',
    );
  });
});
