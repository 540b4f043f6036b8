/**
 * Facts a stack writes into its template's Metadata for the guard: things CloudFormation resources
 * do not show, such as the custom metrics the application publishes.
 */
import type { SmsPrice } from '../config/sections/paging';

export const FACTS_KEY = 'OpsStack';

export interface CustomMetricFact {
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** Who publishes it: the application (per the metric contract) or one of our functions. */
  readonly source: 'application' | 'probe';
}

/** The cost report's paid calls: what the template cannot show. */
export interface CostReportFact {
  /** When the report runs (`budget.reportSchedule`). */
  readonly schedule: string;
  /** `budget.costExplorer`: the report calls Cost Explorer, paid per request. */
  readonly costExplorer: boolean;
  /** Cost Explorer requests per run when on (the report's contract). */
  readonly costExplorerCallsPerRun: number;
  /** Cost anomaly alerts a month the report also runs on (an assumption; 0 without a monitor). */
  readonly anomalyAlertsPerMonth: number;
}

/** What one of our functions logs; its invocations by schedule are read from the template. */
export interface FunctionLogFact {
  /** Bytes per invocation, Lambda's START/END/REPORT lines included. */
  readonly bytesPerInvocation: number;
  /** Invocations a month that no schedule in the template starts (an estimate). */
  readonly eventInvocationsPerMonth: number;
}

export interface EnvironmentFacts {
  readonly environment: string;
  /** `undefined` when the environment deploys to the CLI's account. */
  readonly account?: string;
  readonly region: string;
  readonly profile: 'free' | 'standard';
  /**
   * The consolidated billing family whose free allowances the environment spends (billing.ts):
   * `org:<payer>` or `account:<id>`. @default - the environment's account alone
   */
  readonly billingFamily?: { readonly id: string; readonly label: string };
  readonly customMetrics: readonly CustomMetricFact[];
  /** By function name (`ops-stack-<name>` is its POWERTOOLS_SERVICE_NAME). @default - none */
  readonly functionLogs?: Readonly<Record<string, FunctionLogFact>>;
  /** `app.logIngestGbPerMonth`. @default - the rest of the family's free log budget */
  readonly appLogIngestGbPerMonth?: number;
  /** Messages a month published to each severity topic (an estimate). @default - none */
  readonly topicMessagesPerMonth?: Readonly<Record<string, number>>;
  /** `paging.smsPrices`: what an SMS page costs by calling code. @default - none: SMS is unpriced */
  readonly smsPrices?: readonly SmsPrice[];
  /** @default - no cost report */
  readonly costReport?: CostReportFact;
  /** Step Functions state transitions one run of each workflow takes, and runs a month. @default - none */
  readonly workflows?: readonly {
    readonly name: string;
    readonly transitionsPerRun: number;
    readonly runsPerMonth: number;
  }[];
}
