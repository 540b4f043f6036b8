/** The DB recovery workflow's steps: `{ action, state }` in, the step's result out. */
import { lookup } from 'node:dns/promises';
import { ECSClient } from '@aws-sdk/client-ecs';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { SETTINGS_VARIABLE } from '../../lib/core/recovery/function-settings';
import { parseStepEvent } from '../../lib/core/recovery/step-contract';
import { logger } from '../shared/logger';
import { parseRecoverySettings } from './settings';
import { runStep } from './steps';

const settings = parseRecoverySettings(process.env[SETTINGS_VARIABLE]);
const deps = {
  rds: new RDSClient({}),
  ssm: new SSMClient({}),
  sns: new SNSClient({}),
  secrets: new SecretsManagerClient({}),
  route53: new Route53Client({}),
  ecs: new ECSClient({}),
  resolve: async (host: string) => (await lookup(host)).address,
  now: () => new Date(),
};

export const handler = async (event: unknown) => {
  try {
    const step = parseStepEvent(event);
    logger.info('recovery step', {
      action: step.action,
      incident: step.action === 'capture' ? undefined : step.state.incident.id,
    });
    return await runStep(step, settings, deps);
  } catch (error) {
    // Logged as the error object (stack and cause kept); the workflow's Retry or Catch sees its name.
    logger.error('recovery step failed', { error });
    throw error;
  }
};
