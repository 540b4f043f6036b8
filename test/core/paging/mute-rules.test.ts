import { describe, expect, it } from 'vitest';
import { muteRuleName, muteRuleNameOfArn, muteRulePrefix } from '../../../lib/core/catalog/naming';
import {
  alarmsMutedBy,
  atExpression,
  chunkAlarms,
  cronProblem,
  durationProblem,
  isoDuration,
  isTimeZone,
  MUTE_RULE_LIMITS,
  parseMinutes,
} from '../../../lib/core/paging/mute-rules';
import { alarmTags, stackTags, topicTags } from '../../../lib/core/paging/tags';

describe('alarm mute rule limits (PutAlarmMuteRule and Schedule, CloudWatch API Reference)', () => {
  it('targets at most 100 alarms per rule', () => {
    // PutAlarmMuteRule: "Each mute rule can target up to 100 specific alarms by name."
    expect(MUTE_RULE_LIMITS.maxAlarms).toBe(100);
    const names = Array.from({ length: 201 }, (_, i) => `a${i}`);
    const chunks = chunkAlarms(names);
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 1]);
    expect(chunks.flat()).toEqual(names);
    expect(chunkAlarms([])).toEqual([]);
  });
  it('lasts 1 minute to 15 days, as an ISO 8601 duration', () => {
    // Schedule.Duration: "ISO 8601 duration format with a minimum of 1 minute (PT1M) and maximum of
    // 15 days (P15D)".
    expect(isoDuration(1)).toBe('PT1M');
    expect(isoDuration(45)).toBe('PT45M');
    expect(isoDuration(60)).toBe('PT1H');
    expect(isoDuration(90)).toBe('PT1H30M');
    expect(isoDuration(1440)).toBe('P1D');
    expect(isoDuration(3600)).toBe('P2DT12H');
    expect(isoDuration(15 * 1440)).toBe('P15D');
    expect(durationProblem(0)).toMatch(/1 minute to 15 days/);
    expect(durationProblem(15 * 1440 + 1)).toMatch(/got 21601 minutes/);
    expect(durationProblem(1.5)).toBeDefined();
    expect(durationProblem(15 * 1440)).toBeUndefined();
    expect(() => isoDuration(0)).toThrow(/1 minute to 15 days/);
  });
  it('recurs on a five-field cron', () => {
    // Schedule.Expression: "Format: cron(Minutes Hours Day-of-month Month Day-of-week)", e.g.
    // "cron(0 2 * * SUN) - Activates every Sunday at 2:00 AM".
    expect(cronProblem('cron(0 2 * * SUN)')).toBeUndefined();
    expect(cronProblem('cron(0 1 1 * *)')).toBeUndefined();
    expect(cronProblem('cron(0,30 1-3 * JAN-MAR MON-FRI)')).toBeUndefined();
    // EventBridge's six-field form is not a mute-rule cron.
    expect(cronProblem('cron(0 2 ? * SUN *)')).toMatch(/five fields/);
    expect(cronProblem('rate(5 minutes)')).toMatch(/expected cron/);
    expect(cronProblem('cron(0 2 * * $)')).toBeDefined();
  });
  it('happens once on an at expression, at the next whole minute in UTC', () => {
    // Schedule.Expression: "At expressions - For one-time mute windows. Format: at(yyyy-MM-ddThh:mm)".
    expect(atExpression(new Date('2026-12-01T21:04:10Z'))).toEqual({
      expression: 'at(2026-12-01T21:05)',
      startsAt: new Date('2026-12-01T21:05:00Z'),
    });
    expect(atExpression(new Date('2026-12-01T21:04:00Z')).expression).toBe('at(2026-12-01T21:04)');
  });
  it('reads time zones from the tz database', () => {
    expect(isTimeZone('Asia/Seoul')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('CLI durations', () => {
  it.each([
    ['45m', 45],
    ['2h', 120],
    ['1h30m', 90],
    ['3d', 4320],
    ['1d2h3m', 1563],
  ])('%s is %i minutes', (text, minutes) => {
    expect(parseMinutes(text)).toBe(minutes);
  });
  it.each(['', '45', 'm', '1.5h', '2 h', '-5m'])('"%s" is not a duration', (text) => {
    expect(parseMinutes(text)).toBeUndefined();
  });
});

describe('which alarms a window mutes', () => {
  const alarms = [
    { name: 'ops-x-P0-service-down', signalId: 'service-down', severity: 'P0' as const },
    { name: 'ops-x-P2-database-cpu', signalId: 'database-cpu', severity: 'P2' as const },
    { name: 'ops-x-P3-cache-memory', signalId: 'cache-memory', severity: 'P3' as const },
  ];
  it('by severity, by signal, or both', () => {
    expect(alarmsMutedBy(alarms, { severities: ['P2', 'P3'] })).toEqual([
      'ops-x-P2-database-cpu',
      'ops-x-P3-cache-memory',
    ]);
    expect(alarmsMutedBy(alarms, { signals: ['service-down'] })).toEqual(['ops-x-P0-service-down']);
    expect(alarmsMutedBy(alarms, { severities: ['P3'], signals: ['database-cpu'] })).toEqual([
      'ops-x-P2-database-cpu',
      'ops-x-P3-cache-memory',
    ]);
    expect(alarmsMutedBy(alarms, {})).toEqual([]);
  });
});

describe('names and tags', () => {
  it('mute rules are named by environment and found by prefix', () => {
    expect(muteRuleName('prod', 'window-weekly-db')).toBe('ops-prod-mute-window-weekly-db');
    expect(muteRulePrefix('prod')).toBe('ops-prod-mute-');
    expect(
      muteRuleNameOfArn('arn:aws:cloudwatch:ap-northeast-2:222222222222:alarm-mute-rule:ops-prod-mute-cli-1'),
    ).toBe('ops-prod-mute-cli-1');
  });
  it('tags carry project, environment, severity, signal and seed, with allowed characters only', () => {
    expect(stackTags('prod')).toEqual({ Project: 'ops-stack', Environment: 'prod' });
    expect(topicTags('P1')).toEqual({ Severity: 'P1' });
    expect(alarmTags({ id: 'database-cpu', severity: 'P2', seed: '001 s1.3, 001 s2.2, 004' })).toEqual({
      Severity: 'P2',
      SignalId: 'database-cpu',
      SeedReference: 'seed 001 s1.3 001 s2.2 004',
    });
  });
});
