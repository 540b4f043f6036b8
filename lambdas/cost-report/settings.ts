/** The report's settings travel as one JSON environment variable, parsed with the construct's schema. */
import {
  type ReportSettings,
  reportSettingsSchema,
  SETTINGS_VARIABLE,
} from '../../lib/core/contracts/cost-report';
import { settingsFromEnv } from '../shared/env';

export function parseReportSettings(raw: string | undefined): ReportSettings {
  return settingsFromEnv(SETTINGS_VARIABLE, reportSettingsSchema, { [SETTINGS_VARIABLE]: raw });
}
