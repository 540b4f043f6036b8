/** The notifier's settings travel as one JSON environment variable, parsed with the construct's schema. */
import {
  type NotifierSettings,
  notifierSettingsSchema,
  SETTINGS_VARIABLE,
} from '../../lib/core/contracts/notifier';
import { settingsFromEnv } from '../shared/env';

export function parseSettings(raw: string | undefined): NotifierSettings {
  return settingsFromEnv(SETTINGS_VARIABLE, notifierSettingsSchema, { [SETTINGS_VARIABLE]: raw });
}
