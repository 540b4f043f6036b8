/**
 * Health probe, run every minute by EventBridge Scheduler. Publishes one custom metric through the
 * embedded metric format (no SDK, no PutMetricData) and logs which component failed.
 */

import { parseProbeEvent } from '../../lib/core/contracts/health-probe';
import { positiveIntEnv, requiredEnv } from '../shared/env';
import { logger } from '../shared/logger';
import { runProbe } from './probe';

const settings = {
  url: requiredEnv('HEALTH_URL'),
  timeoutMs: positiveIntEnv('TIMEOUT_MS'),
  environment: requiredEnv('OPS_ENVIRONMENT'),
};

export const handler = async (event: unknown) => {
  parseProbeEvent(event);
  const result = await runProbe(settings, { fetch: globalThis.fetch, now: Date.now });
  process.stdout.write(`${JSON.stringify(result.metricRecord)}\n`);
  const summary = {
    state: result.state,
    latencyMs: result.latencyMs,
    httpStatus: result.httpStatus,
    failing: result.failing,
  };
  if (result.state === 0) logger.info(result.detail, summary);
  else logger.warn(result.detail, summary);
  return { state: result.state, detail: result.detail };
};
