import { runSimulation } from '@cloud-copilot/iam-simulate';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { normalizedRecordName } from '../../../lib/core/config/rules/names';
import { opsMessageSchema } from '../../../lib/core/contracts/notifier';
import { REPORTED_FAILURES, UNREPORTED_FAILURE, watchPages } from '../../../lib/core/recovery/outcomes';
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

function stepsPolicy(template: Template = prod): { Version: string; Statement: unknown[] } {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: Match.stringLikeRegexp('RecoveryStepsRole') }] },
  });
  const statements = Object.values(policies).flatMap(
    (p) => p.Properties.PolicyDocument.Statement as unknown[],
  );
  return { Version: '2012-10-17', Statement: plain(statements) as unknown[] };
}

async function decide(
  action: string,
  resource: string,
  template: Template = prod,
  contextVariables: Record<string, string | string[]> = {},
): Promise<string> {
  const result = await runSimulation(
    {
      identityPolicies: [{ name: 'steps', policy: stepsPolicy(template) }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action,
        principal: 'arn:aws:iam::222222222222:role/recovery-steps',
        resource: { accountId: '222222222222', resource },
        contextVariables,
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
    ['rds:ModifyDBInstance', db('ticketing-prod-db-failed-2026112210')],
    ['ecs:DescribeServices', 'arn:aws:ecs:ap-northeast-2:222222222222:service/ticketing-prod/ticketing-api'],
    ['ssm:GetParameter', 'arn:aws:ssm:ap-northeast-2:222222222222:parameter/ticketing/prod/db/host'],
    [restore, db('ticketing-prod-db')],
    ['rds:ModifyDBInstance', db('ticketing-prod-db-r-2026112210')],
    [restore, rdsArn('subgrp', 'ticketing-prod-db-subnets')],
    ['rds:RestoreDBInstanceFromDBSnapshot', rdsArn('snapshot', 'rds:ticketing-prod-db-2026-11-22-03-00')],
    ['ssm:PutParameter', 'arn:aws:ssm:ap-northeast-2:222222222222:parameter/ticketing/prod/db/host'],
  ];
  const denied: [string, string][] = [
    [restore, db('billing-db')],
    // `?` is exactly one character: a name of another shape under the same prefix is not a target.
    [restore, db('ticketing-prod-db-r-prod')],
    [restore, db('ticketing-prod-db-r-20261122101')],
    ['rds:ModifyDBInstance', db('ticketing-prod-db-r-x')],
    ['rds:ModifyDBInstance', db('ticketing-prod-db-failed-old')],
    ['rds:RestoreDBInstanceFromDBSnapshot', rdsArn('snapshot', 'rds:ticketing-prod-db-2-2026-11-22-03-00')],
    ['ecs:UpdateService', 'arn:aws:ecs:ap-northeast-2:222222222222:service/ticketing-prod/other-api'],
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

describe('Route 53 changes only for the configured record (example-staging, IAM simulation)', () => {
  const staging = Template.fromStack(synthStacks([configFrom('example-staging')]).stacks[0] as OpsStack);
  const zone = 'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ';
  const change = (names: string[], types: string[], actions: string[]) =>
    decide('route53:ChangeResourceRecordSets', zone, staging, {
      'route53:ChangeResourceRecordSetsNormalizedRecordNames': names,
      'route53:ChangeResourceRecordSetsRecordTypes': types,
      'route53:ChangeResourceRecordSetsActions': actions,
    });
  it('allows the UPSERT of the configured CNAME', async () => {
    expect(await change(['db.staging.internal.example.com'], ['CNAME'], ['UPSERT'])).toBe('Allowed');
  });
  it.each([
    ['another record', ['api.staging.internal.example.com'], ['CNAME'], ['UPSERT']],
    [
      'the record and another in one batch',
      ['db.staging.internal.example.com', 'www.example.com'],
      ['CNAME'],
      ['UPSERT'],
    ],
    ['another type', ['db.staging.internal.example.com'], ['A'], ['UPSERT']],
    ['a delete', ['db.staging.internal.example.com'], ['CNAME'], ['DELETE']],
  ])('denies %s', async (_, names, types, actions) => {
    expect(await change(names, types, actions)).toBe('ImplicitlyDenied');
  });
  it('uses the documented normalisation (lowercase, no trailing dot)', () => {
    expect(normalizedRecordName('DB.Staging.Example.COM.')).toBe('db.staging.example.com');
  });
});

describe('every failure pages (the synthesized definition)', () => {
  const definition = definitionOf(prodStack);
  const tasks = Object.entries(definition.States).filter(([, s]) => s.Type === 'Task');

  it('every task retries transient AWS errors with backoff and full jitter', () => {
    for (const [name, state] of tasks) {
      expect(state.Retry, name).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            ErrorEquals: ['TransientAwsError'],
            BackoffRate: 2,
            MaxAttempts: 6,
            JitterStrategy: 'FULL',
          }),
        ]),
      );
    }
  });

  it('every task catches everything last, into the failure page; the page itself fails to a watched error', () => {
    for (const [name, state] of tasks) {
      const catches = state.Catch as { ErrorEquals: string[]; Next: string }[];
      const last = catches.at(-1);
      expect(last?.ErrorEquals, name).toEqual(['States.ALL']);
      const target = definition.States[last?.Next ?? ''];
      if (name === 'PageFailure') expect(target).toMatchObject({ Type: 'Fail', Error: UNREPORTED_FAILURE });
      else
        expect(target, name).toMatchObject({
          Type: 'Pass',
          Result: name,
          ResultPath: '$.failedState',
          Next: 'PageFailure',
        });
    }
  });

  it('every Fail state the workflow reaches after paging carries a reported error; the watch ignores only those', () => {
    const fails = Object.values(definition.States).filter((s) => s.Type === 'Fail');
    for (const f of fails) {
      if (f.Error === UNREPORTED_FAILURE) expect(watchPages('FAILED', String(f.Error))).toBe(true);
      else expect(Object.values(REPORTED_FAILURES)).toContain(f.Error);
    }
  });
});

