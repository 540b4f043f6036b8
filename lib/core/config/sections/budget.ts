/** `budget`: the account budget, the anomaly monitor and the cost report (seed 002 s4.4). */
import { z } from 'zod';
import { parseSchedule } from '../rules/schedule';
import { checkedString } from './common';

export const budgetSection = z.strictObject({
  monthlyUsd: z
    .number()
    .positive()
    .describe('Expected monthly cost of the account in USD, gross of credits (seed 002 s4.4).'),
  manageBudget: z
    .boolean()
    .default(true)
    .describe('Create the account budget here; exactly one environment per account should. @default - true'),
  anomalyMonitor: z
    .boolean()
    .default(true)
    .describe(
      'Create the Cost Anomaly Detection SERVICE monitor here; AWS allows one per account. @default - true',
    ),
  existingAnomalyMonitorArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:ce::\d{12}:anomalymonitor\/[0-9a-f-]+$/, {
      error: 'expected an anomaly monitor ARN: arn:aws:ce::ACCOUNT:anomalymonitor/ID',
    })
    .optional()
    .describe(
      'Adopt this existing AWS-services anomaly monitor (aws ce get-anomaly-monitors) and only subscribe the P2 topic to it, instead of creating a second monitor, which AWS rejects. Ignored when anomalyMonitor is false. @default - a new monitor',
    ),
  anomalyThresholdUsd: z
    .number()
    .positive()
    .default(20)
    .describe('Alert on anomalies with at least this total impact. @default - 20'),
  reportSchedule: checkedString((expression) => {
    const parsed = parseSchedule(expression);
    return 'problem' in parsed ? parsed.problem : undefined;
  })
    .default('cron(0 0 ? * MON *)')
    .describe('When the weekly cost report runs (UTC). @default - cron(0 0 ? * MON *): Monday 09:00 KST'),
  costExplorer: z
    .boolean()
    .default(false)
    .describe(
      'Add Cost Explorer detail to the cost report (month to date by service, credits, AWS forecast): 3 Cost Explorer API requests per report run and per budget or anomaly notice, $0.01 each, never free, so the free profile refuses it. @default - false: the report reads the AWS/Billing EstimatedCharges metric (a CloudWatch API request within the free million) and relies on the budget for the forecast alert',
    ),
  repeatWindowHours: z
    .int()
    .min(1)
    .max(720)
    .default(24)
    .describe('The same cost finding is not sent again within this many hours. @default - 24'),
});
