/**
 * `npm run ops -- doctor --env NAME`: read-only checks of a deployed environment, one verdict a
 * line, so a team knows after a deploy whether a page would reach anyone:
 *
 * 1. alarms: every catalog alarm is deployed, none sits in INSUFFICIENT_DATA for over an hour;
 * 2. metrics: every metric an alarm or a dashboard reads has datapoints in the last hour under the
 *    exact dimensions the catalog expects (the app's contract metrics have none); a missing one
 *    names what the namespace does publish (another name, other dimensions);
 * 3. topics: every paged severity has a confirmed subscription, pending confirmations named;
 * 4. SMS sandbox, where the environment pages by SMS: out of it, or every number verified;
 * 5. Cost Explorer enabled (the weekly cost report reads it);
 * 6. recovery settings snapshot: captured, and not older than the daily capture allows;
 * 7. the source RDS instance keeps automated backups (retention, deletion protection);
 * 8. the app's log groups exist with the configured retention;
 * 9. alarm mute rules active now (a warning: pages are muted while they last).
 *
 * Each AWS call is counted with what it costs. A credentials error stops everything (the CLI says
 * in one line what to do); any other error fails its check's line and the next check runs.
 */
import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  type CloudWatchClient,
  DescribeAlarmsCommand,
  ListAlarmMuteRulesCommand,
  ListMetricsCommand,
  type Metric,
} from '@aws-sdk/client-cloudwatch';
import { type CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { type CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { DescribeDBInstancesCommand, type RDSClient } from '@aws-sdk/client-rds';
import {
  GetSMSSandboxAccountStatusCommand,
  ListSMSSandboxPhoneNumbersCommand,
  ListSubscriptionsByTopicCommand,
  type SNSClient,
} from '@aws-sdk/client-sns';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { RETENTION_DAYS } from '../../lib/constructs/monitoring/app-log-retention';
import {
  alarmName,
  alarmNamePrefix,
  CAPTURED_SETTINGS_OUTPUT,
  muteRuleNameOfArn,
  muteRulePrefix,
  stackName,
  topicName,
} from '../../lib/core/catalog/naming';
import { resolveCatalog } from '../../lib/core/catalog/resolve';
import type { EnvironmentConfig } from '../../lib/core/config/schema';
import { type BacktestMetric, planBacktest } from '../../lib/core/replay/backtest/plan';
import { SEVERITIES, type Severity } from '../../lib/core/severity/severities';
import { isCredentialsError } from '../cli/errors';
import { readFromCloudWatch } from '../replay/cloudwatch-reader';

export interface DoctorClients {
  /** CloudWatch in a region: the environment's, or where a catalog metric lives (us-east-1 billing). */
  readonly cloudwatch: (region: string) => CloudWatchClient;
  readonly sns: SNSClient;
  readonly logs: CloudWatchLogsClient;
  readonly ssm: SSMClient;
  readonly rds: RDSClient;
  readonly cloudformation: CloudFormationClient;
  /** Cost Explorer's one endpoint is us-east-1. */
  readonly costExplorer: CostExplorerClient;
}

export type VerdictLevel = 'PASS' | 'FAIL' | 'WARN';

export interface Verdict {
  readonly level: VerdictLevel;
  readonly line: string;
}

/** Calls made, by how AWS bills them. */
export interface CallTally {
  /** CloudWatch API requests (DescribeAlarms, ListMetrics, ListAlarmMuteRules). */
  cloudwatchRequests: number;
  /** GetMetricData requests, and the metrics they are billed for. */
  getMetricDataRequests: number;
  getMetricDataMetrics: number;
  costExplorerRequests: number;
  snsRequests: number;
  /** CloudFormation, RDS, SSM (standard parameters) and CloudWatch Logs describe calls. */
  otherRequests: number;
}

export interface DoctorResult {
  readonly verdicts: Verdict[];
  readonly calls: CallTally;
  /** What the calls cost at most, USD. */
  readonly costUsd: number;
}

/**
 * What the calls cost at most, USD: CloudWatch pricing, $0.01 per 1,000 API requests beyond the
 * free 1,000,000 a month, and GetMetricData $0.01 per 1,000 metrics requested (the metrics'
 * price comes from prices.json through the backtest plan); Cost Explorer FAQ, "The AWS Cost
 * Explorer API incurs a charge of 0.01 per request"; SNS, $0.50 per million requests beyond the
 * free million. Describe and get calls of CloudFormation, RDS, SSM standard parameters and Logs
 * have no request charge.
 */
export const REQUEST_PRICES = {
  cloudwatchPerThousand: 0.01,
  costExplorerEach: 0.01,
  snsPerMillion: 0.5,
} as const;

export function costOf(calls: CallTally, getMetricDataUsd: number): number {
  return (
    (calls.cloudwatchRequests / 1000) * REQUEST_PRICES.cloudwatchPerThousand +
    getMetricDataUsd +
    calls.costExplorerRequests * REQUEST_PRICES.costExplorerEach +
    (calls.snsRequests / 1_000_000) * REQUEST_PRICES.snsPerMillion
  );
}

const HOUR_MS = 3_600_000;
/** The capture runs daily (rate(1 day)) and at deploy; a day and an hour of slack is still fresh. */
export const SNAPSHOT_FRESH_HOURS = 25;

interface Run {
  readonly config: EnvironmentConfig;
  readonly account: string;
  readonly clients: DoctorClients;
  readonly now: Date;
  readonly calls: CallTally;
  getMetricDataUsd: number;
}

type Check = (run: Run) => Promise<Verdict[]>;

const pass = (line: string): Verdict => ({ level: 'PASS', line });
const fail = (line: string): Verdict => ({ level: 'FAIL', line });
const warn = (line: string): Verdict => ({ level: 'WARN', line });

function dims(d: Readonly<Record<string, string>>): string {
  return (
    Object.entries(d)
      .map(([k, v]) => `${k}=${v}`)
      .join(',') || 'no dimensions'
  );
}

function dimsOf(metric: Metric): Record<string, string> {
  return Object.fromEntries((metric.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? '']));
}

/** Names a newcomer would mistype for each other: same letters ignoring case, or one edit apart. */
function similar(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  let j = 0;
  while (j < x.length - i && j < y.length - i && x[x.length - 1 - j] === y[y.length - 1 - j]) j++;
  return x.length - i - j <= 1 && y.length - i - j <= 1;
}

const alarms: Check = async (run) => {
  const { config, clients, now } = run;
  const cloudwatch = clients.cloudwatch(config.region);
  const deployed: { name: string; state?: string; since?: Date }[] = [];
  let next: string | undefined;
  do {
    run.calls.cloudwatchRequests++;
    const out = await cloudwatch.send(
      new DescribeAlarmsCommand({
        AlarmNamePrefix: alarmNamePrefix(config.name),
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
        NextToken: next,
      }),
    );
    for (const a of [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])])
      if (a.AlarmName)
        deployed.push({
          name: a.AlarmName,
          ...(a.StateValue ? { state: a.StateValue } : {}),
          ...(a.StateUpdatedTimestamp ? { since: a.StateUpdatedTimestamp } : {}),
        });
    next = out.NextToken;
  } while (next);
  const expected = resolveCatalog(config).alarms.map((a) => alarmName(config.name, a.severity, a.id));
  const names = new Set(deployed.map((a) => a.name));
  const missing = expected.filter((n) => !names.has(n));
  const verdicts: Verdict[] = [
    missing.length === 0
      ? pass(`alarms: all ${expected.length} of the catalog are deployed`)
      : fail(
          `alarms: ${missing.length} of ${expected.length} not deployed (${missing.join(', ')}): run npx cdk deploy -c env=${config.name} '${config.name}/*'`,
        ),
  ];
  const stuck = deployed.filter(
    (a) =>
      a.state === 'INSUFFICIENT_DATA' && a.since !== undefined && now.getTime() - a.since.getTime() > HOUR_MS,
  );
  verdicts.push(
    stuck.length === 0
      ? pass('alarms: none in INSUFFICIENT_DATA for over an hour')
      : fail(
          `alarms in INSUFFICIENT_DATA for over an hour (they can never page): ${stuck.map((a) => `${a.name} since ${a.since?.toISOString()}`).join(', ')}`,
        ),
  );
  return verdicts;
};

