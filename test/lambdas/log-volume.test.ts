/**
 * What our busiest functions write to CloudWatch Logs per invocation, measured on the real handlers
 * at INFO (as deployed), against the bytes the guard prices (lib/core/contracts/function-logs.ts).
 */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricStatisticsCommand,
  ListAlarmMuteRulesCommand,
  ListDashboardsCommand,
  ListMetricsCommand,
} from '@aws-sdk/client-cloudwatch';
import { SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FUNCTION_LOG_BYTES, LAMBDA_PLATFORM_BYTES } from '../../lib/core/contracts/function-logs';
import { startServer, type TestServer } from '../helpers/http-server';

/** Bytes a call writes to stdout and stderr (what Lambda forwards to the log group). */
async function loggedBytes(run: () => Promise<unknown>): Promise<number> {
  let bytes = 0;
  const count = (chunk: unknown) => {
    bytes += Buffer.byteLength(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(count);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(count);
  try {
    await run();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return bytes;
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    '/up': { status: 200, body: '{"status":"UP"}' },
    '/down': {
      status: 503,
      body: '{"status":"DOWN","components":{"db":{"status":"DOWN"},"redis":{"status":"UP"}}}',
    },
  });
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'ops-stack-test');
  vi.stubEnv('TIMEOUT_MS', '1000');
  vi.stubEnv('OPS_ENVIRONMENT', 'example-prod');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

describe('log bytes per invocation', () => {
  it('Lambda platform lines (START, END, REPORT) are a few hundred bytes', () => {
    expect(LAMBDA_PLATFORM_BYTES).toBeGreaterThan(200);
    expect(LAMBDA_PLATFORM_BYTES).toBeLessThan(400);
  });

  it('the health probe, up and down, logs no more than it is priced at', async () => {
    for (const path of ['/up', '/down']) {
      vi.resetModules();
      vi.stubEnv('HEALTH_URL', server.url(path));
      const { handler } = await import('../../lambdas/health-probe/handler');
      const bytes = await loggedBytes(() => handler({ kind: 'ops-stack.health-probe' }));
      expect(bytes).toBeGreaterThan(100);
      expect(bytes).toBeLessThanOrEqual(FUNCTION_LOG_BYTES['health-probe']);
    }
  });

  it('the weekly cost report (free path) logs no more than it is priced at', async () => {
    vi.resetModules();
    vi.stubEnv(
      'COST_REPORT_SETTINGS',
      JSON.stringify({
        environment: 'example-prod',
        region: 'ap-northeast-2',
        expectationUsd: 300,
        topics: {
          P2: 'arn:aws:sns:ap-northeast-2:222222222222:ticketing-ops-example-prod-P2',
          P3: 'arn:aws:sns:ap-northeast-2:222222222222:ticketing-ops-example-prod-P3',
        },
        deadLetterQueueUrl: 'https://sqs.ap-northeast-2.amazonaws.com/222222222222/dlq',
        stateParameter: '/ops-stack/example-prod/cost-findings',
        burstClaimPath: '/ops-stack/example-prod/cost-report/bursts',
        repeatWindowHours: 24,
        costExplorer: false,
      }),
    );
    mockClient(CloudWatchClient)
      .on(GetMetricStatisticsCommand)
      .resolves({ Datapoints: [{ Maximum: 12.5 }] })
      .on(DescribeAlarmsCommand)
      .resolves({})
      .on(ListMetricsCommand)
      .resolves({})
      .on(ListDashboardsCommand)
      .resolves({})
      .on(ListAlarmMuteRulesCommand)
      .resolves({});
    mockClient(SQSClient).on(GetQueueAttributesCommand).resolves({ Attributes: {} });
    mockClient(SSMClient)
      .on(GetParameterCommand)
      .resolves({ Parameter: { Value: '{}' } });
    mockClient(SNSClient);
    const { handler } = await import('../../lambdas/cost-report/handler');
    const bytes = await loggedBytes(() => handler({ kind: 'ops-stack.cost-report' }));
    expect(bytes).toBeGreaterThan(100);
    expect(bytes).toBeLessThanOrEqual(FUNCTION_LOG_BYTES['cost-report']);

    // The same handler refuses a malformed anomaly amount with one error line and no AWS call.
    const cw = mockClient(CloudWatchClient);
    const publish = mockClient(SNSClient);
    let logged = '';
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      logged += String(chunk);
      return true;
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      logged += String(chunk);
      return true;
    });
    try {
      const result = await handler({
        Records: [
          {
            EventSource: 'aws:sns',
            Sns: {
              TopicArn: 'arn:aws:sns:ap-northeast-2:222222222222:ticketing-ops-example-prod-P2',
              MessageId: 'm-9',
              Timestamp: '2026-11-22T10:03:11.000Z',
              Message: JSON.stringify({ anomalyId: 'a', impact: { totalImpact: 'NaN' } }),
            },
          },
        ],
      });
      expect(result).toMatchObject({ published: false, costExplorerCalls: 0 });
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(JSON.parse(logged.trim().split('\n').at(-1) ?? '{}')).toMatchObject({
      level: 'ERROR',
      message: 'cost notification refused',
    });
    expect(cw.calls()).toHaveLength(0);
    expect(publish.calls()).toHaveLength(0);
  });
});
