/**
 * The AWS rules behind the config schema, each with the page it follows. Invalid configs are in
 * test/core/environments/bad-configs.test.ts; here: what the rules accept and what they compute.
 */
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { describe, expect, it } from 'vitest';
import {
  logGroupNameProblem,
  rdsIdentifierProblem,
  route53RecordNameProblem,
  SSM_PARAMETER_NAME_MAX,
  secretIdProblem,
  ssmParameterNameProblem,
} from '../../../lib/core/config/rules/names';
import { AWS_REGIONS, regionProblem } from '../../../lib/core/config/rules/regions';
import { parseSchedule } from '../../../lib/core/config/rules/schedule';
import { FREE_ALLOWANCES } from '../../../lib/core/config/sections/free-tier';
import prices from '../../../lib/core/guard/prices.json';

describe('regions', () => {
  it('lists only codes aws-cdk-lib knows, so a typo in the list itself fails here', () => {
    const known = new Set(RegionInfo.regions.map((r) => r.name));
    expect(AWS_REGIONS.filter((r) => !known.has(r))).toEqual([]);
  });

  it('accepts Seoul and suggests the nearest code for a typo', () => {
    expect(regionProblem('ap-northeast-2')).toBeUndefined();
    expect(regionProblem('ap-northeast2')).toContain('did you mean ap-northeast-2?');
    expect(regionProblem('xx-nowhere-9')).not.toContain('did you mean');
  });
});

describe('EventBridge Scheduler expressions', () => {
  // "Schedule types in EventBridge Scheduler": "A cron expression consists of six fields separated
  // by white spaces: (minutes hours day_of_month month day_of_week year)."
  it.each([
    [
      'cron(0 0 ? * MON *)',
      { minutes: [0], hours: [0], daysOfMonth: undefined, months: range(1, 12), daysOfWeek: [2] },
    ],
    [
      'cron(0/15 9-17 ? * MON-FRI *)',
      { minutes: [0, 15, 30, 45], hours: range(9, 17), daysOfWeek: range(2, 6) },
    ],
    ['cron(0 10 ? * 6L 2002-2005)', { daysOfWeek: 'last', years: range(2002, 2005) }],
    ['cron(0 9 15W * ? *)', { daysOfMonth: 'weekday', daysOfWeek: undefined }],
    ['cron(0 9 L * ? *)', { daysOfMonth: 'last' }],
    ['cron(0 8 ? * 3#1 *)', { daysOfWeek: 'nth' }],
    ['cron(0 8 ? * tue#2 *)', { daysOfWeek: 'nth' }],
    ['cron(15 12 1,15 JAN,JUL ? *)', { minutes: [15], daysOfMonth: [1, 15], months: [1, 7] }],
    ['cron(0 18 ? * L *)', { daysOfWeek: 'last' }],
    ['cron(5/20 * * * ? *)', { minutes: [5, 25, 45], hours: range(0, 23) }],
  ])('reads %s', (expression, expected) => {
    const parsed = parseSchedule(expression);
    expect(parsed).toMatchObject({ kind: 'cron', fields: expected });
  });

  it('reads a one-time at() in the documented format', () => {
    expect(parseSchedule('at(2027-01-04T09:00:00)')).toEqual({ kind: 'at', time: '2027-01-04T09:00:00' });
    expect(parseSchedule('at(2028-02-29T00:00:00)')).toMatchObject({ kind: 'at' });
    expect(parseSchedule('at(2027-02-29T00:00:00)')).toHaveProperty('problem');
    expect(parseSchedule('at(2027-01-04T24:00:00)')).toHaveProperty('problem');
  });
});

describe('identifier rules', () => {
  // RDS CreateDBInstance DBInstanceIdentifier: "Must contain from 1 to 63 letters, numbers, or hyphens."
  it('accepts RDS ids of 1 and 63 characters', () => {
    expect(rdsIdentifierProblem('a')).toBeUndefined();
    expect(rdsIdentifierProblem(`a${'b'.repeat(62)}`)).toBeUndefined();
    expect(rdsIdentifierProblem('')).toContain('1-63');
  });

  it('suggests the lowercase form only when it would be valid', () => {
    expect(rdsIdentifierProblem('Ticketing-DB')).toContain('"ticketing-db"');
    expect(rdsIdentifierProblem('Ticketing--DB')).toContain('two consecutive hyphens');
  });

  it('allows SSM names up to the ARN-inclusive limit and no further', () => {
    // "The maximum length for a parameter name, including the full length of the parameter ARN, is 1011 characters."
    const longest = `/${'p'.repeat(SSM_PARAMETER_NAME_MAX - 1)}`;
    expect(ssmParameterNameProblem(longest)).toBeUndefined();
    expect(ssmParameterNameProblem(`${longest}p`)).toContain('1011');
    expect(ssmParameterNameProblem('/a'.repeat(15))).toBeUndefined();
    expect(ssmParameterNameProblem('/awsome/x')).toContain('reserved');
    expect(ssmParameterNameProblem('/ticketing//host')).toContain('empty level');
  });

  it('accepts secret names and ARNs Secrets Manager issues', () => {
    expect(secretIdProblem('ticketing/prod/db')).toBeUndefined();
    expect(secretIdProblem('a+b=c.d@e_f')).toBeUndefined();
    expect(
      secretIdProblem('arn:aws:secretsmanager:ap-northeast-2:123456789012:secret:ticketing/db-AbCdEf'),
    ).toBeUndefined();
    expect(secretIdProblem('x'.repeat(513))).toContain('1-512');
  });

  it('accepts record names with and without the trailing dot, up to 255 bytes', () => {
    expect(route53RecordNameProblem('db.ticketing.example.com')).toBeUndefined();
    expect(route53RecordNameProblem('db.ticketing.example.com.')).toBeUndefined();
    const label = 'a'.repeat(63);
    expect(route53RecordNameProblem([label, label, label, 'b'.repeat(62)].join('.'))).toBeUndefined();
    expect(route53RecordNameProblem([label, label, label, label, 'x'].join('.'))).toContain('255');
  });

  it('accepts log group names of 512 characters with every allowed character', () => {
    expect(logGroupNameProblem('/aws/lambda/fn-1_2.3#x')).toBeUndefined();
    expect(logGroupNameProblem('x'.repeat(512))).toBeUndefined();
    expect(logGroupNameProblem('')).toContain('1-512');
  });
});

it('counts shares against the same free allowances the guard prices', () => {
  expect(FREE_ALLOWANCES).toEqual({
    alarmMetricShare: prices.freeTier.alarmMetrics,
    customMetricShare: prices.freeTier.customMetrics,
    dashboardShare: prices.freeTier.dashboards,
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