const metrics: Check = async (run) => {
  const { config, clients, now } = run;
  const catalog = resolveCatalog(config);
  // A one-hour backtest plan: the same metric list, statistics, dimensions and GetMetricData calls.
  const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  const plan = planBacktest({ catalog, region: config.region, end, days: 1 / 24, now });
  const read = await readFromCloudWatch(plan, config.region, clients.cloudwatch);
  run.calls.getMetricDataRequests += read.requests;
  run.calls.getMetricDataMetrics += plan.billedMetrics;
  run.getMetricDataUsd += plan.costUsd;
  const missing = new Set(read.data.missing);
  const verdicts: Verdict[] = [];
  const namespaceNames = new Map<string, string[]>();
  for (const m of plan.metrics) {
    const what = `metric ${m.namespace} ${m.metricName} (${dims(m.dimensions)}; ${m.usedBy.join(', ')})`;
    if (!missing.has(m.key)) {
      verdicts.push(pass(`${what}: datapoints in the last hour`));
      continue;
    }
    verdicts.push(fail(`${what}: no datapoints in the last hour; ${await diagnose(run, m, namespaceNames)}`));
  }
  return verdicts;
};

/** What the namespace does publish near a missing metric, from ListMetrics (past three hours). */
async function diagnose(run: Run, m: BacktestMetric, byNamespace: Map<string, string[]>): Promise<string> {
  const cloudwatch = run.clients.cloudwatch(m.region ?? run.config.region);
  // ListMetrics' RecentlyActive accepts only PT3H: metrics with datapoints in the past three hours.
  run.calls.cloudwatchRequests++;
  const sameName = await cloudwatch.send(
    new ListMetricsCommand({ Namespace: m.namespace, MetricName: m.metricName, RecentlyActive: 'PT3H' }),
  );
  const others = (sameName.Metrics ?? []).map((x) => dims(dimsOf(x)));
  if (others.length > 0)
    return `it is published with other dimensions (${others.slice(0, 3).join('; ')}): the alarm reads ${dims(m.dimensions)}`;
  let names = byNamespace.get(m.namespace);
  if (!names) {
    run.calls.cloudwatchRequests++;
    const all = await cloudwatch.send(
      new ListMetricsCommand({ Namespace: m.namespace, RecentlyActive: 'PT3H' }),
    );
    names = [...new Set((all.Metrics ?? []).flatMap((x) => (x.MetricName ? [x.MetricName] : [])))];
    byNamespace.set(m.namespace, names);
  }
  const close = names.filter((n) => similar(n, m.metricName));
  if (close.length > 0)
    return `the namespace has ${close.join(', ')}: the app publishes under another name than the contract (docs/metrics.md) says`;
  return names.length > 0
    ? `nothing under that name in ${m.namespace} (it has ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', ...' : ''}): the alarm can never fire`
    : `${m.namespace} has no metric with data in the past three hours: is the app (or the resource) running and publishing there?`;
}

