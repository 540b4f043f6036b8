import {
  CloudWatchClient,
  GetAlarmMuteRuleCommand,
  ListAlarmMuteRulesCommand,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { mutesOfWeekLine } from '../../../lambdas/cost-report/mutes';

const cw = mockClient(CloudWatchClient);
const now = new Date('2026-12-07T00:00:00Z');
const arn = (name: string) => `arn:aws:cloudwatch:ap-northeast-2:222222222222:alarm-mute-rule:${name}`;

beforeEach(() => cw.reset());

describe("the weekly report's mutes of the week", () => {
  it('lists recurring windows, the CLI mutes of the last 7 days, and leaves out older and foreign rules', async () => {
    cw.on(ListAlarmMuteRulesCommand).resolves({
      AlarmMuteRuleSummaries: [
        { AlarmMuteRuleArn: arn('ops-prod-mute-window-weekly-db') },
        { AlarmMuteRuleArn: arn('ops-prod-mute-cli-20261201t2105') },
        { AlarmMuteRuleArn: arn('ops-prod-mute-cli-20261101t0900') },
        { AlarmMuteRuleArn: arn('ops-dev-mute-cli-20261201t2105') },
      ],
    });
    cw.on(GetAlarmMuteRuleCommand, { AlarmMuteRuleName: 'ops-prod-mute-window-weekly-db' }).resolves({
      MuteType: 'RECURRING',
      Status: 'SCHEDULED',
      Description: 'RDS maintenance',
      Rule: { Schedule: { Expression: 'cron(0 3 * * SUN)', Duration: 'PT1H', Timezone: 'Asia/Seoul' } },
      MuteTargets: { AlarmNames: ['a', 'b'] },
    });
    cw.on(GetAlarmMuteRuleCommand, { AlarmMuteRuleName: 'ops-prod-mute-cli-20261201t2105' }).resolves({
      MuteType: 'ONE_TIME',
      Status: 'EXPIRED',
      Description: 'DB parameter change (P2, P3; by kim with npm run ops -- mute)',
      Rule: { Schedule: { Expression: 'at(2026-12-01T21:05)', Duration: 'PT45M', Timezone: 'UTC' } },
      MuteTargets: { AlarmNames: ['c'] },
      ExpireDate: new Date('2026-12-01T21:50:00Z'),
    });
    cw.on(GetAlarmMuteRuleCommand, { AlarmMuteRuleName: 'ops-prod-mute-cli-20261101t0900' }).resolves({
      MuteType: 'ONE_TIME',
      Status: 'EXPIRED',
      Rule: { Schedule: { Expression: 'at(2026-11-01T09:00)', Duration: 'PT1H' } },
      ExpireDate: new Date('2026-11-01T10:00:00Z'),
      LastUpdatedTimestamp: new Date('2026-11-01T08:59:00Z'),
    });
    const line = await mutesOfWeekLine(new CloudWatchClient({}), 'prod', now);
    expect(line).toBe(
      'Alarm mutes this week (2): ops-prod-mute-cli-20261201t2105 (expired): at(2026-12-01T21:05) UTC for PT45M, 1 alarm(s): DB parameter change (P2, P3; by kim with npm run ops -- mute); ops-prod-mute-window-weekly-db (scheduled): cron(0 3 * * SUN) Asia/Seoul for PT1H, 2 alarm(s): RDS maintenance',
    );
    expect(
      cw.commandCalls(GetAlarmMuteRuleCommand).map((c) => c.args[0].input.AlarmMuteRuleName),
    ).not.toContain('ops-dev-mute-cli-20261201t2105');
  });
  it('an active rule is always listed; an expired recurring one is not', async () => {
    cw.on(ListAlarmMuteRulesCommand).resolves({
      AlarmMuteRuleSummaries: [
        { AlarmMuteRuleArn: arn('ops-prod-mute-a') },
        { AlarmMuteRuleArn: arn('ops-prod-mute-b') },
      ],
    });
    cw.on(GetAlarmMuteRuleCommand, { AlarmMuteRuleName: 'ops-prod-mute-a' }).resolves({
      Status: 'ACTIVE',
      MuteType: 'ONE_TIME',
    });
    cw.on(GetAlarmMuteRuleCommand, { AlarmMuteRuleName: 'ops-prod-mute-b' }).resolves({
      Status: 'EXPIRED',
      MuteType: 'RECURRING',
    });
    expect(await mutesOfWeekLine(new CloudWatchClient({}), 'prod', now)).toBe(
      'Alarm mutes this week (1): ops-prod-mute-a (active): ? UTC for ?, 0 alarm(s)',
    );
  });
  it('says none, and says unavailable instead of failing the report', async () => {
    cw.on(ListAlarmMuteRulesCommand).resolves({});
    expect(await mutesOfWeekLine(new CloudWatchClient({}), 'prod', now)).toBe('Alarm mutes this week: none');
    cw.on(ListAlarmMuteRulesCommand).rejects(Object.assign(new Error('no'), { name: 'AccessDenied' }));
    expect(await mutesOfWeekLine(new CloudWatchClient({}), 'prod', now)).toBe(
      'Alarm mutes unavailable (AccessDenied)',
    );
  });
});
