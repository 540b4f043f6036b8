/**
 * Table of invalid configs: each is written to a fresh config directory and loaded the way
 * `cdk synth -c configDir=DIR -c env=NAME` does; the load must fail with a ConfigError (never
 * another exception) listing a problem with the real file path, the field path and the fragment.
 * Cases marked `issue` are the ones issue 13 names; the last test counts them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, type ConfigProblem, loadEnvironments } from '../../../lib/core/environments/load';
import { neighbour, prod, type Raw, text } from './config-table';

interface BadConfig {
  readonly name: string;
  /** Files of the config directory. @default - `t.yaml` holding `raw` */
  readonly files?: Record<string, Raw | string>;
  readonly raw?: Raw | string;
  /** @default - t */
  readonly env?: string;
  /** File (in the directory) the problem names. @default - the first file */
  readonly file?: string;
  readonly path: string;
  readonly fragment: string;
  /** Named in issue 13. */
  readonly issue?: true;
}

const id = (n: number) => `t${'a'.repeat(n - 1)}`;
/** Half of an account's free allowances, so two environments can share one account within them. */
const HALF_SHARES = {
  'freeTier.alarmMetricShare': 5,
  'freeTier.customMetricShare': 5,
  'freeTier.dashboardShare': 1,
};
const schedule = (expression: string) => prod({ 'budget.reportSchedule': expression });
const threshold = (signal: string, value: unknown) => prod({ thresholds: { [signal]: value } });
const switchTo = (s: Raw) => prod({ 'recovery.switch': s });
const bomb = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
].join('\n');