const topics: Check = async (run) => {
  const { config, clients } = run;
  const verdicts: Verdict[] = [];
  for (const severity of SEVERITIES) {
    const name = topicName(config.name, severity);
    const silent = config.paging.silent[severity];
    run.calls.snsRequests++;
    const out = await clients.sns.send(
      new ListSubscriptionsByTopicCommand({
        TopicArn: `arn:aws:sns:${config.region}:${run.account}:${name}`,
      }),
    );
    const subs = out.Subscriptions ?? [];
    const pending = subs.filter((s) => s.SubscriptionArn === 'PendingConfirmation');
    const confirmed = subs.length - pending.length;
    const pendingText = pending.length
      ? `, pending confirmation: ${pending.map((s) => `${s.Protocol} ${s.Endpoint}`).join(', ')}`
      : '';
    if (confirmed === 0 && pending.length === 0 && silent) {
      verdicts.push(pass(`topic ${name}: no subscription, silent by config (${silent})`));
      continue;
    }
    verdicts.push(
      confirmed > 0 && pending.length === 0
        ? pass(`topic ${name}: ${confirmed} confirmed`)
        : fail(
            `topic ${name}: ${confirmed} confirmed${pendingText}${confirmed === 0 ? ' (nobody receives these pages)' : ''}`,
          ),
    );
  }
  return verdicts;
};

function smsNumbers(config: EnvironmentConfig): string[] {
  const numbers = SEVERITIES.flatMap((s: Severity) =>
    (config.paging[s] ?? []).flatMap((sub) => (sub.type === 'sms' ? [sub.number] : [])),
  );
  return [...new Set(numbers)];
}

