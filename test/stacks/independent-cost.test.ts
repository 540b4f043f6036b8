/**
 * Issue 13 item 6: every priced line of the synth report for the example environments, recomputed
 * from the synthesized templates and prices.json by a path of its own (no guard module: its own
 * template walk, schedule arithmetic, log pool and rounding), compared line by line.
 */
import { describe, expect, it } from 'vitest';
import { loadEnvironments } from '../../lib/core/environments/load';
import prices from '../../lib/core/guard/prices.json';
import { addEnvironments, freeTierReportOf } from '../../lib/stacks/ops-app';
import { CONFIG_DIR, configFrom, exampleRaw, newApp } from '../helpers/synth';

type Props = Record<string, unknown>;
type Resource = { Type: string; Properties?: Props };
interface Facts {
  environment: string;
  region: string;
  billingFamily: { id: string };
  customMetrics: { namespace: string; name: string; dimensions: Record<string, string> }[];
  workflows?: { transitionsPerRun: number; runsPerMonth: number }[];
  functionLogs: Record<string, { bytesPerInvocation: number; eventInvocationsPerMonth: number }>;
  appLogIngestGbPerMonth?: number;
  topicMessagesPerMonth: Record<string, number>;
  smsPrices?: { prefix: string; usdPerMessage: number }[];
  costReport: {
    schedule: string;
    costExplorer: boolean;
    costExplorerCallsPerRun: number;
    anomalyAlertsPerMonth: number;
  };
}
interface Member {
  facts: Facts;
  resources: [string, Resource][];
}

const HOURS_PER_MONTH = 730;
const DAYS = HOURS_PER_MONTH / 24;
const cents = (usd: number) => Math.round(usd * 100) / 100;
const mb = (gb: number) => Math.round(gb * 1000) / 1000;
const over = (quantity: number, free: number, unit: number) => cents(Math.max(0, quantity - free) * unit);

/** Fires a month: a rate by division, a cron by walking one week minute by minute. */
function firesPerMonth(expression: string): number {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (rate) {
    const unit = { minute: 1, hour: 60, day: 1440 }[rate[2] as 'minute' | 'hour' | 'day'];
    return Math.round((HOURS_PER_MONTH * 60) / (Number(rate[1]) * unit));
  }
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!cron) throw new Error(`this test cannot read ${expression}; teach it`);
  const [, minute, hour, dayOfMonth, , dayOfWeek] = cron;
  if (dayOfMonth !== '?' && dayOfMonth !== '*') throw new Error(`this test cannot read ${expression}`);
  const names = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
  const matches = (field: string, value: number, labels: string[] = []) =>
    field === '*' ||
    field === '?' ||
    field.split(',').some((f) => Number(f) === value || labels[value] === f);
  let perWeek = 0;
  for (let m = 0; m < 7 * 1440; m++) {
    const ok =
      matches(minute ?? '', m % 60) &&
      matches(hour ?? '', Math.floor(m / 60) % 24) &&
      matches(dayOfWeek ?? '', Math.floor(m / 1440), names);
    if (ok) perWeek++;
  }
  return Math.round((perWeek * HOURS_PER_MONTH) / (7 * 24));
}

const lambdaTarget = (p: Props): string | undefined =>
  ((p.Target as { Arn?: { 'Fn::GetAtt'?: string[] } } | undefined)?.Arn?.['Fn::GetAtt'] ?? [])[0];