describe('the execution watch (EventBridge rule on the execution status, straight to P0)', () => {
  const rules = Object.values(prod.findResources('AWS::Events::Rule')).filter(
    (r) => (r.Properties.EventPattern as { source?: string[] }).source?.[0] === 'aws.states',
  );
  const topicRef = prod.findResources('AWS::SNS::Topic');
  const p0 = Object.keys(topicRef).find((id) => id.includes('P0'));

  it('pages the P0 topic with a dead-letter queue, no function in the path', () => {
    expect(rules).toHaveLength(2);
    for (const rule of rules) {
      const [target] = rule.Properties.Targets as Record<string, unknown>[];
      expect(target).toMatchObject({
        Arn: { Ref: p0 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^PagingDeadLetters/), 'Arn'] } },
      });
      expect(JSON.stringify(target)).not.toContain('lambda');
    }
  });

  // A small evaluator of the EventBridge pattern forms these rules use (exact strings and
  // anything-but prefix), to check the synthesized patterns against the drill's watchPages.
  const matches = (pattern: Record<string, unknown>, event: Record<string, unknown>): boolean =>
    Object.entries(pattern).every(([key, want]) => {
      const have = event[key];
      if (Array.isArray(want)) {
        return want.some((w) =>
          typeof w === 'string'
            ? w === have
            : typeof have === 'string' &&
              !have.startsWith((w as { 'anything-but': { prefix: string } })['anything-but'].prefix),
        );
      }
      return (
        typeof have === 'object' &&
        have !== null &&
        matches(want as Record<string, unknown>, have as Record<string, unknown>)
      );
    });

  it.each(
    ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'].flatMap((status) =>
      ['Reported.NeedsFix', 'Reported.RecoveryFailed', UNREPORTED_FAILURE, 'States.TaskFailed'].map(
        (error) => [status, error],
      ),
    ),
  )('status %s with error %s: the rules page exactly when watchPages says so', (status, error) => {
    const event = {
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
      detail: { stateMachineArn: 'SM', status, error },
    };
    const smRef = (p: Record<string, unknown>) =>
      JSON.parse(JSON.stringify(p).replace(/\{"Ref":"[^"]+"\}/g, '"SM"')) as Record<string, unknown>;
    const paged = rules.some((r) =>
      matches(smRef(r.Properties.EventPattern as Record<string, unknown>), event),
    );
    expect(paged).toBe(watchPages(status, error));
  });

  it("its message is the notifier's ops message, with the execution and the next command", () => {
    const [target] = (rules[0]?.Properties.Targets ?? []) as {
      InputTransformer: { InputTemplate: string; InputPathsMap: Record<string, string> };
    }[];
    const filled = target?.InputTransformer.InputTemplate.replace(/<[A-Za-z-]+>/g, 'x') ?? '';
    const message = opsMessageSchema.parse(JSON.parse(filled));
    expect(message.source).toBe('ops-stack.recovery');
    expect(message.lines.join('\n')).toContain('aws stepfunctions get-execution-history --execution-arn x');
    expect(Object.values(target?.InputTransformer.InputPathsMap ?? {})).toEqual(
      expect.arrayContaining(['$.detail.name', '$.detail.status', '$.detail.executionArn']),
    );
  });
});
