/** RDS events, the database-down alarm and manual starts in; one execution per incident out. */
import { SFNClient } from '@aws-sdk/client-sfn';
import { TRIGGER_SETTINGS_VARIABLE, triggerSettingsSchema } from '../../lib/core/recovery/function-settings';
import { decideTrigger } from '../../lib/core/recovery/trigger-decision';
import { settingsFromEnv } from '../shared/env';
import { logger } from '../shared/logger';
import { startRecovery } from './trigger';

const settings = settingsFromEnv(TRIGGER_SETTINGS_VARIABLE, triggerSettingsSchema);
const sfn = new SFNClient({});

export const handler = async (event: unknown) => {
  const decision = decideTrigger(event, { ...settings, now: new Date() });
  if (!decision.start) {
    // A foreign or malformed event: no AWS call, and a line saying why.
    logger.warn('recovery not started', { reason: decision.reason });
    return { started: false, note: decision.reason };
  }
  const result = await startRecovery(sfn, settings.stateMachineArn, decision.incident);
  logger.info('recovery trigger', { incident: decision.incident.id, ...result });
  return result;
};