function recompute(members: Member[]) {
  // A family in several regions is priced at its dearest one: an upper bound of the bill.
  const [region] = members
    .map((m) => prices.regions[m.facts.region as keyof typeof prices.regions])
    .sort((a, b) => b.logsIngestPerGb - a.logsIngestPerGb);
  if (!region) throw new Error('a family without a priced region');
  const free = prices.freeTier;
  const all = members.flatMap((m) => m.resources.map(([id, r]) => ({ id, r, m })));
  const of = (type: string) => all.filter((x) => x.r.Type === type);
  const props = (x: { r: Resource }) => (x.r.Properties ?? {}) as Props;
  const line = (quantity: number, f: number, unit: number) => ({
    quantity,
    free: f,
    monthlyUsd: over(quantity, f, unit),
  });

  // Alarms: one alarm metric per metric (each MetricStat of a math alarm); under 60 s is high resolution.
  let standard = 0;
  let highRes = 0;
  for (const a of of('AWS::CloudWatch::Alarm')) {
    const p = props(a);
    expect(JSON.stringify(p)).not.toContain('ANOMALY_DETECTION');
    const periods = Array.isArray(p.Metrics)
      ? (p.Metrics as { MetricStat?: { Period: number } }[]).flatMap((q) =>
          q.MetricStat ? [q.MetricStat.Period] : [],
        )
      : [Number(p.Period)];
    for (const period of periods) period < 60 ? highRes++ : standard++;
  }
  const custom = new Set<string>();
  for (const m of members)
    for (const c of m.facts.customMetrics)
      custom.add(`${c.namespace}/${c.name}/${Object.entries(c.dimensions).sort().join(';')}`);
  for (const f of of('AWS::Logs::MetricFilter'))
    for (const t of props(f).MetricTransformations as { MetricNamespace: string; MetricName: string }[])
      custom.add(`${t.MetricNamespace}/${t.MetricName}/`);

  // Schedules and the functions they start.
  const schedules = [...of('AWS::Scheduler::Schedule'), ...of('AWS::Events::Rule')].filter(
    (s) => typeof props(s).ScheduleExpression === 'string',
  );
  let lambdaStarts = 0;
  let gbSeconds = 0;
  const startsOf = new Map<string, number>();
  for (const s of schedules) {
    const fires = firesPerMonth(props(s).ScheduleExpression as string);
    const target = lambdaTarget(props(s));
    const fn = s.m.resources.find(([id, r]) => id === target && r.Type === 'AWS::Lambda::Function')?.[1];
    if (!fn) continue;
    lambdaStarts += fires;
    gbSeconds +=
      fires * (Number(fn.Properties?.MemorySize ?? 128) / 1024) * Number(fn.Properties?.Timeout ?? 3);
    const key = `${s.m.facts.environment}/${target}`;
    startsOf.set(key, (startsOf.get(key) ?? 0) + fires);
  }
  const schedulerFires = schedules.reduce(
    (n, s) => n + firesPerMonth(props(s).ScheduleExpression as string),
    0,
  );

  // Logs: one 5 GB pool for ingestion and storage, spent on our functions, the app, then storage.
  const kept = (days: number) => Math.min(days, DAYS) / DAYS;
  let fnGb = 0;
  let fnStored = 0;
  for (const f of of('AWS::Lambda::Function')) {
    const p = props(f) as {
      Environment?: { Variables?: Props };
      LoggingConfig?: { LogGroup?: { Ref: string } };
    };
    const name = String(p.Environment?.Variables?.POWERTOOLS_SERVICE_NAME ?? '').replace(/^ops-stack-/, '');
    const fact = f.m.facts.functionLogs[name];
    if (!fact) continue;
    const runs = (startsOf.get(`${f.m.facts.environment}/${f.id}`) ?? 0) + fact.eventInvocationsPerMonth;
    const group = f.m.resources.find(([id]) => id === p.LoggingConfig?.LogGroup?.Ref)?.[1];
    const gb = (runs * fact.bytesPerInvocation) / 1e9;
    fnGb += gb;
    fnStored += gb * kept(Number(group?.Properties?.RetentionInDays ?? 30));
  }
  const apps = members.map((m) => ({
    m,
    days: m.resources
      .filter(([, r]) => r.Type === 'Custom::LogRetention' && typeof r.Properties?.LogGroupName === 'string')
      .map(([, r]) => Number(r.Properties?.RetentionInDays)),
  }));
  const avgKept = (days: number[]) => (days.length ? days.reduce((s, d) => s + kept(d), 0) / days.length : 0);
  const fixed = apps.filter((a) => a.m.facts.appLogIngestGbPerMonth !== undefined);
  const open = apps.filter((a) => a.m.facts.appLogIngestGbPerMonth === undefined && a.days.length > 0);
  const left =
    free.logsGb -
    fnGb -
    fnStored -
    fixed.reduce((s, a) => s + (a.m.facts.appLogIngestGbPerMonth ?? 0) * (1 + avgKept(a.days)), 0);
  const weights = open.reduce((s, a) => s + 1 + avgKept(a.days), 0);
  const share = weights > 0 ? Math.floor((Math.max(0, left) / weights) * 1000) / 1000 : 0;
  const appGb = apps.map((a) => a.m.facts.appLogIngestGbPerMonth ?? (a.days.length > 0 ? share : 0));
  const appStored = apps.reduce((s, a, i) => s + (appGb[i] ?? 0) * avgKept(a.days), 0);
  let pool = free.logsGb;
  const fromPool = (quantity: number, unit: number) => {
    const f = mb(Math.min(pool, quantity));
    pool = mb(pool - f);
    return line(quantity, f, unit);
  };

  // SNS: messages per severity topic (facts), deliveries per subscription protocol.
  const topicSeverity = (m: Member, ref: unknown) => {
    const id = (ref as { Ref?: string }).Ref;
    const name = String(m.resources.find(([x]) => x === id)?.[1].Properties?.TopicName ?? '');
    return name.match(/-(P\d)$/)?.[1] ?? '';
  };
  let publishes = 0;
  for (const t of of('AWS::SNS::Topic'))
    publishes += t.m.facts.topicMessagesPerMonth[topicSeverity(t.m, { Ref: t.id })] ?? 0;
  const deliveries: Record<string, number> = {};
  for (const s of of('AWS::SNS::Subscription')) {
    const p = props(s);
    const protocol = p.Protocol === 'https' ? 'http' : String(p.Protocol);
    deliveries[protocol] =
      (deliveries[protocol] ?? 0) + (s.m.facts.topicMessagesPerMonth[topicSeverity(s.m, p.TopicArn)] ?? 0);
  }

  let smsUsd = 0;
  for (const s of of('AWS::SNS::Subscription')) {
    const p = props(s);
    if (p.Protocol !== 'sms') continue;
    const number = String(p.Endpoint);
    const [price] = (s.m.facts.smsPrices ?? [])
      .filter((x) => number.startsWith(x.prefix))
      .sort((a, b) => b.prefix.length - a.prefix.length);
    smsUsd +=
      (s.m.facts.topicMessagesPerMonth[topicSeverity(s.m, p.TopicArn)] ?? 0) * (price?.usdPerMessage ?? 0);
  }

  // Cost Explorer: (schedule runs + budget notifications + anomaly alerts) x calls, when on.
  let ceRequests = 0;
  for (const m of members) {
    const r = m.facts.costReport;
    const notices = m.resources
      .filter(([, x]) => x.Type === 'AWS::Budgets::Budget')
      .reduce(
        (s, [, x]) =>
          s + ((x.Properties?.NotificationsWithSubscribers as unknown[] | undefined)?.length ?? 0),
        0,
      );
    if (r.costExplorer)
      ceRequests +=
        (firesPerMonth(r.schedule) + notices + r.anomalyAlertsPerMonth) * r.costExplorerCallsPerRun;
  }
  const transitions = members.reduce(
    (s, m) => s + (m.facts.workflows ?? []).reduce((t, w) => t + w.transitionsPerRun * w.runsPerMonth, 0),
    0,
  );

  return {
    'standard alarm metrics': line(standard, free.alarmMetrics, region.alarmMetricStandard),
    'high-resolution alarm metrics': line(highRes, 0, region.alarmMetricHighResolution),
    'composite alarms': line(of('AWS::CloudWatch::CompositeAlarm').length, 0, region.compositeAlarm),
    'custom metrics': line(custom.size, free.customMetrics, region.customMetric),
    dashboards: line(of('AWS::CloudWatch::Dashboard').length, free.dashboards, region.dashboard),
    'Lambda requests (scheduled)': line(
      lambdaStarts,
      free.lambdaRequests,
      region.lambdaPerMillionRequests / 1e6,
    ),
    'Lambda GB-seconds (scheduled, at timeout)': line(
      Math.round(gbSeconds),
      free.lambdaGbSeconds,
      region.lambdaPerGbSecond,
    ),
    'Scheduler invocations': line(
      schedulerFires,
      free.schedulerInvocations,
      region.schedulerPerMillion / 1e6,
    ),
    'Step Functions transitions': line(
      transitions,
      free.stepFunctionsTransitions,
      region.stepFunctionsPerThousandTransitions / 1000,
    ),
    'Logs ingestion, our functions (GB)': fromPool(mb(fnGb), region.logsIngestPerGb),
    'Logs ingestion, app log groups (GB)': fromPool(
      mb(appGb.reduce((s, g) => s + g, 0)),
      region.logsIngestPerGb,
    ),
    'Logs storage (GB-month)': fromPool(mb(fnStored + appStored), region.logsStoragePerGbMonth),
    'SNS publishes': line(publishes, free.snsPublishes, region.snsPerMillionPublishes / 1e6),
    'SNS email deliveries': line(
      deliveries.email ?? 0,
      free.snsEmailDeliveries,
      region.snsEmailPer100kDeliveries / 1e5,
    ),
    'SNS HTTP/S deliveries': line(
      deliveries.http ?? 0,
      free.snsHttpDeliveries,
      region.snsHttpPerMillionDeliveries / 1e6,
    ),
    // SMS: never free; each number at the configured price of the longest calling code it starts with.
    'SNS SMS messages': { quantity: deliveries.sms ?? 0, free: 0, monthlyUsd: cents(smsUsd) },
    'Secrets Manager secrets': line(
      of('AWS::SecretsManager::Secret').length,
      free.secretsManagerSecrets,
      region.secretPerMonth,
    ),
    'alarm mute rules': line(
      of('AWS::CloudWatch::AlarmMuteRule').length,
      free.alarmMuteRules,
      region.alarmMuteRule,
    ),
    'Cost Explorer API requests': line(
      ceRequests,
      free.costExplorerRequests,
      prices.global.costExplorerPerRequest,
    ),
  };
}

