/**
 * Paging notifier: SNS (alarm, budget, anomaly, ops-stack messages) and CloudWatch alarm
 * state-change events in, a short chat message out. Delivery of the page never depends on this
 * function: alarms publish to the topics directly.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { RDSClient } from '@aws-sdk/client-rds';
import { SSMClient } from '@aws-sdk/client-ssm';
import { SETTINGS_VARIABLE } from '../../lib/core/contracts/notifier';
import { logger } from '../shared/logger';
import { parseSnsEvent } from '../shared/sns-event';
import { notify, notifyStateChange } from './notify';
import { parseSettings } from './settings';
import { isStateChangeEvent, parseStateChange } from './state-change';

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
  // Parse before anything else: a malformed or foreign event makes no AWS call.
  const work = isStateChangeEvent(event)
    ? { kind: 'state-change' as const, change: parseStateChange(event) }
    : { kind: 'sns' as const, records: parseSnsEvent(event) };
  try {
    return work.kind === 'sns'
      ? await notify(work.records, settings, deps)
      : [await notifyStateChange(work.change, settings, deps)];
  } catch (error) {
    logger.error('notification failed; the event goes to the dead-letter queue', error as Error);
    throw error;
  }
};
