/** The report's settings travel as one JSON environment variable. */
import { jsonSettings } from '../shared/env';
import type { ReportSettings } from './report';

export const SETTINGS_VARIABLE = 'COST_REPORT_SETTINGS';

export function parseReportSettings(raw: string | undefined): ReportSettings {
  return jsonSettings<ReportSettings>(
    SETTINGS_VARIABLE,
    [
      'environment',
      'region',
      'expectationUsd',
      'topics',
      'deadLetterQueueUrl',
      'stateParameter',
      'repeatWindowHours',
    ],
    { [SETTINGS_VARIABLE]: raw },
  );
}
