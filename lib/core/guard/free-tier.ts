/**
 * The free-tier guard: reads the synthesized templates of every stack, groups them by account (the
 * free allowances are per account, across regions), counts what CloudWatch and friends bill, and
 * estimates the monthly cost from the checked-in price table. Pure: no aws-cdk-lib.
 */

import {
  type AlarmMetricCount,
  addCounts,
  countAlarmMetrics,
  isAlarmResource,
  NO_ALARM_METRICS,
} from '../catalog/alarm-metrics';
import { parseAlarmName } from '../catalog/naming';
import { countDashboardMetrics, dashboardBodyText } from './dashboard-metrics';
import { type CustomMetricFact, type EnvironmentFacts, FACTS_KEY } from './facts';
import priceTable from './prices.json';
import { invocationsPerMonth } from './schedules';

export type PriceTable = typeof priceTable;
export type RegionPrices = PriceTable['regions']['us-east-1'];
export const PRICES: PriceTable = priceTable;

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

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly free: number;
  readonly unitPriceUsd: number;
  readonly monthlyUsd: number;
}

export interface AccountReport {
  readonly account: string;
  readonly environments: readonly string[];
  readonly regions: readonly string[];
  /** Every environment in the account uses the free profile, so allowances are enforced. */
  readonly enforced: boolean;
  readonly alarmMetrics: AlarmMetricCount;
  readonly alarms: readonly AlarmUsage[];
  readonly customMetrics: readonly (CustomMetricFact & { readonly stack: string })[];
  readonly dashboards: readonly {
    readonly stack: string;
    readonly logicalId: string;
    readonly metrics: number;
  }[];
  readonly logGroupsWithoutRetention: readonly { readonly stack: string; readonly logicalId: string }[];
  readonly schedules: readonly {
    readonly stack: string;
    readonly logicalId: string;
    readonly expression: string;
    readonly perMonth: number;
  }[];
  readonly cost: readonly CostLine[];
  readonly monthlyUsd: number;
  readonly priceNote?: string;
  readonly violations: readonly string[];
  /** What to drop, cheapest severity first, when an allowance is exceeded. */
  readonly dropCandidates: readonly { readonly what: string; readonly frees: string }[];
}

export interface FreeTierReport {
  readonly pricesAsOf: string;
  readonly accounts: readonly AccountReport[];
  readonly ok: boolean;
}

const DEFAULT_ACCOUNT = '(default credentials)';
type Resource = { readonly Type: string; readonly Properties?: unknown };

export function analyzeFreeTier(
  stacks: readonly TemplateInput[],
  prices: PriceTable = PRICES,
): FreeTierReport {
  const groups = new Map<string, { facts: EnvironmentFacts; stack: TemplateInput }[]>();
  for (const stack of stacks) {
    const facts = stack.template.Metadata?.[FACTS_KEY] as EnvironmentFacts | undefined;
    if (!facts) continue;
    const key = facts.account ?? DEFAULT_ACCOUNT;
    groups.set(key, [...(groups.get(key) ?? []), { facts, stack }]);
  }
  const accounts = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([account, members]) => analyzeAccount(account, members, prices));
  return { pricesAsOf: prices.asOf, accounts, ok: accounts.every((a) => a.violations.length === 0) };
}

