import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../bin/replay';
import { type BacktestExport, parseExport } from '../../lib/core/replay/backtest/export-format';
import { CREDENTIALS_HINT } from '../../tools/cli/errors';
import type { BacktestDeps } from '../../tools/replay/backtest-command';
import { parseReplayArgs, REPLAY_USAGE } from '../../tools/replay/cli';
import { examplesOnlyDir } from '../helpers/synth';

/** The examples alone, whatever else config/ holds. */
const EXAMPLES = examplesOnlyDir();

import { fakeCloudWatch } from './replay-fake-cloudwatch';

const shipped = join(__dirname, '..', '..', 'scenarios', 'recorded', 'example-prod-week.json.gz');
const recorded = parseExport(gunzipSync(readFileSync(shipped)).toString('utf8'), shipped);
const END = '2026-11-30T00:00:00Z';
const NOW = new Date('2026-12-01T00:00:00Z');

function harness(client?: CloudWatchClient) {
  const lines: string[] = [];
  const reportsDir = mkdtempSync(join(tmpdir(), 'replay-cli-'));
  const deps: BacktestDeps = {
    configDir: EXAMPLES,
    reportsDir,
    cloudwatch: () => client ?? new CloudWatchClient({ region: 'ap-northeast-2' }),
    now: () => NOW,
    log: (line) => lines.push(line),
  };
  const stderr: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr.push(String(chunk));
    return true;
  });
  return { deps, lines, stderr, reportsDir };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('npm run replay: options', () => {
  it('--help lists the commands and options', async () => {
    const h = harness();
    expect(await main(['--help'], h.deps)).toBe(0);
    expect(h.lines).toEqual([REPLAY_USAGE]);
    for (const option of [
      '--from-cloudwatch',
      '--from-file',
      '--env',
      '--days',
      '--end',
      '--out',
      '--charts',
      '--dry-run',
    ]) {
      expect(REPLAY_USAGE).toContain(option);
    }
  });

  it.each([
    [
      ['--form-file', 'x'],
      "Unknown option '--form-file'; usage: npm run replay -- scenarios/NAME.yaml ... | --from-cloudwatch --env NAME [--days N] [--end ISO] | --from-file PATH (add --help for the options)",
    ],
    [['--from-cloudwatch'], '--from-cloudwatch needs --env NAME (a file in config/)'],
    [
      ['--from-cloudwatch', '--env', 'example-prod', '--days', 'seven'],
      '--days must be a number of days between 0 and 455, got "seven"',
    ],
    [
      ['--from-cloudwatch', '--env', 'example-prod', '--end', 'yesterday'],
      '--end must be an ISO date-time such as 2026-11-30T00:00Z, got "yesterday"',
    ],
    [['--from-cloudwatch', '--from-file', 'x'], 'use either --from-cloudwatch or --from-file, not both'],
    [['--from-file', 'x', '--days', '3'], '--days applies to --from-cloudwatch, not --from-file'],
    [['--env', 'example-prod'], '--env needs --from-cloudwatch or --from-file'],
    [[], 'nothing to replay: give scenario files, --from-cloudwatch or --from-file (--help lists them)'],
  ])('%j is one line: %s', async (argv, message) => {
    expect(() => parseReplayArgs(argv)).toThrow(message);
    const h = harness();
    expect(await main(argv, h.deps)).toBe(2);
    expect(h.stderr).toEqual([`${message}\n`]);
  });

  it('an unknown environment is one line listing the known ones', async () => {
    const h = harness();
    expect(await main(['--from-cloudwatch', '--env', 'prod', '--days', '1'], h.deps)).toBe(2);
    expect(h.stderr).toEqual([
      'unknown environment "prod"; known: example-dev, example-prod, example-staging\n',
    ]);
  });

  it('a missing or foreign export file is one line naming it', async () => {
    const h = harness();
    expect(await main(['--from-file', '/nonexistent/week.json.gz'], h.deps)).toBe(2);
    expect(h.stderr).toEqual(['/nonexistent/week.json.gz: cannot read (ENOENT)\n']);
    const h2 = harness();
    expect(await main(['--from-file', shipped, '--env', 'example-dev'], h2.deps)).toBe(2);
    expect(h2.stderr[0]).toBe(`${shipped} is an export of example-prod, not example-dev\n`);
  });
});

