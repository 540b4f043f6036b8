import {
  CloudWatchClient,
  DeleteAlarmMuteRuleCommand,
  DescribeAlarmsCommand,
  ListAlarmMuteRulesCommand,
  PutAlarmMuteRuleCommand,
} from '@aws-sdk/client-cloudwatch';
import { beforeEach, describe, expect, it } from 'vitest';
import { muteCommand, unmuteCommand } from '../../tools/ops/mute';
import { cw, resetMuteMock } from '../helpers/mute-mock';
import { configFrom } from '../helpers/synth';

const prod = configFrom('example-prod');
const staging = configFrom('example-staging');
const now = new Date('2026-12-01T21:04:10Z');

function deps(lines: string[] = []) {
  return {
    cloudwatch: new CloudWatchClient({}),
    now: () => now,
    log: (l: string) => lines.push(l),
    user: 'kim',
  };
}

function alarmsOf(env: string) {
  return {
    MetricAlarms: [
      { AlarmName: `ops-${env}-P0-service-down` },
      { AlarmName: `ops-${env}-P2-database-cpu` },
      { AlarmName: `ops-${env}-P3-cache-memory` },
      // Another environment whose name starts the same way is not ours.
      { AlarmName: `ops-${env}-other-P2-database-cpu` },
    ],
    CompositeAlarms: [{ AlarmName: `ops-${env}-P1-slo-burn` }],
  };
}

beforeEach(resetMuteMock);

describe('npm run ops -- mute', () => {
  it('creates one one-time rule (at expression) over the chosen severities', async () => {
    cw.on(DescribeAlarmsCommand).resolves(alarmsOf('example-staging'));
    const lines: string[] = [];
    const created = await muteCommand(
      staging,
      { for: '45m', reason: 'DB parameter change', severity: 'P2,P3', yes: false },
      deps(lines),
    );
    expect(created).toEqual(['ops-example-staging-mute-cli-20261201t2105']);
    expect(cw.commandCalls(DescribeAlarmsCommand)[0]?.args[0].input).toMatchObject({
      AlarmNamePrefix: 'ops-example-staging-',
    });
    const put = cw.commandCalls(PutAlarmMuteRuleCommand);
    expect(put).toHaveLength(1);
    expect(put[0]?.args[0].input).toEqual({
      Name: 'ops-example-staging-mute-cli-20261201t2105',
      Description: 'DB parameter change (P2, P3; by kim with npm run ops -- mute)',
      Rule: { Schedule: { Expression: 'at(2026-12-01T21:05)', Duration: 'PT45M', Timezone: 'UTC' } },
      MuteTargets: {
        AlarmNames: ['ops-example-staging-P2-database-cpu', 'ops-example-staging-P3-cache-memory'],
      },
      ExpireDate: new Date('2026-12-01T21:50:00Z'),
      Tags: [
        { Key: 'Project', Value: 'ops-stack' },
        { Key: 'Environment', Value: 'example-staging' },
      ],
    });
    expect(lines[0]).toBe(
      'muted 2 P2, P3 alarm(s) of example-staging from 2026-12-01T21:05Z to 2026-12-01T21:50Z: ops-example-staging-mute-cli-20261201t2105',
    );
  });
  it('splits more than 100 alarms into rules of 100', async () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ AlarmName: `ops-example-staging-P3-s${i}` }));
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: many });
    const created = await muteCommand(
      staging,
      { for: '1h', reason: 'load test', severity: 'P3', yes: false },
      deps(),
    );
    expect(created).toHaveLength(2);
    const targets = cw
      .commandCalls(PutAlarmMuteRuleCommand)
      .map((c) => c.args[0].input.MuteTargets?.AlarmNames?.length);
    expect(targets).toEqual([100, 50]);
  });
  it('prod needs --yes to mute P0, and the default mutes every severity', async () => {
    cw.on(DescribeAlarmsCommand).resolves(alarmsOf('example-prod'));
    await expect(muteCommand(prod, { for: '45m', reason: 'deploy', yes: false }, deps())).rejects.toThrow(
      'example-prod is prod and this mutes P0 (service down): add --yes to confirm, or --severity P1,P2,P3',
    );
    expect(cw.calls()).toHaveLength(0);
    await muteCommand(prod, { for: '45m', reason: 'deploy', yes: true }, deps());
    expect(cw.commandCalls(PutAlarmMuteRuleCommand)[0]?.args[0].input.MuteTargets?.AlarmNames).toHaveLength(
      4,
    );
    cw.resetHistory();
    await muteCommand(prod, { for: '45m', reason: 'deploy', severity: 'P2', yes: false }, deps());
    expect(cw.commandCalls(PutAlarmMuteRuleCommand)).toHaveLength(1);
  });
  it.each([
    [{ reason: 'x' }, '--for is required'],
    [{ for: '45', reason: 'x' }, '--for is required: how long, such as 45m, 2h or 1h30m (got "45")'],
    [{ for: '16d', reason: 'x' }, '--for: a mute lasts 1 minute to 15 days'],
    [{ for: '0m', reason: 'x' }, '--for: a mute lasts 1 minute to 15 days'],
    [{ for: '45m' }, '--reason is required'],
    [{ for: '45m', reason: '  ' }, '--reason is required'],
    [{ for: '45m', reason: 'x', severity: 'P5' }, '--severity takes a list of P0, P1, P2, P3, got "P5"'],
  ])('refuses %j before any AWS call', async (options, message) => {
    await expect(muteCommand(staging, { yes: false, ...options }, deps())).rejects.toThrow(message);
    expect(cw.calls()).toHaveLength(0);
  });
  it('says so when nothing is deployed, and creates nothing', async () => {
    cw.on(DescribeAlarmsCommand).resolves({});
    const lines: string[] = [];
    expect(await muteCommand(staging, { for: '5m', reason: 'x', yes: false }, deps(lines))).toEqual([]);
    expect(cw.commandCalls(PutAlarmMuteRuleCommand)).toHaveLength(0);
    expect(lines[0]).toContain('nothing muted');
  });
  it('lets a credentials error through for the CLI to explain in one line', async () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    cw.on(DescribeAlarmsCommand).rejects(error);
    await expect(muteCommand(staging, { for: '5m', reason: 'x', yes: false }, deps())).rejects.toMatchObject({
      name: 'CredentialsProviderError',
    });
    expect(cw.commandCalls(PutAlarmMuteRuleCommand)).toHaveLength(0);
  });
});

