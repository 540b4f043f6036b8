/** Cost Explorer calls ($0.01 each) one report run makes, counted through the real report code. */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  ListDashboardsCommand,
  ListMetricsCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import { SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { runCostReport } from '../lambdas/cost-report/report';

export async function costExplorerCallsPerRun(): Promise<{
  normal: number;
  noForecast: number;
  noData: number;
}> {
  const ce = mockClient(CostExplorerClient);
  mockClient(CloudWatchClient)
    .on(DescribeAlarmsCommand)
    .resolves({})
    .on(ListMetricsCommand)
    .resolves({})
    .on(ListDashboardsCommand)
    .resolves({});
  mockClient(SQSClient).on(GetQueueAttributesCommand).resolves({ Attributes: {} });
  mockClient(SSMClient)
    .on(GetParameterCommand)
    .resolves({ Parameter: { Value: '{}' } });
  mockClient(SNSClient);
  const settings = {
    environment: 'bench',
    region: 'us-east-1',
    expectationUsd: 100,
    topics: { P2: 'p2', P3: 'p3' },
    deadLetterQueueUrl: 'q',
    stateParameter: '/s',
    burstClaimPath: '/bursts',
    repeatWindowHours: 24,
    costExplorer: true,
  };
  const deps = {
    ce: new CostExplorerClient({ region: 'us-east-1' }),
    cloudwatch: new CloudWatchClient({ region: 'us-east-1' }),
    billing: new CloudWatchClient({ region: 'us-east-1' }),
    sqs: new SQSClient({ region: 'us-east-1' }),
    ssm: new SSMClient({ region: 'us-east-1' }),
    sns: new SNSClient({ region: 'us-east-1' }),
    now: () => new Date('2026-11-22T00:00:00Z'),
  };
  const error = (name: string) => Object.assign(new Error(name), { name });
  const run = async () => (await runCostReport({ kind: 'schedule' }, settings, deps)).costExplorerCalls;
  ce.on(GetCostAndUsageCommand)
    .resolves({ ResultsByTime: [] })
    .on(GetCostForecastCommand)
    .resolves({ Total: { Amount: '1' } });
  const normal = await run();
  ce.on(GetCostForecastCommand).rejects(error('DataUnavailableException'));
  const noForecast = await run();
  ce.on(GetCostAndUsageCommand).rejects(error('DataUnavailableException'));
  const noData = await run();
  return { normal, noForecast, noData };
}
