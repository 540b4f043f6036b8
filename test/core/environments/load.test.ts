import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError, listEnvironments, loadEnvironments } from '../../../lib/core/environments/load';
import { CONFIG_DIR, exampleRaw, problemsOf } from '../../helpers/synth';

const valid = () => exampleRaw('example-prod');
const withKey = (path: string[], value: unknown) => {
  const raw = structuredClone(valid()) as Record<string, unknown>;
  let node = raw;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1) as string] = value;
  return raw;
};

describe('environment config validation', () => {
  it('accepts every example and applies defaults in one place', () => {
    const [dev] = loadEnvironments(CONFIG_DIR, 'example-dev');
    expect(dev?.slo).toMatchObject({
      availability: 99.5,
      queueEntryLatencyMs: 100,
      admissionsPerHour: 36_000,
    });
    expect(dev?.freeTier.dashboardShare).toBe(1);
    expect(dev?.app.healthTimeoutSeconds).toBe(5);
    expect(dev?.paging.P3).toEqual([]);
  });

  const cases: [string, unknown, string][] = [
    ['unknown top-level key', { ...valid(), alarms: true }, ': unknown key: "alarms"'],
    ['unknown nested key', withKey(['slo', 'latency'], 1), 'slo: unknown key: "latency"'],
    ['missing database', { ...valid(), database: undefined }, 'database: required'],
    [
      'availability out of range',
      withKey(['slo', 'availability'], 101),
      'slo.availability: Too big: expected number to be <=99.99 (got 101)',
    ],
    [
      'bad profile',
      { ...valid(), profile: 'cheap' },
      'profile: Invalid option: expected one of "free"|"standard" (got "cheap")',
    ],
    [
      'bad account id',
      { ...valid(), account: '1234' },
      'account: expected a 12-digit AWS account id (got "1234")',
    ],
    ['bad region', { ...valid(), region: 'seoul' }, 'region: unknown AWS region (list checked'],
    [
      'bad api kind',
      withKey(['api', 'kind'], 'graphql'),
      'api.kind: expected api.kind to be rest or http (got "graphql")',
    ],
    ['http api without id', { ...valid(), api: { kind: 'http', stage: 'prod' } }, 'api.id: required'],
    [
      'bad email',
      withKey(['paging', 'P0'], [{ type: 'email', address: 'not-mail' }]),
      'paging.P0.0.address: expected an email address (got "not-mail")',
    ],
    [
      'http paging url',
      withKey(['paging', 'P1'], [{ type: 'https', url: 'http://x.example.com' }]),
      'paging.P1.0.url: expected an https:// URL (got "http://x.example.com")',
    ],
    [
      'sms not E.164',
      withKey(['paging', 'P0'], [{ type: 'sms', number: '010-1234' }]),
      'paging.P0.0.number: expected an E.164 phone number',
    ],
    [
      'sms without a price',
      withKey(['paging', 'P0'], [{ type: 'sms', number: '+821012345678' }]),
      'paging.P0.0.number: no SMS price for +821012345678: SMS is never free and its price depends on the country, so add paging.smsPrices with its calling code (+82 for Korea), the USD per message from https://aws.amazon.com/end-user-messaging/pricing/ and where you read it',
    ],
    [
      'sms priced for another country only',
      {
        ...valid(),
        paging: {
          P3: [
            { type: 'email', address: 'team@example.com' },
            { type: 'sms', number: '+821012345678' },
          ],
          smsPrices: [{ prefix: '+81', usdPerMessage: 0.07, source: 'pricing page, 2026-12-01' }],
        },
      },
      'paging.P3.1.number: no SMS price for +821012345678',
    ],
    [
      'sms price twice for one calling code',
      withKey(
        ['paging', 'smsPrices'],
        [
          { prefix: '+82', usdPerMessage: 0.02, source: 'pricing page, 2026-12-01' },
          { prefix: '+82', usdPerMessage: 0.03, source: 'pricing page, 2026-12-02' },
        ],
      ),
      'paging.smsPrices.1.prefix: +82 is already priced at paging.smsPrices.0; give each calling code one price',
    ],
    [
      'sms price in won',
      withKey(
        ['paging', 'smsPrices'],
        [{ prefix: '+82', usdPerMessage: 30, source: 'pricing page, 2026-12-01' }],
      ),
      'paging.smsPrices.0.usdPerMessage: expected USD per message, at most 5 (is this a price in another currency?)',
    ],
    [
      'sms price with a bare calling code',
      withKey(['paging', 'smsPrices'], [{ prefix: '82', usdPerMessage: 0.02, source: 'web' }]),
      'paging.smsPrices.0.prefix: expected a calling code such as +82',
    ],
    [
      'sms price without where it was read',
      withKey(['paging', 'smsPrices'], [{ prefix: '+82', usdPerMessage: 0.02, source: 'web' }]),
      'paging.smsPrices.0.source: say where and when the price was read (at least 10 characters)',
    ],
    [
      'unknown subscription type',
      withKey(['paging', 'P2'], [{ type: 'pager' }]),
      'paging.P2.0.type: expected a subscription with type email, sms, https or chat (got "pager")',
    ],
    [
      'chat webhook given inline',
      withKey(['paging', 'P1'], [{ type: 'chat', webhookParameter: 'https://hooks.example.com/x' }]),
      'paging.P1.0.webhookParameter: this looks like a URL, which must not live in the repository: store it in SSM as a SecureString and give its name',
    ],
    [
      'negative max connections',
      withKey(['database', 'maxConnections'], -5),
      'database.maxConnections: Too small',
    ],
    [
      'AWS namespace',
      withKey(['app', 'metricsNamespace'], 'AWS/App'),
      'app.metricsNamespace: custom metric namespaces must not start with AWS/',
    ],
    [
      'unknown threshold id',
      { ...valid(), thresholds: { 'cpu-too-high': 90 } },
      'thresholds.cpu-too-high: unknown signal id (ids are listed in docs/alarms.md)',
    ],
    [
      'precise in the free profile',
      withKey(['slo', 'precise'], true),
      'slo.precise: the composite alarm of precise burn-rate alerting costs $0.50/month; set profile: standard',
    ],
    [
      'alarm share above 10',
      { ...valid(), freeTier: { alarmMetricShare: 11 } },
      'freeTier.alarmMetricShare: Too big: expected number to be <=10 (got 11)',
    ],
    [
      'short subnet id',
      withKey(['app', 'probeNetwork'], {
        vpcId: 'vpc-0a1b2c3d',
        subnetIds: ['subnet-01'],
        securityGroupIds: ['sg-0a1b2c3d'],
      }),
      'app.probeNetwork.subnetIds.0: expected a subnet id such as subnet-0a1b2c3d4e5f67890 (got "subnet-01")',
    ],
    ['invalid YAML', 'account: [unclosed', 'not valid YAML/JSON at line'],
  ];

  it.each(cases)('rejects %s with a message naming the field', (_name, raw, expected) => {
    const problems = problemsOf(raw);
    expect(
      problems.some((p) => p.includes(expected)),
      `got:\n${problems.join('\n')}`,
    ).toBe(true);
  });

  it('lists every problem of a file at once', () => {
    const raw = { ...valid(), profile: 'cheap', region: 'seoul', extra: 1, budget: { monthlyUsd: -1 } };
    const problems = problemsOf(raw);
    expect(problems).toHaveLength(4);
    expect(problems.map((p) => p.split(':')[0])).toEqual(
      expect.arrayContaining(['profile', 'region', '', 'budget.monthlyUsd']),
    );
  });
});