describe('npm run ops -- unmute', () => {
  it("deletes the CLI's unexpired rules of the environment only", async () => {
    const arn = (name: string) => `arn:aws:cloudwatch:ap-northeast-2:111111111111:alarm-mute-rule:${name}`;
    cw.on(ListAlarmMuteRulesCommand).resolves({
      AlarmMuteRuleSummaries: [
        { AlarmMuteRuleArn: arn('ops-example-staging-mute-cli-20261201t2105'), Status: 'ACTIVE' },
        { AlarmMuteRuleArn: arn('ops-example-staging-mute-window-weekly-db'), Status: 'SCHEDULED' },
        { AlarmMuteRuleArn: arn('ops-example-dev-mute-cli-20261201t2105'), Status: 'ACTIVE' },
      ],
    });
    const lines: string[] = [];
    expect(await unmuteCommand(staging, deps(lines))).toEqual(['ops-example-staging-mute-cli-20261201t2105']);
    expect(cw.commandCalls(ListAlarmMuteRulesCommand)[0]?.args[0].input).toEqual({
      Statuses: ['SCHEDULED', 'ACTIVE'],
    });
    expect(cw.commandCalls(DeleteAlarmMuteRuleCommand).map((c) => c.args[0].input)).toEqual([
      { AlarmMuteRuleName: 'ops-example-staging-mute-cli-20261201t2105' },
    ]);
    expect(lines).toEqual(['unmuted example-staging: deleted ops-example-staging-mute-cli-20261201t2105']);
  });
  it('says when there is nothing to unmute', async () => {
    cw.on(ListAlarmMuteRulesCommand).resolves({});
    const lines: string[] = [];
    expect(await unmuteCommand(staging, deps(lines))).toEqual([]);
    expect(cw.commandCalls(DeleteAlarmMuteRuleCommand)).toHaveLength(0);
    expect(lines[0]).toContain('has no active mute');
  });
});
