/**
 * What the synthesized templates of one account contain that AWS bills or the free tier limits:
 * alarms, custom metrics, dashboards, log groups, schedules and the functions they start. Pure: it
 * reads CloudFormation JSON and the facts the stack writes into its Metadata.
 */
import { type AlarmMetricCount, countAlarmMetrics, isAlarmResource } from '../catalog/alarm-metrics';
import { type SmsPrice, smsPriceFor } from '../config/sections/paging';
import { countDashboardMetrics, dashboardBodyText } from './dashboard-metrics';
import { type CustomMetricFact, type EnvironmentFacts, FACTS_KEY } from './facts';
import { invocationsPerMonth } from './schedules';

export interface TemplateInput {
  readonly stackName: string;
  readonly template: {
    readonly Resources?: Readonly<Record<string, { readonly Type: string; readonly Properties?: unknown }>>;
    readonly Metadata?: Readonly<Record<string, unknown>>;
  };
}

export interface AlarmUsage extends AlarmMetricCount {
  readonly stack: string;
  readonly logicalId: string;
  readonly name: string;
}

export interface DashboardUsage {
  readonly stack: string;
  readonly logicalId: string;
  readonly metrics: number;
}

export interface StackResourceRef {
  readonly stack: string;
  readonly logicalId: string;
}

export interface ScheduleUsage extends StackResourceRef {
  readonly expression: string;
  readonly perMonth: number;
}

export type StackCustomMetric = CustomMetricFact & { readonly stack: string };

/** One of our functions' log volume. */
export interface FunctionLogUsage {
  readonly stack: string;
  readonly name: string;
  readonly invocationsPerMonth: number;
  readonly gbPerMonth: number;
  readonly retentionDays: number;
}

/** The app's log groups of one environment: their retention, and the configured volume if any. */
export interface AppLogUsage {
  readonly environment: string;
  readonly retentionDays: readonly number[];
  readonly configuredGbPerMonth?: number;
}

/** SMS deliveries a month to one number, at the price the environment's config gives its calling code. */
export interface SmsUsage {
  readonly number: string;
  readonly messages: number;
  /** `paging.smsPrices` entry for the number. @default - none configured: the line is unpriced */
  readonly price?: SmsPrice;
}

/**
 * The templates of one billing family: the free allowances are per account across regions, and an
 * AWS Organization's consolidated bill treats all its accounts as one (lib/core/config/sections/billing.ts).
 */
export interface AccountMembers {
  /** The accounts of the family, comma-separated (one for an account that pays its own bill). */
  readonly account: string;
  readonly family: string;
  readonly familyLabel: string;
  readonly members: readonly { readonly facts: EnvironmentFacts; readonly stack: TemplateInput }[];
}

export interface AccountInventory {
  readonly alarms: readonly AlarmUsage[];
  readonly customMetrics: readonly StackCustomMetric[];
  readonly dashboards: readonly DashboardUsage[];
  readonly logGroupsWithoutRetention: readonly StackResourceRef[];
  readonly schedules: readonly ScheduleUsage[];
  /** Scheduled function starts a month. */
  readonly lambdaRequests: number;
  /** Scheduled function GB-seconds a month, every run taken at its timeout. */
  readonly lambdaGbSeconds: number;
  readonly stepFunctionsTransitions: number;
  /** How the transitions were counted, one entry per workflow. */
  readonly workflowRuns: readonly string[];
  readonly functionLogs: readonly FunctionLogUsage[];
  readonly appLogs: readonly AppLogUsage[];
  /** Messages published to our topics a month, and deliveries by protocol. */
  readonly snsPublishes: number;
  readonly snsDeliveries: Readonly<Record<string, number>>;
  readonly sms: readonly SmsUsage[];
  readonly secrets: readonly StackResourceRef[];
  readonly muteRules: readonly StackResourceRef[];
  /** Cost report runs a month: its schedule, the budget notifications and the anomaly alerts. */
  readonly costReportRuns: number;
  /** Cost Explorer requests a month with `budget.costExplorer` as configured. */
  readonly costExplorerRequests: number;
  /** The same if every environment turned Cost Explorer detail on. */
  readonly costExplorerRequestsIfOn: number;
}