const EXAMPLES = ['example-dev', 'example-staging', 'example-prod'];

/**
 * The examples in the standard profile with Cost Explorer on every 10 minutes: lines that cost. Dev
 * moves to N. Virginia, which sends SMS, and pages P0 by SMS to Korea and the US (test prices).
 */
function costlyExamples() {
  return EXAMPLES.map((name) => {
    const raw = exampleRaw(name) as { budget: Props; app: Props; paging: Props & { P0: unknown[] } };
    const sms =
      name === 'example-dev'
        ? {
            region: 'us-east-1',
            paging: {
              ...raw.paging,
              P0: [
                ...raw.paging.P0,
                { type: 'sms', number: '+821012345678' },
                { type: 'sms', number: '+12025550100' },
              ],
              smsPrices: [
                { prefix: '+82', usdPerMessage: 0.0321, source: 'a test price, not read from AWS' },
                { prefix: '+1', usdPerMessage: 0.0089, source: 'a test price, not read from AWS' },
              ],
            },
          }
        : {};
    return configFrom(name, {
      profile: 'standard',
      budget: { ...raw.budget, costExplorer: true, reportSchedule: 'rate(10 minutes)' },
      app: { ...raw.app, logIngestGbPerMonth: 8 },
      ...sms,
    });
  });
}

