/**
 * Alarm mute rules in the templates. AWS::CloudWatch::AlarmMuteRule (CloudFormation Template
 * Reference): "Alarm mute rules automatically mute alarm actions during predefined time windows. When
 * a mute rule is active, targeted alarms continue to evaluate metrics and transition between states,
 * but their configured actions (such as Amazon SNS notifications ...) are muted." "Each mute rule can
 * target up to 100 specific alarms by name."
 */
import { CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { MaintenanceMutes } from '../../../lib/constructs/paging/maintenance-mutes';
import { addEnvironments } from '../../../lib/stacks/ops-app';
import { configFrom, newApp } from '../../helpers/synth';

/** A stack holding one inert resource: CloudFormation (and CDK's template validation) rejects an empty one. */
function nonEmptyStack(id: string): Stack {
  const stack = new Stack(newApp(), id);
  new CfnWaitConditionHandle(stack, 'Placeholder');
  return stack;
}

const deployStartsAt = new Date('2026-12-01T21:04:10Z');
const [prodStack] = addEnvironments(newApp(), [configFrom('example-prod')], { deployStartsAt });
if (!prodStack) throw new Error('no stack');
const prod = Template.fromStack(prodStack);
const RULE = 'AWS::CloudWatch::AlarmMuteRule';

describe('maintenance windows and deploy quiet (example-prod)', () => {
  it('a recurring window is a cron rule in its time zone over the signals it names', () => {
    prod.hasResourceProperties(RULE, {
      Name: 'ops-example-prod-mute-window-rds-weekly',
      Description: 'RDS weekly maintenance window of ticketing-prod-db',
      Rule: { Schedule: { Expression: 'cron(0 4 * * SUN)', Duration: 'PT1H', Timezone: 'Asia/Seoul' } },
      MuteTargets: {
        AlarmNames: ['ops-example-prod-P1-api-error-rate-fast', 'ops-example-prod-P2-rds-cpu-high'],
      },
    });
  });
  it('the deploy mute is a one-time at rule from the deploy, over the deploy severities only', () => {
    const rules = prod.findResources(RULE, { Properties: { Name: 'ops-example-prod-mute-deploy' } });
    const [id, rule] = Object.entries(rules)[0] ?? [];
    expect(rule?.Properties.Rule).toEqual({
      Schedule: { Expression: 'at(2026-12-01T21:05)', Duration: 'PT10M', Timezone: 'UTC' },
    });
    const names: string[] = rule?.Properties.MuteTargets.AlarmNames ?? [];
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => /-P[23]-/.test(n))).toBe(true);
    expect(names).toContain('ops-example-prod-P2-rds-cpu-high');
    // CloudFormation updates the rule before the alarms it mutes.
    const alarms = prod.findResources('AWS::CloudWatch::Alarm');
    for (const alarm of Object.values(alarms)) expect(alarm.DependsOn).toEqual(expect.arrayContaining([id]));
  });
  it('the rules carry the project and environment tags', () => {
    prod.hasResourceProperties(RULE, {
      Name: 'ops-example-prod-mute-deploy',
      Tags: Match.arrayWith([
        { Key: 'Environment', Value: 'example-prod' },
        { Key: 'Project', Value: 'ops-stack' },
      ]),
    });
  });
  it('without a deploy start (tests, synth for review) only the window rule is made', () => {
    expect(Object.keys(prod.findResources(RULE)).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/rdsweekly/i), expect.stringMatching(/deploy/i)]),
    );
    const stack = nonEmptyStack('NoDeploy');
    new MaintenanceMutes(stack, 'Mutes', {
      environment: 'x',
      alarms: [{ name: 'ops-x-P3-a', signalId: 'a', severity: 'P3' }],
    });
    Template.fromStack(stack).resourceCountIs(RULE, 0);
  });
});

describe('more than 100 alarms', () => {
  it('become several rules of at most 100', () => {
    const stack = new Stack(newApp(), 'Mutes');
    const alarms = Array.from({ length: 150 }, (_, i) => ({
      name: `ops-x-P3-s${i}`,
      signalId: `s${i}`,
      severity: 'P3' as const,
    }));
    new MaintenanceMutes(stack, 'Mutes', {
      environment: 'x',
      alarms,
      windows: [
        { name: 'w', cron: 'cron(0 3 * * *)', durationMinutes: 60, timeZone: 'UTC', severities: ['P3'] },
      ],
    });
    const rules = Object.values(Template.fromStack(stack).findResources(RULE));
    expect(rules.map((r) => [r.Properties.Name, r.Properties.MuteTargets.AlarmNames.length])).toEqual([
      ['ops-x-mute-window-w-1', 100],
      ['ops-x-mute-window-w-2', 50],
    ]);
  });
  it('a window that selects no alarm here makes no rule', () => {
    const stack = nonEmptyStack('Empty');
    new MaintenanceMutes(stack, 'Mutes', {
      environment: 'x',
      alarms: [{ name: 'ops-x-P0-service-down', signalId: 'service-down', severity: 'P0' }],
      windows: [
        { name: 'w', cron: 'cron(0 3 * * *)', durationMinutes: 60, timeZone: 'UTC', severities: ['P3'] },
      ],
    });
    Template.fromStack(stack).resourceCountIs(RULE, 0);
  });
});

describe('tags on every alarm, topic and function, applied in one place', () => {
  it('alarms carry severity, signal id and seed reference, with the project and environment', () => {
    prod.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'ops-example-prod-P0-service-down',
      Tags: Match.arrayWith([
        { Key: 'Environment', Value: 'example-prod' },
        { Key: 'Project', Value: 'ops-stack' },
        { Key: 'SeedReference', Value: Match.stringLikeRegexp('^seed ') },
        { Key: 'Severity', Value: 'P0' },
        { Key: 'SignalId', Value: 'service-down' },
      ]),
    });
    for (const alarm of Object.values(prod.findResources('AWS::CloudWatch::Alarm'))) {
      const keys = (alarm.Properties.Tags as { Key: string }[]).map((t) => t.Key);
      expect(keys).toEqual(
        expect.arrayContaining(['Environment', 'Project', 'SeedReference', 'Severity', 'SignalId']),
      );
    }
  });
  it('topics carry their severity; functions the project and environment', () => {
    prod.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'ops-example-prod-P2',
      Tags: Match.arrayWith([{ Key: 'Severity', Value: 'P2' }]),
    });
    const functions = Object.values(prod.findResources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.Properties.Tags).toEqual(
        expect.arrayContaining([
          { Key: 'Environment', Value: 'example-prod' },
          { Key: 'Project', Value: 'ops-stack' },
        ]),
      );
    }
  });
});