const DEFAULT_ACCOUNT = '(default credentials)';
type Resource = { readonly Type: string; readonly Properties?: unknown };

/** Stacks that carry guard facts, grouped by billing family, families in id order. */
export function groupByAccount(stacks: readonly TemplateInput[]): AccountMembers[] {
  const groups = new Map<string, { facts: EnvironmentFacts; stack: TemplateInput }[]>();
  for (const stack of stacks) {
    const facts = stack.template.Metadata?.[FACTS_KEY] as EnvironmentFacts | undefined;
    if (!facts) continue;
    const key = familyOf(facts).id;
    groups.set(key, [...(groups.get(key) ?? []), { facts, stack }]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([family, members]) => ({
      account: [...new Set(members.map((m) => m.facts.account ?? DEFAULT_ACCOUNT))].sort().join(', '),
      family,
      familyLabel: familyOf((members[0] as { facts: EnvironmentFacts }).facts).label,
      members,
    }));
}

function familyOf(facts: EnvironmentFacts): { id: string; label: string } {
  const account = facts.account ?? DEFAULT_ACCOUNT;
  return facts.billingFamily ?? { id: `account:${account}`, label: `account ${account}` };
}

export function inventoryOf(members: AccountMembers['members']): AccountInventory {
  const alarms: AlarmUsage[] = [];
  const customMetrics: StackCustomMetric[] = [];
  const dashboards: DashboardUsage[] = [];
  const logGroupsWithoutRetention: StackResourceRef[] = [];
  const schedules: ScheduleUsage[] = [];
  let lambdaRequests = 0;
  let lambdaGbSeconds = 0;
  let stepFunctionsTransitions = 0;
  const workflowRuns: string[] = [];
  const functionLogs: FunctionLogUsage[] = [];
  const snsDeliveries: Record<string, number> = {};
  const sms: SmsUsage[] = [];
  const secrets: StackResourceRef[] = [];
  const muteRules: StackResourceRef[] = [];
  let snsPublishes = 0;
  const appLogs: AppLogUsage[] = [];
  let costReportRuns = 0;
  let costExplorerRequests = 0;
  let costExplorerRequestsIfOn = 0;

  for (const { facts, stack } of members) {
    const resources = Object.entries(stack.template.Resources ?? {});
    const byId = new Map(resources);
    for (const m of facts.customMetrics) customMetrics.push({ ...m, stack: stack.stackName });
    for (const w of facts.workflows ?? []) {
      stepFunctionsTransitions += w.transitionsPerRun * w.runsPerMonth;
      workflowRuns.push(
        `${facts.environment} ${w.name} ${w.transitionsPerRun} per run x ${w.runsPerMonth} runs`,
      );
    }
    if (facts.costReport) {
      const r = facts.costReport;
      const runs =
        invocationsPerMonth(r.schedule) + budgetNotificationsOf(resources) + r.anomalyAlertsPerMonth;
      costReportRuns += runs;
      costExplorerRequestsIfOn += runs * r.costExplorerCallsPerRun;
      if (r.costExplorer) costExplorerRequests += runs * r.costExplorerCallsPerRun;
    }
    functionLogs.push(...functionLogsOf(stack.stackName, facts, resources));
    const messages = facts.topicMessagesPerMonth ?? {};
    const severityOfTopic = (ref: unknown) => {
      const id = (ref as { Ref?: string } | undefined)?.Ref;
      const name = (byId.get(id ?? '')?.Properties as { TopicName?: unknown } | undefined)?.TopicName;
      return typeof name === 'string' ? /-(P[0-3])$/.exec(name)?.[1] : undefined;
    };
    for (const [id, r] of resources) {
      if (r.Type === 'AWS::SNS::Topic') {
        const severity = severityOfTopic({ Ref: id });
        snsPublishes += severity ? (messages[severity] ?? 0) : 0;
      }
      if (r.Type !== 'AWS::SNS::Subscription') continue;
      const p = (r.Properties ?? {}) as { Protocol?: string; TopicArn?: unknown; Endpoint?: unknown };
      const severity = severityOfTopic(p.TopicArn);
      const n = severity ? (messages[severity] ?? 0) : 0;
      const protocol = p.Protocol === 'https' ? 'http' : (p.Protocol ?? 'unknown');
      snsDeliveries[protocol] = (snsDeliveries[protocol] ?? 0) + n;
      if (p.Protocol === 'sms') {
        const number = String(p.Endpoint);
        const price = smsPriceFor(number, facts.smsPrices ?? []);
        sms.push({ number, messages: n, ...(price ? { price } : {}) });
      }
    }
    appLogs.push({
      environment: facts.environment,
      retentionDays: appLogRetentions(resources),
      ...(facts.appLogIngestGbPerMonth !== undefined
        ? { configuredGbPerMonth: facts.appLogIngestGbPerMonth }
        : {}),
    });
    for (const [logicalId, resource] of resources) {
      const props = (resource.Properties ?? {}) as Record<string, unknown>;
      if (isAlarmResource(resource.Type)) {
        alarms.push({
          ...countAlarmMetrics(resource.Type, props),
          stack: stack.stackName,
          logicalId,
          name: String(props.AlarmName ?? logicalId),
        });
      }
      switch (resource.Type) {
        case 'AWS::CloudWatch::Dashboard':
          dashboards.push({
            stack: stack.stackName,
            logicalId,
            metrics: countDashboardMetrics(dashboardBodyText(props.DashboardBody)),
          });
          break;
        case 'AWS::SecretsManager::Secret':
          secrets.push({ stack: stack.stackName, logicalId });
          break;
        case 'AWS::CloudWatch::AlarmMuteRule':
          muteRules.push({ stack: stack.stackName, logicalId });
          break;
        case 'AWS::Logs::LogGroup':
          if (props.RetentionInDays === undefined)
            logGroupsWithoutRetention.push({ stack: stack.stackName, logicalId });
          break;
        case 'AWS::Lambda::Function': {
          // Without an explicit log group Lambda creates one that never expires, unless a
          // Custom::LogRetention sets its retention.
          const explicit = (props.LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup;
          if (!explicit && !retentionManaged(logicalId, resources)) {
            logGroupsWithoutRetention.push({
              stack: stack.stackName,
              logicalId: `${logicalId} (implicit /aws/lambda log group)`,
            });
          }
          break;
        }
        case 'AWS::Logs::MetricFilter':
          for (const t of (props.MetricTransformations as Record<string, unknown>[] | undefined) ?? []) {
            customMetrics.push({
              namespace: String(t.MetricNamespace),
              name: String(t.MetricName),
              dimensions: {},
              source: 'application',
              stack: stack.stackName,
            });
          }
          break;
        case 'AWS::Scheduler::Schedule':
        case 'AWS::Events::Rule': {
          const expression = props.ScheduleExpression;
          if (typeof expression !== 'string') break;
          const perMonth = invocationsPerMonth(expression);
          schedules.push({ stack: stack.stackName, logicalId, expression, perMonth });
          const fn = targetFunction(props, byId);
          if (fn) {
            lambdaRequests += perMonth;
            lambdaGbSeconds += perMonth * (Number(fn.MemorySize ?? 128) / 1024) * Number(fn.Timeout ?? 3);
          }
          break;
        }
      }
    }
  }
  return {
    alarms,
    customMetrics,
    dashboards,
    logGroupsWithoutRetention,
    schedules,
    lambdaRequests,
    lambdaGbSeconds,
    stepFunctionsTransitions,
    workflowRuns,
    functionLogs,
    appLogs,
    snsPublishes,
    snsDeliveries,
    sms,
    secrets,
    muteRules,
    costReportRuns,
    costExplorerRequests,
    costExplorerRequestsIfOn,
  };
}

/**
 * Budget notifications a month, each able to start one report: a notification goes to ALARM when
 * its threshold is passed ("NotificationState ... OK | ALARM", AWS Budgets API reference), at most
 * once per monthly budget period.
 */
function budgetNotificationsOf(resources: readonly [string, Resource][]): number {
  return resources
    .filter(([, r]) => r.Type === 'AWS::Budgets::Budget')
    .reduce((sum, [, r]) => {
      const n = (r.Properties as { NotificationsWithSubscribers?: unknown[] }).NotificationsWithSubscribers;
      return sum + (n?.length ?? 0);
    }, 0);
}

/** Custom metrics are billed per distinct namespace, name and dimension set. */
export function distinctMetrics(metrics: readonly CustomMetricFact[]): number {
  return new Set(metrics.map((m) => `${m.namespace}|${m.name}|${JSON.stringify(m.dimensions)}`)).size;
}

function retentionManaged(functionId: string, resources: readonly [string, Resource][]): boolean {
  const ref = JSON.stringify({ Ref: functionId });
  return resources.some(
    ([, r]) =>
      r.Type === 'Custom::LogRetention' &&
      JSON.stringify((r.Properties as { LogGroupName?: unknown }).LogGroupName).includes(ref),
  );
}

function targetFunction(props: Record<string, unknown>, byId: ReadonlyMap<string, Resource>) {
  const id = targetFunctionId(props, byId);
  return id ? (byId.get(id)?.Properties as Record<string, unknown>) : undefined;
}

function targetFunctionId(props: Record<string, unknown>, byId: ReadonlyMap<string, Resource>) {
  const targets = [props.Target, ...((props.Targets as unknown[] | undefined) ?? [])];
  for (const target of targets) {
    const arn = (target as { Arn?: unknown } | undefined)?.Arn;
    const ref = (arn as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];
    if (ref && byId.get(ref)?.Type === 'AWS::Lambda::Function') return ref;
  }
  return undefined;
}

/** Log ingestion is priced per GB; 10^9 bytes (the larger count of the two GB conventions). */
const BYTES_PER_GB = 1e9;
const SERVICE_PREFIX = 'ops-stack-';

/**
 * Our functions' log volume: bytes per invocation (facts) x invocations (the template's schedules
 * that target the function, plus the facts' estimate of event-driven ones), kept as long as the
 * function's own log group keeps it. CDK's provider functions run only at deploy and are left out.
 */
function functionLogsOf(
  stack: string,
  facts: EnvironmentFacts,
  resources: readonly [string, Resource][],
): FunctionLogUsage[] {
  const byId = new Map(resources);
  const scheduled = new Map<string, number>();
  for (const [, r] of resources) {
    if (r.Type !== 'AWS::Scheduler::Schedule' && r.Type !== 'AWS::Events::Rule') continue;
    const props = (r.Properties ?? {}) as Record<string, unknown>;
    if (typeof props.ScheduleExpression !== 'string') continue;
    const id = targetFunctionId(props, byId);
    if (id) scheduled.set(id, (scheduled.get(id) ?? 0) + invocationsPerMonth(props.ScheduleExpression));
  }
  const out: FunctionLogUsage[] = [];
  for (const [logicalId, r] of resources) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const props = (r.Properties ?? {}) as {
      Environment?: { Variables?: Record<string, unknown> };
      LoggingConfig?: { LogGroup?: { Ref?: string } };
    };
    const service = props.Environment?.Variables?.POWERTOOLS_SERVICE_NAME;
    if (typeof service !== 'string' || !service.startsWith(SERVICE_PREFIX)) continue;
    const name = service.slice(SERVICE_PREFIX.length);
    const fact = facts.functionLogs?.[name];
    if (!fact) continue;
    const invocations = (scheduled.get(logicalId) ?? 0) + fact.eventInvocationsPerMonth;
    const group = props.LoggingConfig?.LogGroup?.Ref;
    const retention = (byId.get(group ?? '')?.Properties as { RetentionInDays?: number } | undefined)
      ?.RetentionInDays;
    out.push({
      stack,
      name,
      invocationsPerMonth: invocations,
      gbPerMonth: (invocations * fact.bytesPerInvocation) / BYTES_PER_GB,
      // A group without retention is flagged by its own rule; price a month of storage for it.
      retentionDays: retention ?? 30,
    });
  }
  return out;
}

/** Retention of the app's log groups: the Custom::LogRetention resources that name a group directly. */
function appLogRetentions(resources: readonly [string, Resource][]): number[] {
  return resources
    .filter(([, r]) => r.Type === 'Custom::LogRetention')
    .map(([, r]) => r.Properties as { LogGroupName?: unknown; RetentionInDays?: unknown })
    .filter((p) => typeof p.LogGroupName === 'string' && typeof p.RetentionInDays === 'number')
    .map((p) => p.RetentionInDays as number);
}
