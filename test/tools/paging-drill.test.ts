import { CloudWatchClient, DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveCatalog } from '../../lib/core/catalog/resolve';
import { runCli } from '../../tools/ops/cli';
import { planPagingDrill } from '../../tools/ops/paging-drill';
import { CONFIG_DIR, configFrom } from '../helpers/synth';

const cloudwatch = mockClient(CloudWatchClient);
let lines: string[];
const deps = () => ({
  configDir: CONFIG_DIR,
  cloudwatch: () => new CloudWatchClient({ region: 'ap-northeast-2' }),
  log: (l: string) => lines.push(l),
  sleep: async () => {},
  now: () => new Date('2026-11-22T10:00:00Z'),
});
const states = (entries: Record<string, string>) =>
  cloudwatch.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: Object.entries(entries).map(([AlarmName, StateValue]) => ({
      AlarmName,
      StateValue: StateValue as 'OK',
    })),
  });

beforeEach(() => {
  cloudwatch.reset();
  lines = [];
});

describe('paging drill plan', () => {
  it('picks one paging alarm per severity and says which severities have none', () => {
    const steps = planPagingDrill(resolveCatalog(configFrom('example-prod')));
    expect(steps).toEqual([
      { severity: 'P0', alarmName: 'ops-example-prod-P0-service-down' },
      { severity: 'P1', alarmName: 'ops-example-prod-P1-api-error-rate-fast' },
      { severity: 'P2', alarmName: 'ops-example-prod-P2-rds-cpu-high' },
      { severity: 'P3', skip: 'no P3 alarm in example-prod (free profile)' },
    ]);
  });
});

describe('npm run ops -- drill paging', () => {
  it('sets each chosen alarm to ALARM and back to OK, printing what and when', async () => {
    states({
      'ops-example-staging-P0-service-down': 'OK',
      'ops-example-staging-P1-api-error-rate-fast': 'OK',
    });
    await runCli(['drill', 'paging', '--env', 'example-staging', '--hold', '5'], deps());
    const calls = cloudwatch
      .commandCalls(SetAlarmStateCommand)
      .map((c) => [c.args[0].input.AlarmName, c.args[0].input.StateValue]);
    expect(calls).toEqual([
      ['ops-example-staging-P0-service-down', 'ALARM'],
      ['ops-example-staging-P0-service-down', 'OK'],
      ['ops-example-staging-P1-api-error-rate-fast', 'ALARM'],
      ['ops-example-staging-P1-api-error-rate-fast', 'OK'],
    ]);
    expect(lines).toContain('2026-11-22T10:00:00.000Z P0: ops-example-staging-P0-service-down set to ALARM');
    expect(lines.some((l) => l.includes('P3: skipped, no P3 alarm'))).toBe(true);
  });

  it('refuses a prod environment without --yes, and makes no call', async () => {
    await expect(runCli(['drill', 'paging', '--env', 'example-prod'], deps())).rejects.toThrowError(
      'example-prod is a prod environment: this pages real people. Add --yes to confirm, or --dry-run',
    );
    expect(cloudwatch.calls()).toHaveLength(0);
  });

  it('drills prod with --yes, one severity only', async () => {
    states({ 'ops-example-prod-P1-api-error-rate-fast': 'OK' });
    await runCli(['drill', 'paging', '--env', 'example-prod', '--severity', 'P1', '--yes'], deps());
    expect(cloudwatch.commandCalls(SetAlarmStateCommand)).toHaveLength(2);
  });

  it('a dry run changes nothing', async () => {
    states({ 'ops-example-prod-P0-service-down': 'OK' });
    await runCli(['drill', 'paging', '--env', 'example-prod', '--dry-run', '--severity', 'P0'], deps());
    expect(cloudwatch.commandCalls(SetAlarmStateCommand)).toHaveLength(0);
    expect(lines.at(-1)).toContain('would set ops-example-prod-P0-service-down to ALARM');
  });

  it('never touches an alarm that is really in ALARM, or one that is not deployed', async () => {
    states({ 'ops-example-staging-P0-service-down': 'ALARM' });
    await runCli(['drill', 'paging', '--env', 'example-staging'], deps());
    expect(cloudwatch.commandCalls(SetAlarmStateCommand)).toHaveLength(0);
    expect(lines.join('\n')).toContain('is really in ALARM; not touching a live incident');
    expect(lines.join('\n')).toContain(
      'ops-example-staging-P1-api-error-rate-fast does not exist (deployed?)',
    );
  });

  it('rejects bad arguments with what was expected', async () => {
    await expect(runCli(['drill', 'paging'], deps())).rejects.toThrowError('--env is required');
    await expect(
      runCli(['drill', 'paging', '--env', 'example-dev', '--severity', 'P5'], deps()),
    ).rejects.toThrowError('--severity must be one of P0, P1, P2, P3, got "P5"');
    await expect(runCli(['drill', 'fire'], deps())).rejects.toThrowError(
      /^usage: npm run ops -- drill paging/,
    );
    await expect(runCli(['drill', 'paging', '--env', 'nope'], deps())).rejects.toThrowError(
      /unknown environment "nope"/,
    );
  });
});
