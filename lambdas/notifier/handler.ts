/**
 * Paging notifier: SNS (alarm, budget, anomaly, ops-stack messages) in, a short chat message out.
 * Delivery of the page never depends on this function: alarms publish to the topics directly.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { RDSClient } from '@aws-sdk/client-rds';
import { SSMClient } from '@aws-sdk/client-ssm';
import { SETTINGS_VARIABLE } from '../../lib/core/contracts/notifier';
import { logger } from '../shared/logger';
import { parseSnsEvent } from '../shared/sns-event';
import { notify } from './notify';
import { parseSettings } from './settings';

const settings = parseSettings(process.env[SETTINGS_VARIABLE]);
const deps = {
  ssm: new SSMClient({}),
  rds: new RDSClient({}),
  elasticache: new ElastiCacheClient({}),
  cloudwatch: new CloudWatchClient({}),
  fetch: globalThis.fetch,
  now: Date.now,
  webhookCache: new Map<string, string>(),
};

export const handler = async (event: unknown) => {
  const records = parseSnsEvent(event);
  try {
    return await notify(records, settings, deps);
  } catch (error) {
    logger.error('notification failed; the record goes to the dead-letter queue', error as Error);
    throw error;
  }
};