describe('loading environments', () => {
  it('selects every example by default', () => {
    expect(loadEnvironments(CONFIG_DIR).map((c) => c.name)).toEqual([
      'example-dev',
      'example-prod',
      'example-staging',
    ]);
  });

  it('names the known environments when asked for an unknown one', () => {
    expect(() => loadEnvironments(CONFIG_DIR, 'prodd')).toThrowError(
      /unknown environment "prodd"; known environments: example-dev, example-prod, example-staging/,
    );
  });

  it('fails with every problem of every file, and names the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-config-'));
    writeFileSync(join(dir, 'a.yaml'), stringify({ ...valid(), profile: 'cheap' }));
    writeFileSync(join(dir, 'b.yaml'), stringify({ ...valid(), region: 'seoul' }));
    try {
      loadEnvironments(dir, 'a,b');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems.map((p) => `${p.file}: ${p.path}`)).toEqual([
        `${join(dir, 'a.yaml')}: profile`,
        `${join(dir, 'b.yaml')}: region`,
      ]);
      expect((error as ConfigError).message).toContain('Invalid configuration (2 problems)');
    }
  });

  it('rejects environments in one account whose free-tier shares add up to more than the allowance', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-config-'));
    for (const name of ['one', 'two']) {
      writeFileSync(join(dir, `${name}.yaml`), stringify({ ...valid(), account: '333333333333' }));
    }
    expect(() => loadEnvironments(dir, 'one,two')).toThrowError(
      /environments one, two share account 333333333333 and its 10 free alarm metrics, but their shares add up to 20/,
    );
  });

  it('allows one budget and one anomaly monitor per account', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-config-'));
    for (const name of ['one', 'two']) {
      writeFileSync(
        join(dir, `${name}.yaml`),
        stringify({
          ...valid(),
          account: '333333333333',
          freeTier: { alarmMetricShare: 5, customMetricShare: 5, dashboardShare: 1 },
        }),
      );
    }
    try {
      loadEnvironments(dir, 'one,two');
      expect.unreachable();
    } catch (error) {
      expect(
        (error as ConfigError).problems.filter((p) => p.path.startsWith('budget.')).map((p) => p.message),
      ).toEqual([
        'environments one, two share account 333333333333, but only one may set budget.manageBudget (the others set it to false)',
        'environments one, two share account 333333333333, but only one may set budget.anomalyMonitor (the others set it to false)',
      ]);
    }
  });

  it('names a config directory that does not exist instead of throwing ENOENT', () => {
    expect(() => loadEnvironments(join(tmpdir(), 'no-such-ops-config'), 'a')).toThrowError(
      /no-such-ops-config: the config directory does not exist/,
    );
  });

  it('ignores the generated JSON Schema when listing environments', () => {
    expect(listEnvironments(CONFIG_DIR)).not.toContain('schema');
  });
});