describe('--from-cloudwatch through a mocked CloudWatch client', () => {
  it('prints requests, metrics and cost before it reads, follows NextToken, saves the export and reports per day', async () => {
    const events: string[] = [];
    const fake = fakeCloudWatch(recorded, 25_000, () => events.push('send'));
    const h = harness(fake.client);
    const deps = {
      ...h.deps,
      log: (line: string) => {
        events.push(line);
        h.lines.push(line);
      },
    };
    const out = join(h.reportsDir, 'week.json.gz');
    expect(
      await main(
        ['--from-cloudwatch', '--env', 'example-prod', '--days', '7', '--end', END, '--out', out],
        deps,
      ),
    ).toBe(0);
    const planLine = events.findIndex((e) => e.startsWith('plan: '));
    expect(planLine).toBeGreaterThan(-1);
    expect(planLine).toBeLessThan(events.indexOf('send'));
    expect(events[planLine]).toMatch(
      /^plan: 17 metrics \(\d+ statistics\) in \d+ GetMetricData requests, billed as 17 metrics requested: \$0\.00017 \(at \$0\.01 per 1,000 metrics, ap-northeast-2\)$/,
    );
    expect(events[planLine + 1]).toMatch(/^ {2}1-minute data: the range starts 8\.0 days ago/);
    // Pages of 25,000 datapoints: calls of up to 10 x 10,080 need NextToken.
    expect(fake.inputs.some((i) => i.NextToken)).toBe(true);
    expect(h.lines).toContain(`read: ${fake.inputs.length} GetMetricData requests sent`);
    for (const input of fake.inputs) {
      expect(input.MetricDataQueries?.length).toBeLessThanOrEqual(500);
      expect(input.ScanBy).toBe('TimestampAscending');
      for (const q of input.MetricDataQueries ?? []) expect(q.MetricStat?.Period).toBe(60);
    }
    const saved = parseExport(gunzipSync(readFileSync(out)).toString('utf8'), out);
    expect(saved.source).toBe('cloudwatch');
    expect(saved.missing).toEqual(['Ticketing/example-prod|CouponOverIssued|']);
    expect(saved.metrics.map((m) => [m.metricName, m.statistics])).toEqual(
      recorded.metrics.map((m) => [m.metricName, m.statistics]),
    );
    expect(h.lines).toContain('    13:08 P1 api-error-rate-fast (back to OK after 25 min)');
    expect(h.lines.at(-1)).toMatch(/^charts: .* \(\d+ SVG files\)$/);

    // The saved export replays offline to the same report.
    const offline = harness();
    expect(await main(['--from-file', out], offline.deps)).toBe(0);
    const days = (lines: string[]) => lines.slice(lines.indexOf('per day (UTC):'), -1);
    expect(days(offline.lines)).toEqual(days(h.lines));
  });

  it('keeps partial data as gaps and lists metrics without datapoints', async () => {
    const source: BacktestExport = {
      ...recorded,
      metrics: recorded.metrics
        .filter((m) => m.metricName !== 'KafkaConsumerLag')
        .map((m) =>
          m.metricName === 'CPUUtilization'
            ? {
                ...m,
                statistics: Object.fromEntries(
                  Object.entries(m.statistics).map(([s, v]) => [
                    s,
                    v.map((x, i) => (i % 2 === 0 ? x : null)),
                  ]),
                ),
              }
            : m,
        ),
    };
    const fake = fakeCloudWatch(source, 40_000);
    const h = harness(fake.client);
    const out = join(h.reportsDir, 'partial.json');
    expect(
      await main(['--from-cloudwatch', '--env', 'example-prod', '--end', END, '--out', out], h.deps),
    ).toBe(0);
    const saved = parseExport(readFileSync(out, 'utf8'), out);
    expect(saved.missing).toEqual([
      'Ticketing/example-prod|KafkaConsumerLag|',
      'Ticketing/example-prod|CouponOverIssued|',
    ]);
    const cpu = saved.metrics.find((m) => m.metricName === 'CPUUtilization');
    expect(cpu?.statistics.Sum?.[1]).toBeNull();
    expect(cpu?.statistics.Sum?.[2]).toBe(
      recorded.metrics.find((m) => m.metricName === 'CPUUtilization')?.statistics.Sum?.[2],
    );
    expect(h.lines).toContain(
      '  no datapoints: Ticketing/example-prod KafkaConsumerLag (its alarms saw missing data throughout)',
    );
  });

  it('--dry-run prints the plan and reads nothing', async () => {
    const fake = fakeCloudWatch(recorded);
    const h = harness(fake.client);
    expect(
      await main(
        ['--from-cloudwatch', '--env', 'example-prod', '--days', '14', '--end', END, '--dry-run'],
        h.deps,
      ),
    ).toBe(0);
    expect(fake.inputs).toEqual([]);
    expect(h.lines[1]).toMatch(/^plan: 17 metrics .* billed as 17 metrics requested: \$0\.00017/);
  });

  it('a metric CloudWatch refuses is one line naming it', async () => {
    const client = new CloudWatchClient({ region: 'ap-northeast-2' });
    mockClient(client)
      .on(GetMetricDataCommand)
      .resolves({
        MetricDataResults: [
          { Id: 'm0_0', StatusCode: 'Forbidden', Messages: [{ Code: 'Forbidden', Value: 'no access' }] },
        ],
      });
    const h = harness(client);
    expect(await main(['--from-cloudwatch', '--env', 'example-prod', '--end', END], h.deps)).toBe(1);
    expect(h.stderr).toEqual([
      'CloudWatchReadError: GetMetricData Forbidden for OpsStack/Probe|ServiceHealth|Environment=example-prod Maximum: no access (OPS_DEBUG=1 prints the stack)\n',
    ]);
  });
});

describe('--from-cloudwatch without credentials', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('says in one line how to provide them', async () => {
    for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
    const empty = mkdtempSync(join(tmpdir(), 'no-aws-'));
    Object.assign(process.env, {
      AWS_CONFIG_FILE: join(empty, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(empty, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      // As bin/replay.ts sets it: the SDK's notice about its future Node 22 releases.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    });
    const h = harness();
    expect(
      await main(['--from-cloudwatch', '--env', 'example-prod', '--days', '1', '--end', END], h.deps),
    ).toBe(1);
    expect(h.stderr).toEqual([`${CREDENTIALS_HINT}\n`]);
  });
});
