/** RDS events, the database-down alarm and manual starts in; one execution per incident out. */
import { SFNClient } from '@aws-sdk/client-sfn';
import { requiredEnv } from '../shared/env';
import { logger } from '../shared/logger';
import { incidentFromEvent, startRecovery } from './trigger';

const stateMachineArn = requiredEnv('STATE_MACHINE_ARN');
const instance = requiredEnv('DB_INSTANCE');
const sfn = new SFNClient({});

export const handler = async (event: unknown) => {
  const incident = incidentFromEvent(event, instance, new Date());
  const result = await startRecovery(sfn, stateMachineArn, incident);
  logger.info('recovery trigger', { incident: incident.id, ...result });
  return result;
};