const cases: BadConfig[] = [
  // RDS identifiers
  {
    name: 'mixed-case RDS id',
    issue: true,
    raw: prod({ 'database.instanceIdentifier': 'Ticketing-Dev-DB' }),
    path: 'database.instanceIdentifier',
    fragment: 'RDS stores identifiers in lowercase, so events and ARNs name "ticketing-dev-db"',
  },
  {
    name: 'double and trailing hyphen',
    issue: true,
    raw: prod({ 'database.instanceIdentifier': 'ticketing--dev-db-' }),
    path: 'database.instanceIdentifier',
    fragment: 'cannot contain two consecutive hyphens',
  },
  {
    name: 'trailing hyphen',
    raw: prod({ 'database.instanceIdentifier': 'ticketing-db-' }),
    path: 'database.instanceIdentifier',
    fragment: 'cannot end with a hyphen',
  },
  {
    name: 'RDS id starting with a digit',
    raw: prod({ 'database.instanceIdentifier': '1ticketing' }),
    path: 'database.instanceIdentifier',
    fragment: 'starts with a letter',
  },
  {
    name: 'RDS id with underscore',
    raw: prod({ 'database.instanceIdentifier': 'ticketing_db' }),
    path: 'database.instanceIdentifier',
    fragment: 'only letters, digits and hyphens',
  },
  {
    name: 'RDS id of 64 characters',
    raw: prod({ 'database.instanceIdentifier': id(64) }),
    path: 'database.instanceIdentifier',
    fragment: '1-63 characters (got 64)',
  },
  {
    name: 'RDS id of 51 characters with recovery',
    issue: true,
    raw: prod({ 'database.instanceIdentifier': id(51) }),
    path: 'database.instanceIdentifier',
    fragment: 'at most 50 characters with recovery (got 51): recovery restores it as <id>-r-<yyyymmddhh>',
  },
  {
    name: 'RDS id of 63 characters with recovery',
    issue: true,
    raw: prod({ 'database.instanceIdentifier': id(63) }),
    path: 'database.instanceIdentifier',
    fragment: 'at most 50 characters',
  },
  {
    name: 'RDS id of 46 characters with the rename switch',
    issue: true,
    raw: prod({ 'database.instanceIdentifier': id(46), 'recovery.switch': { strategy: 'rename' } }),
    path: 'database.instanceIdentifier',
    fragment:
      'at most 45 characters with recovery (got 46): the rename switch renames it to <id>-failed-<yyyymmddhh>',
  },
  // Regions
  {
    name: 'region typo ap-northest-2',
    issue: true,
    raw: prod({ region: 'ap-northest-2' }),
    path: 'region',
    fragment: 'unknown AWS region; did you mean ap-northeast-2?',
  },
  {
    name: 'region us-east-7',
    issue: true,
    raw: prod({ region: 'us-east-7' }),
    path: 'region',
    fragment: 'unknown AWS region; did you mean us-east-1?',
  },
  {
    name: 'region name instead of code',
    raw: prod({ region: 'seoul' }),
    path: 'region',
    fragment: 'unknown AWS region (list checked',
  },
  {
    name: 'GovCloud region',
    raw: prod({ region: 'us-gov-west-1' }),
    path: 'region',
    fragment: 'outside the commercial aws partition',
  },
  // Schedules
  {
    name: 'cron hour 25',
    issue: true,
    raw: schedule('cron(0 25 * * ? *)'),
    path: 'budget.reportSchedule',
    fragment: 'hours 25 is out of range 0-23',
  },
  {
    name: 'cron with day-of-month and day-of-week',
    issue: true,
    raw: schedule('cron(0 0 * * MON *)'),
    path: 'budget.reportSchedule',
    fragment: 'exactly one of day-of-month (*) and day-of-week (MON) must be ?',
  },
  {
    name: 'Unix cron with five fields',
    issue: true,
    raw: schedule('cron(0 9 * * 1)'),
    path: 'budget.reportSchedule',
    fragment: 'expected six fields (minutes hours day-of-month month day-of-week year), got 5',
  },
  {
    name: 'rate of 0 minutes',
    issue: true,
    raw: schedule('rate(0 minutes)'),
    path: 'budget.reportSchedule',
    fragment: 'the value must be a whole number of at least 1 (got 0)',
  },
  {
    name: 'rate 1 with plural unit',
    raw: schedule('rate(1 minutes)'),
    path: 'budget.reportSchedule',
    fragment: 'with value 1 the unit must be minute',
  },
  {
    name: 'rate 5 with singular unit',
    raw: schedule('rate(5 hour)'),
    path: 'budget.reportSchedule',
    fragment: 'with value 5 the unit must be hours',
  },
  {
    name: 'rate in weeks',
    raw: schedule('rate(2 weeks)'),
    path: 'budget.reportSchedule',
    fragment: 'the unit must be minute(s), hour(s) or day(s)',
  },
  {
    name: 'rate with a fraction',
    raw: schedule('rate(1.5 hours)'),
    path: 'budget.reportSchedule',
    fragment: 'whole number',
  },
  {
    name: 'cron minute 60',
    raw: schedule('cron(60 0 ? * MON *)'),
    path: 'budget.reportSchedule',
    fragment: 'minutes 60 is out of range 0-59',
  },
  {
    name: 'cron day 32',
    raw: schedule('cron(0 0 32 * ? *)'),
    path: 'budget.reportSchedule',
    fragment: 'day-of-month 32 is out of range 1-31',
  },
  {
    name: 'cron month 13',
    raw: schedule('cron(0 0 ? 13 MON *)'),
    path: 'budget.reportSchedule',
    fragment: 'month 13 is out of range 1-12',
  },
  {
    name: 'cron day-of-week 8',
    raw: schedule('cron(0 0 ? * 8 *)'),
    path: 'budget.reportSchedule',
    fragment: 'day-of-week 8 is out of range 1-7',
  },
  {
    name: 'cron year 2300',
    raw: schedule('cron(0 0 ? * MON 2300)'),
    path: 'budget.reportSchedule',
    fragment: 'year 2300 is out of range 1970-2199',
  },
  {
    name: 'cron with two # expressions',
    raw: schedule('cron(0 0 ? * 3#1,6#3 *)'),
    path: 'budget.reportSchedule',
    fragment: '# takes one day and its week of the month',
  },
  {
    name: 'cron sixth week',
    raw: schedule('cron(0 0 ? * 2#6 *)'),
    path: 'budget.reportSchedule',
    fragment: 'the week after # must be 1-5',
  },
  {
    name: 'cron / in day-of-week',
    raw: schedule('cron(0 0 ? * MON-FRI/2 *)'),
    path: 'budget.reportSchedule',
    fragment: '/ is not allowed in day-of-week',
  },
  {
    name: 'cron unknown day name',
    raw: schedule('cron(0 0 ? * FUN *)'),
    path: 'budget.reportSchedule',
    fragment: 'expected 1-7 or SUN-SAT',
  },
  {
    name: 'cron with ? in both day fields',
    raw: schedule('cron(0 0 ? * ? *)'),
    path: 'budget.reportSchedule',
    fragment: 'exactly one of day-of-month (?) and day-of-week (?) must be ?',
  },
  {
    name: 'cron ? in hours',
    raw: schedule('cron(0 ? 1 * ? *)'),
    path: 'budget.reportSchedule',
    fragment: '? is allowed only in day-of-month and day-of-week',
  },
  {
    name: 'cron backwards range',
    raw: schedule('cron(0 10-5 ? * MON *)'),
    path: 'budget.reportSchedule',
    fragment: 'the range runs backwards',
  },
  {
    name: 'cron zero increment',
    raw: schedule('cron(0/0 9 ? * MON *)'),
    path: 'budget.reportSchedule',
    fragment: 'the increment after / must be a whole number of at least 1',
  },
  {
    name: 'cron LW',
    raw: schedule('cron(0 0 LW * ? *)'),
    path: 'budget.reportSchedule',
    fragment: 'L stands alone and W follows one day',
  },
  {
    name: 'at on 30 February',
    raw: schedule('at(2027-02-30T09:00:00)'),
    path: 'budget.reportSchedule',
    fragment: 'is not a real date and time',
  },
  {
    name: 'at without seconds',
    raw: schedule('at(2027-01-04 09:00)'),
    path: 'budget.reportSchedule',
    fragment: 'expected at(yyyy-mm-ddThh:mm:ss)',
  },
  {
    name: 'schedule in words',
    raw: schedule('weekly'),
    path: 'budget.reportSchedule',
    fragment: 'expected cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(',
  },
  // Thresholds
  {
    name: 'negative error-rate threshold',
    issue: true,
    raw: threshold('api-error-rate-fast', -1),
    path: 'thresholds.api-error-rate-fast',
    fragment: 'value >= -1 is always true for a percentage (0-100): the alarm would always be in ALARM',
  },
  {
    name: 'error-rate threshold 5000',
    issue: true,
    raw: threshold('api-error-rate-fast', 5000),
    path: 'thresholds.api-error-rate-fast',
    fragment: 'value >= 5000 can never be true for a percentage (0-100): the alarm would never fire',
  },
  {
    name: 'latency threshold 0',
    raw: threshold('api-latency-p95', 0),
    path: 'thresholds.api-latency-p95',
    fragment: 'value >= 0 is always true for milliseconds',
  },
  {
    name: 'hit-rate threshold 0',
    raw: threshold('redis-hit-rate-low', 0),
    path: 'thresholds.redis-hit-rate-low',
    fragment: 'value < 0 can never be true',
  },
  {
    name: 'flag threshold 2',
    raw: threshold('queue-admission-stalled', 2),
    path: 'thresholds.queue-admission-stalled',
    fragment: 'for a flag (0 or 1): the alarm would never fire',
  },
  {
    name: 'health state threshold 5',
    raw: threshold('service-down', 5),
    path: 'thresholds.service-down',
    fragment: 'for a health state (0-4): the alarm would never fire',
  },
  {
    name: 'count threshold below 0',
    raw: threshold('db-pool-pending', -3),
    path: 'thresholds.db-pool-pending',
    fragment: 'always be in ALARM',
  },
  {
    name: 'misspelt signal id',
    raw: threshold('api-error-rate-fsat', 5),
    path: 'thresholds.api-error-rate-fsat',
    fragment: 'unknown signal id; did you mean api-error-rate-fast?',
  },
  {
    name: 'threshold .inf',
    issue: true,
    raw: 'thresholds:\n  api-latency-p95: .inf\n',
    path: 'thresholds.api-latency-p95',
    fragment: 'expected a finite number (got .inf)',
  },
  {
    name: 'burn rate above 100 %',
    raw: prod({ 'slo.availability': 90 }),
    path: 'slo',
    fragment: 'slo-burn-1h: its threshold 144 (burn rate 14.4 x (100 - slo.availability))',
  },
  {
    name: '6 h burn threshold above the 1 h one',
    raw: threshold('slo-burn-6h', 10),
    path: 'thresholds.slo-burn-6h',
    fragment: 'slo-burn-6h (10%) must not be above slo-burn-1h (7.2%)',
  },
  {
    name: 'short window out of step with its long window',
    raw: prod({ profile: 'standard', 'slo.precise': true, thresholds: { 'slo-burn-1h': 8 } }),
    path: 'thresholds.slo-burn-1h',
    fragment: 'set slo-burn-1h and slo-burn-1h-short to the same value',
  },
  // Log groups
  {
    name: 'log group of 611 characters',
    issue: true,
    raw: prod({ 'app.logGroups': [{ name: `/${'x'.repeat(610)}` }] }),
    path: 'app.logGroups.0.name',
    fragment: '1-512 characters (got 611)',
  },
  {
    name: 'log group with a space',
    raw: prod({ 'app.logGroups': [{ name: '/ticketing/my app' }] }),
    path: 'app.logGroups.0.name',
    fragment: '" " is not allowed',
  },
  {
    name: 'log group listed twice',
    issue: true,
    raw: prod({ 'app.logGroups': [{ name: '/t/app' }, { name: '/t/app', retention: 'important' }] }),
    path: 'app.logGroups.1.name',
    fragment: '/t/app is already listed at app.logGroups.0',
  },
  // Parameter, secret and record names
  {
    name: 'parameter under /aws',
    issue: true,
    raw: switchTo({ strategy: 'parameter', parameterName: '/aws/ticketing/host' }),
    path: 'recovery.switch.parameterName',
    fragment: 'cannot begin with "aws" or "ssm"',
  },
  {
    name: 'parameter under /ssm',
    raw: switchTo({ strategy: 'parameter', parameterName: '/SSM/host' }),
    path: 'recovery.switch.parameterName',
    fragment: 'cannot begin with "aws" or "ssm" (case-insensitive)',
  },
  {
    name: 'parameter with a space',
    issue: true,
    raw: switchTo({ strategy: 'parameter', parameterName: '/ticketing/db host' }),
    path: 'recovery.switch.parameterName',
    fragment: 'cannot contain spaces',
  },
  {
    name: 'parameter with !',
    issue: true,
    raw: switchTo({ strategy: 'parameter', parameterName: '/ticketing/host!' }),
    path: 'recovery.switch.parameterName',
    fragment: '"!" is not allowed',
  },
  {
    name: 'parameter without leading /',
    raw: switchTo({ strategy: 'parameter', parameterName: 'ticketing/host' }),
    path: 'recovery.switch.parameterName',
    fragment: 'starting with /',
  },
  {
    name: 'parameter 16 levels deep',
    raw: switchTo({ strategy: 'parameter', parameterName: '/a'.repeat(16) }),
    path: 'recovery.switch.parameterName',
    fragment: 'at most 15 levels (got 16)',
  },
  {
    name: 'Slack webhook URL as webhookParameter',
    issue: true,
    raw: prod({
      'paging.P2': [
        { type: 'chat', webhookParameter: 'https://hooks.slack.com/services/placeholder/webhook/url' },
      ],
    }),
    path: 'paging.P2.0.webhookParameter',
    fragment: 'store it in SSM as a SecureString and give its name',
  },
  {
    name: 'managed secret (rds!)',
    issue: true,
    raw: switchTo({ strategy: 'secret', secretId: 'rds!db-0123abcd' }),
    path: 'recovery.switch.secretId',
    fragment: 'managed by another AWS service',
  },
  {
    name: 'secret with a space',
    issue: true,
    raw: switchTo({ strategy: 'secret', secretId: 'ticketing db' }),
    path: 'recovery.switch.secretId',
    fragment: '" " is not allowed',
  },
  {
    name: 'secret name like an ARN suffix',
    raw: switchTo({ strategy: 'secret', secretId: 'ticketing/db-AbC123' }),
    path: 'recovery.switch.secretId',
    fragment: 'mistaken for the random suffix of its ARN',
  },
  {
    name: 'malformed secret ARN',
    raw: switchTo({ strategy: 'secret', secretId: 'arn:aws:secretsmanager:ap-northeast-2:1234:secret:x' }),
    path: 'recovery.switch.secretId',
    fragment: 'expected a Secrets Manager secret ARN',
  },
  {
    name: 'URL as record name',
    raw: switchTo({
      strategy: 'cname',
      hostedZoneId: 'Z0123456789ABC',
      recordName: 'https://db.example.com',
    }),
    path: 'recovery.switch.recordName',
    fragment: 'store it in SSM as a SecureString',
  },
  {
    name: 'wildcard record',
    raw: switchTo({ strategy: 'cname', hostedZoneId: 'Z0123456789ABC', recordName: '*.example.com' }),
    path: 'recovery.switch.recordName',
    fragment: 'not a wildcard',
  },
  {
    name: 'record without a domain',
    raw: switchTo({ strategy: 'cname', hostedZoneId: 'Z0123456789ABC', recordName: 'db' }),
    path: 'recovery.switch.recordName',
    fragment: 'fully qualified',
  },
  {
    name: 'record label of 64 characters',
    raw: switchTo({
      strategy: 'cname',
      hostedZoneId: 'Z0123456789ABC',
      recordName: `${'d'.repeat(64)}.example.com`,
    }),
    path: 'recovery.switch.recordName',
    fragment: 'at most 63 bytes',
  },
  // YAML
  {
    name: 'alias bomb',
    issue: true,
    raw: bomb,
    path: '',
    fragment: 'more than 10 YAML aliases (*name) at line 3, column',
  },
  {
    name: 'tab indentation',
    issue: true,
    raw: 'database:\n\tinstanceIdentifier: x\n',
    path: '',
    fragment: 'at line 2, column 1: YAML indents with spaces, not tabs',
  },
  {
    name: 'duplicate key',
    issue: true,
    raw: 'region: ap-northeast-2\nregion: us-east-1\n',
    path: '',
    fragment: 'at line 2, column 1: this key appears twice',
  },
  {
    name: 'unclosed flow sequence',
    raw: 'account: [unclosed',
    path: '',
    fragment: 'not valid YAML/JSON at line 1',
  },
  {
    name: 'availability .inf',
    issue: true,
    raw: text(prod()).replace('availability: 99.5', 'availability: .inf'),
    path: 'slo.availability',
    fragment: 'expected a finite number (got .inf)',
  },
  // Files
  {
    name: 't.yaml and t.json',
    issue: true,
    files: { 't.yaml': prod(), 't.json': JSON.stringify(prod()) },
    path: '',
    fragment: '2 files define environment t; keep exactly one',
  },
  {
    name: 'file name with capitals',
    files: { 'Prod.yaml': prod() },
    env: 'Prod',
    path: '',
    fragment: 'the file name must be lowercase letters, digits and dashes',
  },
  // Across files
  {
    name: 'shares over the account counted with an unselected file',
    issue: true,
    files: { 'a.yaml': prod(), 'b.yaml': neighbour({ 'freeTier.alarmMetricShare': 8 }) },
    env: 'a',
    path: 'freeTier.alarmMetricShare',
    fragment:
      'environments a, b share account 222222222222 and its 10 free alarm metrics, but their shares add up to 18',
  },
  {
    name: 'second budget in an unselected file',
    issue: true,
    files: {
      'a.yaml': prod(),
      'b.yaml': neighbour({
        'budget.manageBudget': true,
        'freeTier.alarmMetricShare': 0,
        'freeTier.customMetricShare': 0,
        'freeTier.dashboardShare': 0,
      }),
    },
    env: 'a',
    path: 'budget.manageBudget',
    fragment: 'environments a, b share account 222222222222, but only one may set budget.manageBudget',
  },
  {
    name: 'second anomaly monitor',
    files: {
      'a.yaml': prod(),
      'b.yaml': neighbour({
        'budget.anomalyMonitor': true,
        'freeTier.alarmMetricShare': 0,
        'freeTier.customMetricShare': 0,
        'freeTier.dashboardShare': 0,
      }),
    },
    env: 'a',
    path: 'budget.anomalyMonitor',
    fragment: 'only one may set budget.anomalyMonitor',
  },
  {
    name: 'standard environment beside a free one',
    issue: true,
    files: { 'a.yaml': prod(), 'b.yaml': neighbour({ profile: 'standard' }) },
    env: 'a',
    path: 'freeTier.mixedProfiles',
    fragment: 'account 222222222222 holds free (a) and standard (b) environments',
  },
  {
    name: 'mix accepted in one file only',
    files: {
      'a.yaml': prod({ 'freeTier.mixedProfiles': true }),
      'b.yaml': neighbour({ profile: 'standard' }),
    },
    env: 'a',
    file: 'b.yaml',
    path: 'freeTier.mixedProfiles',
    fragment: 'set freeTier.mixedProfiles: true in every environment of the family',
  },
  {
    name: 'shares over an organization',
    files: {
      'a.yaml': prod({ 'billing.payerAccount': '999999999999' }),
      'b.yaml': neighbour({
        account: '333333333333',
        'billing.payerAccount': '999999999999',
        'freeTier.dashboardShare': 1,
      }),
    },
    env: 'a',
    path: 'freeTier.alarmMetricShare',
    fragment: 'share organization of payer 999999999999 and its 10 free alarm metrics',
  },
  {
    name: 'billing group without payer',
    raw: prod({ 'billing.billingGroup': 'team-a' }),
    path: 'billing.billingGroup',
    fragment: 'set billing.payerAccount too',
  },
  {
    name: 'one account, two payers',
    files: {
      'a.yaml': prod({
        'billing.payerAccount': '999999999999',
        ...HALF_SHARES,
      }),
      'b.yaml': neighbour({
        'billing.payerAccount': '888888888888',
        ...HALF_SHARES,
      }),
    },
    env: 'a',
    path: 'billing.payerAccount',
    fragment: 'name different payers (999999999999, 888888888888)',
  },
  {
    name: 'one account, a payer named in one file only',
    files: {
      'a.yaml': prod({
        'billing.payerAccount': '999999999999',
        ...HALF_SHARES,
      }),
      'b.yaml': neighbour({
        ...HALF_SHARES,
      }),
    },
    env: 'a',
    path: 'billing.payerAccount',
    fragment: 'environments a, b share account 222222222222 but name different payers (999999999999, (none))',
  },
  {
    name: 'invalid unselected file',
    files: { 'a.yaml': prod(), 'b.yaml': neighbour({ account: '333333333333', region: 'us-east-7' }) },
    env: 'a',
    file: 'b.yaml',
    path: 'region',
    fragment: '(not selected, but read for the account-wide checks)',
  },
  {
    name: 'one log group in two environments',
    files: {
      'a.yaml': prod({
        ...HALF_SHARES,
      }),
      'b.yaml': neighbour({
        'app.logGroups': [{ name: '/ticketing/prod/app' }],
        ...HALF_SHARES,
      }),
    },
    env: 'a',
    path: 'app.logGroups',
    fragment:
      'environments a, b both manage log group /ticketing/prod/app in account 222222222222, ap-northeast-2',
  },
  {
    name: 'unknown environment',
    files: { 'a.yaml': prod() },
    env: 'prodd',
    file: '(selection)',
    path: 'env',
    fragment: 'unknown environment "prodd"; known environments: a',
  },
];

