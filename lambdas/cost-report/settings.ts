/** The report's settings travel as one JSON environment variable. */
import type { ReportSettings } from './report';

export const SETTINGS_VARIABLE = 'COST_REPORT_SETTINGS';

export function parseReportSettings(raw: string | undefined): ReportSettings {
  if (!raw) throw new Error(`environment variable ${SETTINGS_VARIABLE} is required but not set`);
  const value = JSON.parse(raw) as Partial<ReportSettings>;
  const missing = (
    [
      'environment',
      'region',
      'expectationUsd',
      'topics',
      'deadLetterQueueUrl',
      'stateParameter',
      'repeatWindowHours',
    ] as const
  ).filter((k) => value[k] === undefined);
  if (missing.length > 0) throw new Error(`${SETTINGS_VARIABLE} lacks ${missing.join(', ')}`);
  return value as ReportSettings;
}