describe.each([
  ['the example environments', () => loadEnvironments(CONFIG_DIR)],
  ['the examples in standard, Cost Explorer every 10 minutes, 8 GB of app logs', costlyExamples],
])('the synth report agrees with an independent recomputation: %s', (variant, configs) => {
  const app = newApp();
  addEnvironments(app, configs());
  const stacks = app.synth().stacksRecursively;
  const report = freeTierReportOf(stacks);
  const families = new Map<string, Member[]>();
  for (const s of stacks) {
    const t = s.template as { Resources?: Record<string, Resource>; Metadata?: { OpsStack?: Facts } };
    const facts = t.Metadata?.OpsStack;
    if (!facts) continue;
    const id = facts.billingFamily.id;
    families.set(id, [...(families.get(id) ?? []), { facts, resources: Object.entries(t.Resources ?? {}) }]);
  }

  it('covers every example family', () => {
    expect([...families.keys()].sort()).toEqual(report.accounts.map((a) => a.family).sort());
    expect(families.size).toBeGreaterThanOrEqual(2);
  });

  for (const family of report.accounts) {
    it(`${family.familyLabel}: every line, its quantity, free allowance and dollars`, () => {
      const expected = recompute(families.get(family.family) ?? []);
      const actual = Object.fromEntries(
        family.cost.map((c) => [c.item, { quantity: c.quantity, free: c.free, monthlyUsd: c.monthlyUsd }]),
      );
      expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
      expect(actual).toEqual(expected);
      const total = cents(Object.values(expected).reduce((s, l) => s + l.monthlyUsd, 0));
      expect(family.monthlyUsd).toBe(total);
    });
  }

  it('the free profile of every example costs $0.00; the costly variant does cost', () => {
    expect(report.ok).toBe(true);
    for (const family of report.accounts) {
      expect(family.enforced).toBe(variant === 'the example environments');
      if (family.enforced) expect(family.monthlyUsd).toBe(0);
      else expect(family.monthlyUsd).toBeGreaterThan(100);
    }
    const sms = report.accounts.flatMap((a) => a.cost.filter((c) => c.item === 'SNS SMS messages'));
    if (variant === 'the example environments') expect(sms.every((c) => c.quantity === 0)).toBe(true);
    else expect(sms.some((c) => c.quantity > 0 && c.monthlyUsd > 0 && !c.unitPriceUnknown)).toBe(true);
  });
});