const smsSandbox: Check = async (run) => {
  const numbers = smsNumbers(run.config);
  if (numbers.length === 0) return [pass('SMS: no sms subscription, sandbox not checked')];
  run.calls.snsRequests++;
  const status = await run.clients.sns.send(new GetSMSSandboxAccountStatusCommand({}));
  if (!status.IsInSandbox) return [pass('SMS: the account is out of the SMS sandbox')];
  const verified = new Set<string>();
  let next: string | undefined;
  do {
    run.calls.snsRequests++;
    const out = await run.clients.sns.send(new ListSMSSandboxPhoneNumbersCommand({ NextToken: next }));
    for (const p of out.PhoneNumbers ?? [])
      if (p.Status === 'Verified' && p.PhoneNumber) verified.add(p.PhoneNumber);
    next = out.NextToken;
  } while (next);
  const unverified = numbers.filter((n) => !verified.has(n));
  return [
    unverified.length === 0
      ? warn(
          `SMS: the account is in the SMS sandbox; every configured number is verified, but request production access before relying on SMS`,
        )
      : fail(
          `SMS: the account is in the SMS sandbox and ${unverified.join(', ')} ${unverified.length > 1 ? 'are' : 'is'} not verified, so no SMS reaches ${unverified.length > 1 ? 'them' : 'it'}: verify in the SNS console (Text messaging, Sandbox destination phone numbers) or exit the sandbox`,
        ),
  ];
};

const costExplorer: Check = async (run) => {
  // The cheapest probe: one GetCostAndUsage of yesterday's total ($0.01).
  const day = new Date(Math.floor(run.now.getTime() / 86_400_000) * 86_400_000);
  const yesterday = new Date(day.getTime() - 86_400_000);
  run.calls.costExplorerRequests++;
  try {
    await run.clients.costExplorer.send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: yesterday.toISOString().slice(0, 10), End: day.toISOString().slice(0, 10) },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
      }),
    );
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'DataUnavailableException')
      return [
        fail(
          'Cost Explorer: no data (DataUnavailableException): enable Cost Explorer in the Billing console; the first data arrives within 24 hours, and the cost report has none until then',
        ),
      ];
    if (name === 'AccessDeniedException')
      return [
        fail(
          'Cost Explorer: access denied: activate IAM access to billing (account settings, as the root user) and allow ce:GetCostAndUsage to these credentials',
        ),
      ];
    throw error;
  }
  return [pass('Cost Explorer: enabled (the weekly cost report can read it)')];
};

const recoverySnapshot: Check = async (run) => {
  const { config, clients, now } = run;
  if (!config.recovery) return [pass('recovery: no recovery section, no settings snapshot expected')];
  run.calls.otherRequests++;
  const stacks = await clients.cloudformation.send(
    new DescribeStacksCommand({ StackName: stackName(config.name) }),
  );
  const parameter = stacks.Stacks?.[0]?.Outputs?.find(
    (o) => o.OutputKey === CAPTURED_SETTINGS_OUTPUT,
  )?.OutputValue;
  if (!parameter)
    return [
      fail(
        `recovery: ${stackName(config.name)} has no ${CAPTURED_SETTINGS_OUTPUT} output: deploy this version of ops-stack`,
      ),
    ];
  run.calls.otherRequests++;
  const out = await clients.ssm.send(new GetParameterCommand({ Name: parameter }));
  const value = out.Parameter?.Value ?? '';
  let capturedAt: string | undefined;
  try {
    capturedAt = (JSON.parse(value) as { capturedAt?: string }).capturedAt;
  } catch {
    capturedAt = undefined;
  }
  if (!capturedAt)
    return [
      fail(
        `recovery: settings snapshot ${parameter} holds no capture yet: the capture at deploy failed (see the paging dead-letter queue) or the instance ${config.database.instanceIdentifier} does not exist`,
      ),
    ];
  const ageHours = (now.getTime() - Date.parse(capturedAt)) / HOUR_MS;
  return [
    ageHours <= SNAPSHOT_FRESH_HOURS
      ? pass(`recovery: settings snapshot captured ${capturedAt} (${ageHours.toFixed(1)} h ago)`)
      : fail(
          `recovery: settings snapshot captured ${capturedAt}, ${ageHours.toFixed(0)} h ago (the daily capture should keep it under ${SNAPSHOT_FRESH_HOURS} h): check the DailyCapture schedule and the dead-letter queue`,
        ),
  ];
};

