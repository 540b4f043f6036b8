/** Weekly cost and free-tier report, also run on every budget or cost anomaly notification. */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { SETTINGS_VARIABLE } from '../../lib/core/contracts/cost-report';
import { logger } from '../shared/logger';
import { parseCostTrigger } from './event';
import { runCostReport } from './report';
import { parseReportSettings } from './settings';

const settings = parseReportSettings(process.env[SETTINGS_VARIABLE]);
const deps = {
  // Cost Explorer's endpoint lives in us-east-1 whatever the function's region.
  ce: new CostExplorerClient({ region: 'us-east-1' }),
  cloudwatch: new CloudWatchClient({}),
  // Billing metrics exist only in us-east-1.
  billing: new CloudWatchClient({ region: 'us-east-1' }),
  sqs: new SQSClient({}),
  ssm: new SSMClient({}),
  sns: new SNSClient({}),
  now: () => new Date(),
};

export const handler = async (event: unknown) => {
  const trigger = parseCostTrigger(event, [settings.topics.P2, settings.topics.P3]);
  if (trigger.kind === 'refused') {
    // Ours but unusable: no retry would fix it, so say it once and make no call.
    logger.error('cost notification refused', { reason: trigger.reason });
    return { published: false, lines: [], costExplorerCalls: 0, skipped: trigger.reason };
  }
  const outcome = await runCostReport(trigger, settings, deps);
  logger.info(outcome.published ? 'cost report sent' : 'cost report not sent', {
    trigger: trigger.kind,
    skipped: outcome.skipped,
    costExplorerCalls: outcome.costExplorerCalls,
  });
  return outcome;
};