function problemsOfCase(c: BadConfig): { dir: string; problems: readonly ConfigProblem[] } {
  const dir = mkdtempSync(join(tmpdir(), 'ops-bad-'));
  const files = c.files ?? { 't.yaml': c.raw ?? {} };
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), text(content));
  try {
    loadEnvironments(dir, c.env ?? 't');
  } catch (error) {
    if (error instanceof ConfigError) return { dir, problems: error.problems };
    throw error;
  }
  return { dir, problems: [] };
}

describe('invalid configs are refused with file, field and what was expected', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { dir, problems } = problemsOfCase(c);
    const file = c.file ?? Object.keys(c.files ?? { 't.yaml': 0 })[0] ?? '';
    const wantedFile = file.startsWith('(') ? file : join(dir, file);
    const shown = problems.map((p) => `${p.file} | ${p.path} | ${p.message}`).join('\n');
    expect(
      problems.some(
        (p) => p.file.split(', ').includes(wantedFile) && p.path === c.path && p.message.includes(c.fragment),
      ),
      `expected ${wantedFile} | ${c.path} | ...${c.fragment}...\ngot:\n${shown}`,
    ).toBe(true);
    // One line each: a message never carries a stack trace or a multi-line parser dump.
    for (const p of problems) expect(p.message).not.toMatch(/\n|\bat .+:\d+:\d+/);
  });

  it('has at least 60 cases, and refuses every case issue 13 names', () => {
    const named = cases.filter((c) => c.issue);
    const refused = named.filter((c) => problemsOfCase(c).problems.length > 0);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(named.length).toBe(30);
    expect(refused.length).toBe(named.length);
  });
});
