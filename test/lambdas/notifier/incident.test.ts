/** Only real recoveries are posted, data that stops is said, and one incident reads as one. */
import { DescribeAlarmHistoryCommand, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { beforeEach, describe, expect, it } from 'vitest';
import { postedTransition } from '../../../lambdas/notifier/transition';
import { alarmMessage, historyItem, snsEvent, stateChangeEvent } from './fixtures';
import { mocks, resetMocks, runSns, runStateChange } from './harness';

beforeEach(resetMocks);

describe('which state changes are posted', () => {
  it('maps every pair of states', () => {
    const states = ['OK', 'ALARM', 'INSUFFICIENT_DATA'] as const;
    const table = Object.fromEntries(
      states.flatMap((from) => states.map((to) => [`${from}>${to}`, postedTransition(from, to) ?? '-'])),
    );
    expect(table).toEqual({
      'OK>OK': '-',
      'OK>ALARM': 'alarm',
      'OK>INSUFFICIENT_DATA': '-',
      'ALARM>OK': 'recovered',
      'ALARM>ALARM': 'alarm',
      'ALARM>INSUFFICIENT_DATA': 'data-stopped',
      'INSUFFICIENT_DATA>OK': '-',
      'INSUFFICIENT_DATA>ALARM': 'alarm',
      'INSUFFICIENT_DATA>INSUFFICIENT_DATA': '-',
    });
  });

  it('INSUFFICIENT_DATA → OK (a new or updated alarm after a deploy) is not posted, and costs no call', async () => {
    const message = alarmMessage({ OldStateValue: 'INSUFFICIENT_DATA', NewStateValue: 'OK' });
    const { outcomes, posted } = await runSns(snsEvent(message));
    expect(outcomes).toEqual([
      { messageId: 'm-1', posted: 0, skipped: 'INSUFFICIENT_DATA → OK is not posted' },
    ]);
    expect(posted).toHaveLength(0);
    const event = await runStateChange(stateChangeEvent('INSUFFICIENT_DATA', 'OK'));
    expect(event.posted).toHaveLength(0);
    expect(mocks.cloudwatch.calls()).toHaveLength(0);
  });

  it('OK after ALARM is a recovery with the time spent in alarm', async () => {
    mocks.cloudwatch.on(DescribeAlarmHistoryCommand).resolves({
      AlarmHistoryItems: [
        historyItem('2026-11-22T10:03:10.000Z', 'OK'),
        historyItem('2026-11-22T09:41:10.000Z', 'ALARM'),
      ],
    });
    const message = alarmMessage({
      OldStateValue: 'ALARM',
      NewStateValue: 'OK',
      StateChangeTime: '2026-11-22T10:03:10.000+0000',
    });
    const { slack } = await runSns(snsEvent(message));
    expect(slack[0]?.text).toBe(
      ':white_check_mark: [P1] recovered: API error rate at or above 5% (example-prod)',
    );
    expect(JSON.stringify(slack[0])).toContain('*In alarm for*\\n22 min');
    expect(JSON.stringify(slack[0])).not.toContain('First steps');
  });

  it('ALARM → INSUFFICIENT_DATA is posted as "data stopped" from the state-change event, not twice', async () => {
    const { slack, outcome } = await runStateChange(stateChangeEvent('ALARM', 'INSUFFICIENT_DATA'));
    expect(outcome.posted).toBe(1);
    expect(slack[0]?.text).toBe(
      ':white_circle: [P1] data stopped: API error rate at or above 5% (example-prod)',
    );
    const text = JSON.stringify(slack[0]);
    expect(text).toContain('its metric stopped arriving: that is often the outage itself');
    expect(text).toContain('*Threshold vs now*\\n5% vs n/a');
    expect(text).not.toContain('Muted');
    // Should an alarm ever get an INSUFFICIENT_DATA action, its SNS copy is not posted a second time.
    const sns = await runSns(
      snsEvent(alarmMessage({ OldStateValue: 'ALARM', NewStateValue: 'INSUFFICIENT_DATA' })),
    );
    expect(sns.outcomes[0]).toMatchObject({
      posted: 0,
      skipped: 'INSUFFICIENT_DATA is posted from the state-change event',
    });
  });

  it('state changes of alarms outside this environment, or not named by ops-stack, are ignored', async () => {
    for (const alarmName of ['ops-example-dev-P1-api-error-rate-fast', 'ops-example-prod-handmade']) {
      const { outcome } = await runStateChange(stateChangeEvent('OK', 'ALARM', { alarmName }));
      expect(outcome).toMatchObject({ posted: 0, skipped: 'not an alarm of this environment' });
    }
    const { outcome } = await runStateChange(
      stateChangeEvent('OK', 'ALARM', { alarmName: 'ops-example-prod-P0-service-down' }),
    );
    expect(outcome).toMatchObject({ posted: 0, skipped: 'no chat target for P0' });
    expect(mocks.cloudwatch.calls()).toHaveLength(0);
  });
});

describe('one incident reads as one', () => {
  it('an alarm message lists the other alarms of the environment now in ALARM, from one DescribeAlarms call', async () => {
    mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        {
          AlarmName: 'ops-example-prod-P1-api-error-rate-fast',
          StateUpdatedTimestamp: new Date('2026-11-22T10:03:10Z'),
        },
        {
          AlarmName: 'ops-example-prod-P0-service-down',
          StateUpdatedTimestamp: new Date('2026-11-22T10:01:00Z'),
        },
        { AlarmName: 'ops-example-prod-P1-handmade!' },
      ],
      CompositeAlarms: [
        {
          AlarmName: 'ops-example-prod-P1-slo-burn-page',
          StateUpdatedTimestamp: new Date('2026-11-22T10:02:00Z'),
        },
      ],
    });
    const { slack } = await runSns(snsEvent(alarmMessage()));
    expect(JSON.stringify(slack[0])).toContain(
      '*Other alarms in ALARM (3)*\\nops-example-prod-P1-handmade!\\n[P0] Service down: health check failing since 2026-11-22T10:01:00.000Z\\n[P1] Availability SLO burning fast (long and short window agree) since 2026-11-22T10:02:00.000Z',
    );
    // "If you omit this parameter, only metric alarms are returned, even if composite alarms exist
    // in the account." (CloudWatch API Reference, DescribeAlarms, AlarmTypes)
    const calls = mocks.cloudwatch.commandCalls(DescribeAlarmsCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      AlarmNamePrefix: 'ops-example-prod-',
      StateValue: 'ALARM',
      AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
      MaxRecords: 100,
    });
  });

  it('says "none" when it is alone, names at most 20, and never fails the post', async () => {
    const alone = await runSns(snsEvent(alarmMessage()));
    expect(JSON.stringify(alone.slack[0])).toContain('*Other alarms in ALARM*\\nnone');
    mocks.cloudwatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: Array.from({ length: 25 }, (_, i) => ({
        AlarmName: `ops-example-prod-P2-x${String(i).padStart(2, '0')}`,
      })),
    });
    const many = JSON.stringify((await runSns(snsEvent(alarmMessage()))).slack[0]);
    expect(many).toContain('*Other alarms in ALARM (25)*');
    expect(many).toContain('[P2] x19\\nand 5 more');
    expect(many).not.toContain('x20');
    mocks.cloudwatch
      .on(DescribeAlarmsCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'Throttling' }));
    const failed = await runSns(snsEvent(alarmMessage()));
    expect(failed.outcomes[0]?.posted).toBe(1);
    expect(JSON.stringify(failed.slack[0])).toContain('*Other alarms in ALARM*\\nunavailable (Throttling)');
  });
});