const rdsBackups: Check = async (run) => {
  const id = run.config.database.instanceIdentifier;
  run.calls.otherRequests++;
  let db: { BackupRetentionPeriod?: number; DeletionProtection?: boolean } | undefined;
  try {
    const out = await run.clients.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }));
    db = out.DBInstances?.[0];
  } catch (error) {
    if (error instanceof Error && error.name === 'DBInstanceNotFoundFault')
      return [fail(`database ${id}: not found in ${run.config.region} (check database.instanceIdentifier)`)];
    throw error;
  }
  const retention = db?.BackupRetentionPeriod ?? 0;
  // DeleteAutomatedBackups is a DeleteDBInstance parameter ("The default is to remove automated
  // backups immediately after the DB instance is deleted"), not a setting DescribeDBInstances shows.
  const onDelete = 'delete it only with --no-delete-automated-backups (CDK: deleteAutomatedBackups: false)';
  if (retention === 0)
    return [
      fail(
        `database ${id}: automated backups are off (BackupRetentionPeriod 0): no point-in-time restore is possible; set a retention of at least 1 day`,
      ),
    ];
  return [
    db?.DeletionProtection
      ? pass(`database ${id}: automated backups kept ${retention} days, deletion protection on; ${onDelete}`)
      : fail(
          `database ${id}: automated backups kept ${retention} days, but deletion protection is off: a delete removes them by default; turn it on, and ${onDelete}`,
        ),
  ];
};

const logGroups: Check = async (run) => {
  const groups = run.config.app.logGroups;
  if (groups.length === 0) return [pass('logs: no app log groups configured')];
  const verdicts: Verdict[] = [];
  for (const group of groups) {
    run.calls.otherRequests++;
    const out = await run.clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group.name }));
    const found = (out.logGroups ?? []).find((g) => g.logGroupName === group.name);
    const want = Number(RETENTION_DAYS[group.retention]);
    if (!found) {
      verdicts.push(
        fail(
          `log group ${group.name}: does not exist (the app has not logged there yet, or the name differs)`,
        ),
      );
      continue;
    }
    const days = found.retentionInDays;
    verdicts.push(
      days === want
        ? pass(`log group ${group.name}: retention ${days} days (${group.retention})`)
        : fail(
            `log group ${group.name}: retention ${days === undefined ? 'never expires' : `${days} days`}, configured ${want} (${group.retention}): deploy again, or something else changed it`,
          ),
    );
  }
  return verdicts;
};

const mutes: Check = async (run) => {
  const { config, clients } = run;
  const prefix = muteRulePrefix(config.name);
  const active: { name: string; until?: Date }[] = [];
  let next: string | undefined;
  do {
    run.calls.cloudwatchRequests++;
    const out = await clients
      .cloudwatch(config.region)
      .send(new ListAlarmMuteRulesCommand({ Statuses: ['ACTIVE'], NextToken: next }));
    for (const r of out.AlarmMuteRuleSummaries ?? []) {
      const name = r.AlarmMuteRuleArn ? muteRuleNameOfArn(r.AlarmMuteRuleArn) : '';
      if (name.startsWith(prefix)) active.push({ name, ...(r.ExpireDate ? { until: r.ExpireDate } : {}) });
    }
    next = out.NextToken;
  } while (next);
  return [
    active.length === 0
      ? pass('mutes: no alarm mute rule active now')
      : warn(
          `mutes: ${active.length} active now, their alarms page nobody until they end: ${active.map((a) => `${a.name}${a.until ? ` (until ${a.until.toISOString()})` : ''}`).join(', ')}; npm run ops -- unmute --env ${config.name} ends the CLI's`,
        ),
  ];
};

/** Check names for the line of a check that failed with an unexpected error. */
const CHECKS: readonly [string, Check][] = [
  ['alarms', alarms],
  ['metrics', metrics],
  ['topics', topics],
  ['SMS', smsSandbox],
  ['Cost Explorer', costExplorer],
  ['recovery', recoverySnapshot],
  ['database', rdsBackups],
  ['logs', logGroups],
  ['mutes', mutes],
];

export async function runDoctor(
  config: EnvironmentConfig,
  account: string,
  clients: DoctorClients,
  now: Date,
): Promise<DoctorResult> {
  const run: Run = {
    config,
    account,
    clients,
    now,
    calls: {
      cloudwatchRequests: 0,
      getMetricDataRequests: 0,
      getMetricDataMetrics: 0,
      costExplorerRequests: 0,
      snsRequests: 0,
      otherRequests: 0,
    },
    getMetricDataUsd: 0,
  };
  const verdicts: Verdict[] = [];
  for (const [name, check] of CHECKS) {
    try {
      verdicts.push(...(await check(run)));
    } catch (error) {
      if (isCredentialsError(error)) throw error;
      const e = error instanceof Error ? error : new Error(String(error));
      verdicts.push(fail(`${name}: could not check (${e.name}: ${e.message.split('\n')[0]})`));
    }
  }
  return { verdicts, calls: run.calls, costUsd: costOf(run.calls, run.getMetricDataUsd) };
}