function analyzeAccount(
  account: string,
  members: readonly { facts: EnvironmentFacts; stack: TemplateInput }[],
  prices: PriceTable,
): AccountReport {
  const alarms: AlarmUsage[] = [];
  const customMetrics: (CustomMetricFact & { stack: string })[] = [];
  const dashboards: { stack: string; logicalId: string; metrics: number }[] = [];
  const logGroupsWithoutRetention: { stack: string; logicalId: string }[] = [];
  const schedules: { stack: string; logicalId: string; expression: string; perMonth: number }[] = [];
  let lambdaRequests = 0;
  let lambdaGbSeconds = 0;
  let transitions = 0;

  for (const { facts, stack } of members) {
    const resources = Object.entries(stack.template.Resources ?? {});
    const byId = new Map(resources);
    for (const m of facts.customMetrics) customMetrics.push({ ...m, stack: stack.stackName });
    for (const w of facts.workflows ?? []) transitions += w.transitionsPerMonth;
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

  const alarmMetrics = alarms.reduce<AlarmMetricCount>((sum, a) => addCounts(sum, a), NO_ALARM_METRICS);
  const regions = [...new Set(members.map((m) => m.facts.region))].sort();
  const { regionPrices, note } = pricesFor(regions, prices);
  const free = prices.freeTier;
  const line = (item: string, quantity: number, freeQuantity: number, unitPriceUsd: number): CostLine => ({
    item,
    quantity,
    free: freeQuantity,
    unitPriceUsd,
    monthlyUsd: roundCents(Math.max(0, quantity - freeQuantity) * unitPriceUsd),
  });
  const cost: CostLine[] = [
    line(
      'standard alarm metrics',
      alarmMetrics.standard,
      free.alarmMetrics,
      regionPrices.alarmMetricStandard,
    ),
    line(
      'high-resolution alarm metrics',
      alarmMetrics.highResolution,
      0,
      regionPrices.alarmMetricHighResolution,
    ),
    line('composite alarms', alarmMetrics.composite, 0, regionPrices.compositeAlarm),
    line('custom metrics', distinctMetrics(customMetrics), free.customMetrics, regionPrices.customMetric),
    line('dashboards', dashboards.length, free.dashboards, regionPrices.dashboard),
    line(
      'Lambda requests (scheduled)',
      lambdaRequests,
      free.lambdaRequests,
      regionPrices.lambdaPerMillionRequests / 1e6,
    ),
    line(
      'Lambda GB-seconds (scheduled, at timeout)',
      Math.round(lambdaGbSeconds),
      free.lambdaGbSeconds,
      regionPrices.lambdaPerGbSecond,
    ),
    line(
      'Scheduler invocations',
      schedules.reduce((s, x) => s + x.perMonth, 0),
      free.schedulerInvocations,
      regionPrices.schedulerPerMillion / 1e6,
    ),
    line(
      'Step Functions transitions',
      transitions,
      free.stepFunctionsTransitions,
      regionPrices.stepFunctionsPerThousandTransitions / 1000,
    ),
  ];
  const monthlyUsd = roundCents(cost.reduce((s, c) => s + c.monthlyUsd, 0));
  const enforced = members.every((m) => m.facts.profile === 'free');
  const violations = enforced
    ? freeTierViolations(
        alarmMetrics,
        distinctMetrics(customMetrics),
        dashboards,
        logGroupsWithoutRetention,
        cost,
        prices,
      )
    : [];
  return {
    account,
    environments: members.map((m) => m.facts.environment),
    regions,
    enforced,
    alarmMetrics,
    alarms,
    customMetrics,
    dashboards,
    logGroupsWithoutRetention,
    schedules,
    cost,
    monthlyUsd,
    ...(note ? { priceNote: note } : {}),
    violations,
    dropCandidates: violations.length > 0 ? dropCandidates(alarms, dashboards) : [],
  };
}

function freeTierViolations(
  alarms: AlarmMetricCount,
  customMetricCount: number,
  dashboards: readonly { stack: string; logicalId: string; metrics: number }[],
  noRetention: readonly { stack: string; logicalId: string }[],
  cost: readonly CostLine[],
  prices: PriceTable,
): string[] {
  const free = prices.freeTier;
  const v: string[] = [];
  if (alarms.standard > free.alarmMetrics) {
    v.push(`${alarms.standard} standard alarm metrics, the free tier has ${free.alarmMetrics}`);
  }
  if (alarms.highResolution > 0)
    v.push(`${alarms.highResolution} high-resolution alarm metrics have no free tier`);
  if (alarms.composite > 0) v.push(`${alarms.composite} composite alarms have no free tier`);
  if (customMetricCount > free.customMetrics) {
    v.push(`${customMetricCount} custom metrics, the free tier has ${free.customMetrics}`);
  }
  if (dashboards.length > free.dashboards)
    v.push(`${dashboards.length} dashboards, the free tier has ${free.dashboards}`);
  for (const d of dashboards) {
    if (d.metrics > free.metricsPerDashboard) {
      v.push(
        `dashboard ${d.stack}/${d.logicalId} shows ${d.metrics} metrics, the free tier allows ${free.metricsPerDashboard}`,
      );
    }
  }
  for (const g of noRetention)
    v.push(`log group ${g.stack}/${g.logicalId} keeps logs forever (set a retention)`);
  const billed = cost.filter((c) => c.monthlyUsd > 0 && !/alarm|custom metrics|dashboards/.test(c.item));
  for (const c of billed)
    v.push(`${c.item}: ${c.quantity} exceeds the free ${c.free} ($${c.monthlyUsd.toFixed(2)}/month)`);
  return v;
}

const SEVERITY_ORDER: readonly string[] = ['P3', 'P2', 'P1', 'P0'];

/** Lowest severity first: the alarms a team can most easily move to a dashboard. */
function dropCandidates(
  alarms: readonly AlarmUsage[],
  dashboards: readonly { stack: string; logicalId: string; metrics: number }[],
): { what: string; frees: string }[] {
  // Alarms not named by ops-stack sort first: nothing says they page.
  const severityOf = (name: string) => SEVERITY_ORDER.indexOf(parseAlarmName(name)?.severity ?? '');
  const alarmRows = [...alarms]
    .sort((a, b) => severityOf(a.name) - severityOf(b.name) || b.standard - a.standard)
    .map((a) => ({
      what: `alarm ${a.name} (${a.stack})`,
      frees: a.composite ? `1 composite ($0.50)` : `${a.standard + a.highResolution} alarm metric(s)`,
    }));
  const dashboardRows = dashboards.map((d) => ({
    what: `dashboard ${d.stack}/${d.logicalId}`,
    frees: '1 dashboard',
  }));
  return [...alarmRows, ...dashboardRows];
}

function retentionManaged(functionId: string, resources: readonly [string, Resource][]): boolean {
  const ref = JSON.stringify({ Ref: functionId });
  return resources.some(
    ([, r]) =>
      r.Type === 'Custom::LogRetention' &&
      JSON.stringify((r.Properties as { LogGroupName?: unknown })?.LogGroupName).includes(ref),
  );
}

function targetFunction(props: Record<string, unknown>, byId: ReadonlyMap<string, Resource>) {
  const targets = [props.Target, ...((props.Targets as unknown[] | undefined) ?? [])];
  for (const target of targets) {
    const arn = (target as { Arn?: unknown } | undefined)?.Arn;
    const ref = (arn as { 'Fn::GetAtt'?: [string, string] } | undefined)?.['Fn::GetAtt']?.[0];
    const resource = ref ? byId.get(ref) : undefined;
    if (resource?.Type === 'AWS::Lambda::Function') return resource.Properties as Record<string, unknown>;
  }
  return undefined;
}

function distinctMetrics(metrics: readonly CustomMetricFact[]): number {
  return new Set(metrics.map((m) => `${m.namespace}|${m.name}|${JSON.stringify(m.dimensions)}`)).size;
}

function pricesFor(
  regions: readonly string[],
  prices: PriceTable,
): { regionPrices: RegionPrices; note?: string } {
  const table = prices.regions as Record<string, RegionPrices>;
  const known = regions.filter((r) => r in table);
  const unknown = regions.filter((r) => !(r in table));
  // The free allowance is shared across regions; price the overage at the dearest region.
  const candidates = (known.length > 0 ? known : [prices.defaultRegion]).map((r) => table[r] as RegionPrices);
  const regionPrices = candidates.reduce((a, b) => (b.logsIngestPerGb > a.logsIngestPerGb ? b : a));
  const note =
    unknown.length > 0
      ? `no prices for ${unknown.join(', ')} in the table; priced as ${known[0] ?? prices.defaultRegion}`
      : undefined;
  return note ? { regionPrices, note } : { regionPrices };
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
