import { runSimulation } from '@cloud-copilot/iam-simulate';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type { OpsStack } from '../../../lib/stacks/ops-stack';
import { definitionOf } from '../../../tools/drill/local-workflow';
import { configFrom, synthStacks } from '../../helpers/synth';

// asl-validator ships CommonJS without types.
const validateAsl = require('asl-validator') as (d: unknown) => { isValid: boolean; errors: unknown[] };

const prodStack = synthStacks([configFrom('example-prod')]).stacks[0] as OpsStack;
const prod = Template.fromStack(prodStack);

/** Resolves template values to strings the simulator can match (refs become readable placeholders). */
function plain(value: unknown): unknown {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') return `ref-${v.Ref}`;
    if (Array.isArray(v['Fn::GetAtt'])) return `arn:aws:getatt:::${(v['Fn::GetAtt'] as string[]).join('.')}`;
    if (Array.isArray(v['Fn::Join'])) {
      const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(plain).join(sep);
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  }
  return value;
}

function stepsPolicy(): { Version: string; Statement: unknown[] } {
  const policies = prod.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: Match.stringLikeRegexp('RecoveryStepsRole') }] },
  });
  const statements = Object.values(policies).flatMap(
    (p) => p.Properties.PolicyDocument.Statement as unknown[],
  );
  return { Version: '2012-10-17', Statement: plain(statements) as unknown[] };
}

async function decide(action: string, resource: string): Promise<string> {
  const result = await runSimulation(
    {
      identityPolicies: [{ name: 'steps', policy: stepsPolicy() }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action,
        principal: 'arn:aws:iam::222222222222:role/recovery-steps',
        resource: { accountId: '222222222222', resource },
        contextVariables: {},
      },
    } as never,
    {},
  );
  if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
  return result.overallResult;
}

const db = (name: string) => `arn:aws:rds:ap-northeast-2:222222222222:db:${name}`;

describe('recovery in the stack (example-prod)', () => {
  it('the synthesized definition is valid ASL', () => {
    const result = validateAsl(definitionOf(prodStack));
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('starts on RDS-EVENT-0031 and RDS-EVENT-0003 of the configured instance only', () => {
    prod.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.rds'],
        'detail-type': ['RDS DB Instance Event'],
        detail: { EventID: ['RDS-EVENT-0031', 'RDS-EVENT-0003'], SourceIdentifier: ['ticketing-prod-db'] },
      },
      Targets: [
        Match.objectLike({
          DeadLetterConfig: Match.anyValue(),
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 4 }),
        }),
      ],
    });
  });

  it('adds the database-down alarm as a trigger where the profile alarms on it', () => {
    const recoveryRules = Object.entries(prod.findResources('AWS::Events::Rule')).filter(([id]) =>
      id.startsWith('RecoveryTriggers'),
    );
    expect(recoveryRules.length).toBeGreaterThan(0);
    expect(JSON.stringify(recoveryRules)).not.toContain('CloudWatch Alarm State Change');
    const standard = Template.fromStack(
      synthStacks([configFrom('example-prod', { profile: 'standard' }, 'prod-std')]).stacks[0] as OpsStack,
    );
    standard.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        'detail-type': ['CloudWatch Alarm State Change'],
        detail: { state: { value: ['ALARM'] } },
      }),
    });
  });

  it('is a standard workflow that waits for approval in prod with the configured timeout', () => {
    prod.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineType: 'STANDARD' });
    const definition = definitionOf(prodStack);
    expect(definition.States.RequestApproval).toMatchObject({ TimeoutSeconds: 1800 });
    const dev = definitionOf(synthStacks([configFrom('example-dev')]).stacks[0] as OpsStack);
    expect(dev.States.RequestApproval).toBeUndefined();
    expect(dev.States.AutoApprove).toBeDefined();
  });

  it('captures the source settings daily and at deploy', () => {
    prod.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 day)',
      Target: Match.objectLike({ Input: '{"action":"capture"}' }),
    });
    const onDeploy = JSON.stringify(prod.findResources('Custom::AWS'));
    expect(onDeploy).toContain('\\"InvocationType\\":\\"Event\\"');
    expect(onDeploy).toContain('capture');
  });

  it('grants no rds:Delete* to anything', () => {
    expect(JSON.stringify(prod.toJSON())).not.toMatch(/rds:Delete/);
  });
});

describe('least privilege of the recovery steps (IAM simulation of the synthesized policy)', () => {
  const rdsArn = (kind: string, name: string) => `arn:aws:rds:ap-northeast-2:222222222222:${kind}:${name}`;
  const restore = 'rds:RestoreDBInstanceToPointInTime';
  const allowed: [string, string][] = [
    [restore, db('ticketing-prod-db-r-2026112210')],
    [restore, db('ticketing-prod-db')],
    ['rds:ModifyDBInstance', db('ticketing-prod-db-r-2026112210')],
    [restore, rdsArn('subgrp', 'ticketing-prod-db-subnets')],
    ['rds:RestoreDBInstanceFromDBSnapshot', rdsArn('snapshot', 'rds:ticketing-prod-db-2026-11-22-03-00')],
    ['ssm:PutParameter', 'arn:aws:ssm:ap-northeast-2:222222222222:parameter/ticketing/prod/db/host'],
  ];
  const denied: [string, string][] = [
    [restore, db('billing-db')],
    ['rds:ModifyDBInstance', db('ticketing-prod-db2')],
    ['rds:ModifyDBInstance', db('billing-db')],
    [restore, rdsArn('subgrp', 'other-subnets')],
    ['rds:RestoreDBInstanceFromDBSnapshot', rdsArn('snapshot', 'billing-db-manual')],
    ['rds:DeleteDBInstance', db('ticketing-prod-db')],
    ['rds:DeleteDBInstance', db('ticketing-prod-db-r-2026112210')],
    ['ssm:PutParameter', 'arn:aws:ssm:ap-northeast-2:222222222222:parameter/ticketing/prod/other'],
  ];
  it.each(allowed)('allows %s on %s', async (action, resource) => {
    expect(await decide(action, resource)).toBe('Allowed');
  });
  it.each(denied)('denies %s on %s', async (action, resource) => {
    expect(await decide(action, resource)).toBe('ImplicitlyDenied');
  });
});
