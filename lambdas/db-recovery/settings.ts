/** The recovery function's settings: one JSON environment variable, parsed with the construct's schema. */
import {
  type RecoverySettings,
  recoverySettingsSchema,
  SETTINGS_VARIABLE,
} from '../../lib/core/recovery/function-settings';
import { settingsFromEnv } from '../shared/env';

export function parseRecoverySettings(raw: string | undefined): RecoverySettings {
  return settingsFromEnv(SETTINGS_VARIABLE, recoverySettingsSchema, { [SETTINGS_VARIABLE]: raw });
}
