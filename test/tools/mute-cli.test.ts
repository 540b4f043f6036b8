import {
  CloudWatchClient,
  DeleteAlarmMuteRuleCommand,
  DescribeAlarmsCommand,
  ListAlarmMuteRulesCommand,
  PutAlarmMuteRuleCommand,
} from '@aws-sdk/client-cloudwatch';
import { beforeEach, describe, expect, it } from 'vitest';
import { CREDENTIALS_HINT, explainError } from '../../tools/cli/errors';
import { runCli } from '../../tools/ops/cli';
import { cw, resetMuteMock } from '../helpers/mute-mock';
import { CONFIG_DIR } from '../helpers/synth';

const lines: string[] = [];
const regions: string[] = [];
const deps = () => ({
  configDir: CONFIG_DIR,
  cloudwatch: (region: string) => {
    regions.push(region);
    return new CloudWatchClient({ region });
  },
  log: (l: string) => lines.push(l),
  sleep: async () => {},
  now: () => new Date('2026-12-01T21:04:10Z'),
  user: 'kim',
});

beforeEach(() => {
  resetMuteMock();
  lines.length = 0;
  regions.length = 0;
  cw.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: [{ AlarmName: 'ops-example-prod-P2-rds-cpu-high' }],
  });
  cw.on(ListAlarmMuteRulesCommand).resolves({
    AlarmMuteRuleSummaries: [
      {
        AlarmMuteRuleArn:
          'arn:aws:cloudwatch:ap-northeast-2:1:alarm-mute-rule:ops-example-prod-mute-cli-20261201t2105',
      },
    ],
  });
});

describe('npm run ops -- mute / unmute', () => {
  it('mute creates a one-time rule in the environment region; unmute removes it', async () => {
    const argv = [
      'mute',
      '--env',
      'example-prod',
      '--for',
      '45m',
      '--reason',
      'DB parameter change',
      '--severity',
      'P2,P3',
    ];
    expect(await runCli(argv, deps())).toBe(0);
    expect(regions).toEqual(['ap-northeast-2']);
    const put = cw.commandCalls(PutAlarmMuteRuleCommand)[0]?.args[0].input;
    expect(put?.Rule?.Schedule).toEqual({
      Expression: 'at(2026-12-01T21:05)',
      Duration: 'PT45M',
      Timezone: 'UTC',
    });
    expect(put?.Description).toBe('DB parameter change (P2, P3; by kim with npm run ops -- mute)');
    expect(await runCli(['unmute', '--env', 'example-prod'], deps())).toBe(0);
    expect(cw.commandCalls(DeleteAlarmMuteRuleCommand)[0]?.args[0].input).toEqual({
      AlarmMuteRuleName: 'ops-example-prod-mute-cli-20261201t2105',
    });
  });
  it('prod P0 needs --yes; unknown options and environments are one-line usage errors', async () => {
    await expect(
      runCli(['mute', '--env', 'example-prod', '--for', '45m', '--reason', 'x'], deps()),
    ).rejects.toThrow(/add --yes to confirm/);
    await expect(runCli(['mute', '--env', 'example-prod', '--four', '45m'], deps())).rejects.toThrow(
      /--four/,
    );
    await expect(runCli(['unmute', '--env', 'nope'], deps())).rejects.toThrow(/unknown environment "nope"/);
    expect(cw.calls()).toHaveLength(0);
  });
  it('without credentials the CLI prints one line saying how to provide them', async () => {
    cw.on(DescribeAlarmsCommand).rejects(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );
    const failure = await runCli(
      ['mute', '--env', 'example-staging', '--for', '5m', '--reason', 'x'],
      deps(),
    ).catch((e: unknown) => e);
    const { line, exitCode } = explainError(failure);
    expect(line).toBe(CREDENTIALS_HINT);
    expect(line).not.toContain('\n');
    expect(exitCode).toBe(1);
    expect(cw.commandCalls(PutAlarmMuteRuleCommand)).toHaveLength(0);
  });
  it('lists both commands in help', async () => {
    await runCli(['--help'], deps());
    expect(lines.join('\n')).toMatch(/mute\s+mutes the deployed alarms/);
    expect(lines.join('\n')).toMatch(/unmute\s+deletes the mutes/);
  });
});
