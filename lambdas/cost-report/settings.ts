/** The report's settings travel as one JSON environment variable. */

import { type ReportSettings, SETTINGS_VARIABLE } from '../../lib/core/contracts/cost-report';
import { jsonSettings } from '../shared/env';

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
