/** The cost report's contract: written by its construct, read by the function. */
export const SETTINGS_VARIABLE = 'COST_REPORT_SETTINGS';

/** What the weekly schedule sends. */
export const SCHEDULE_EVENT_KIND = 'ops-stack.cost-report';

export interface ReportSettings {
  readonly environment: string;
  readonly region: string;
  readonly expectationUsd: number;
  readonly topics: { readonly P2: string; readonly P3: string };
  readonly deadLetterQueueUrl: string;
  readonly stateParameter: string;
  readonly repeatWindowHours: number;
}
