import { Arn, ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../core/config/schema';
import { SETTINGS_VARIABLE } from '../../core/recovery/function-settings';
import { restoreTargetPattern } from '../../core/recovery/incident';
import { recoverySettings } from '../../core/recovery/settings';
import type { Action } from '../../core/recovery/step-contract';
import { nagResourceId } from '../common/nag';
import { OpsFunction } from '../common/ops-function';
import { grantPublish } from '../common/publish';

export interface RecoveryWorkflowProps {
  readonly config: EnvironmentConfig & { readonly recovery: NonNullable<EnvironmentConfig['recovery']> };
  readonly pageTopic: sns.ITopic;
  readonly reportTopic: sns.ITopic;
  readonly deadLetterQueue: sqs.IQueue;
}

/** Errors worth retrying inside the workflow: AWS throttling, surfaced by our function. */
const THROTTLING = ['ThrottlingException', 'Throttling', 'RequestLimitExceeded', 'TooManyRequestsException'];
const WAIT_SECONDS = 60;

/** Does this environment wait for a person before restoring? */
export function requiresApproval(config: EnvironmentConfig): boolean {
  const approval = config.recovery?.approval ?? 'by-tier';
  return approval === 'manual' || (approval === 'by-tier' && config.tier === 'prod');
}

/**
 * Seed 002 s4.3 as a Step Functions standard workflow: assess, plan a point-in-time restore,
 * (approve), restore into a new instance, wait, apply the settings a restore drops, switch the
 * endpoint, restart, verify, report RTO and RPO. It never deletes an instance.
 */
export class RecoveryWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly steps: OpsFunction;
  readonly capturedSettings: ssm.StringParameter;

  constructor(scope: Construct, id: string, props: RecoveryWorkflowProps) {
    super(scope, id);
    const { config } = props;
    const r = config.recovery;
    const instance = config.database.instanceIdentifier;
    this.capturedSettings = new ssm.StringParameter(this, 'CapturedSettings', {
      description: `Settings of ${instance}, captured for restores (a restore carries none over)`,
      stringValue: '{}',
    });
    const settings = recoverySettings(config, {
      capturedParameter: this.capturedSettings.parameterName,
      pageTopicArn: props.pageTopic.topicArn,
      reportTopicArn: props.reportTopic.topicArn,
    });
    this.steps = new OpsFunction(this, 'Steps', {
      name: 'db-recovery',
      description: `DB recovery steps for ops-stack ${config.name}`,
      timeout: Duration.seconds(60),
      environment: { [SETTINGS_VARIABLE]: Stack.of(this).toJsonString(settings) },
      onFailure: props.deadLetterQueue,
    });
    this.grant(props);

    const fn = this.steps.lambda;
    const step = (
      stateId: string,
      action: Action,
      resultPath: string | null,
      notice?: Record<string, string>,
    ) =>
      new tasks.LambdaInvoke(this, stateId, {
        lambdaFunction: fn,
        payloadResponseOnly: true,
        payload: sfn.TaskInput.fromObject({ action, 'state.$': '$', ...(notice ? { notice } : {}) }),
        resultPath: resultPath ?? sfn.JsonPath.DISCARD,
      }).addRetry({ errors: THROTTLING, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6 });
    const page = (stateId: string, severity: 'P0' | 'P1', title: string) =>
      step(stateId, 'notify', null, { severity, title });
    const fail = (stateId: string, error: string, cause: string) =>
      new sfn.Fail(this, stateId, { error, cause });

    // Outcomes that stop the workflow.
    const recovered = page('NoticeRecovered', 'P1', `${instance} recovered by itself; no restore`).next(
      new sfn.Succeed(this, 'Recovered'),
    );
    const needsFix = page('PageNeedsFix', 'P0', `${instance} needs a fix, not a restore`).next(
      fail('NeedsFix', 'NeedsFix', 'The instance state needs a fix a restore would not bring'),
    );
    const noBackups = page('PageNoBackups', 'P0', `${instance} cannot be restored: no backup found`).next(
      fail('NoBackups', 'NoBackups', 'No latest restorable time, no retained automated backups, no snapshot'),
    );
    const restoreTimeout = page(
      'PageRestoreTimeout',
      'P0',
      `Restore of ${instance} did not become available in time`,
    ).next(
      fail(
        'RestoreTimedOut',
        'RestoreTimedOut',
        `No available target within ${r.restoreTimeoutMinutes} minutes`,
      ),
    );

    // Restore, wait (Wait, Describe, Choice), apply remaining settings once, then switch.
    const restore = step('Restore', 'restore', '$.restore');
    const waitTarget = new sfn.Wait(this, 'WaitForTarget', {
      time: sfn.WaitTime.duration(Duration.seconds(WAIT_SECONDS)),
    });
    const describeTarget = step('DescribeTarget', 'wait-target', '$.target');
    const modify = step('ApplySettings', 'modify', '$.modified');
    const switchTraffic = step('SwitchEndpoint', 'switch', '$.switched');
    const waitSwitch = new sfn.Wait(this, 'WaitForSwitch', {
      time: sfn.WaitTime.duration(Duration.seconds(30)),
    });
    const finish = step('Restart', 'restart', '$.restart')
      .next(step('Verify', 'verify', '$.verify'))
      .next(step('Report', 'report', '$.report'))
      .next(new sfn.Succeed(this, 'Restored'));
    restore.next(waitTarget);
    waitTarget.next(describeTarget);
    describeTarget.next(
      new sfn.Choice(this, 'TargetReady?')
        .when(sfn.Condition.booleanEquals('$.target.timedOut', true), restoreTimeout)
        // Settings are applied once; the next time the target is ready, switch.
        .when(
          sfn.Condition.and(
            sfn.Condition.booleanEquals('$.target.ready', true),
            sfn.Condition.isPresent('$.modified'),
          ),
          switchTraffic,
        )
        .when(sfn.Condition.booleanEquals('$.target.ready', true), modify)
        .otherwise(waitTarget),
    );
    modify.next(waitTarget);
    switchTraffic.next(
      new sfn.Choice(this, 'Switched?')
        .when(sfn.Condition.booleanEquals('$.switched.done', true), finish)
        .otherwise(waitSwitch),
    );
    waitSwitch.next(switchTraffic);

    // After approval the instance may have come back: assess again before restoring.
    const reassess = step('Reassess', 'assess', '$.assessment');
    reassess.next(
      new sfn.Choice(this, 'StillDown?')
        .when(sfn.Condition.stringEquals('$.assessment.verdict', 'restore'), restore)
        .when(sfn.Condition.stringEquals('$.assessment.verdict', 'healthy'), recovered)
        .otherwise(needsFix),
    );

    let approval: sfn.IChainable;
    if (requiresApproval(config)) {
      const ask = new tasks.LambdaInvoke(this, 'RequestApproval', {
        lambdaFunction: fn,
        integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: sfn.TaskInput.fromObject({
          action: 'request-approval',
          'state.$': '$',
          taskToken: sfn.JsonPath.taskToken,
        }),
        resultPath: '$.approval',
        taskTimeout: sfn.Timeout.duration(Duration.minutes(r.approvalTimeoutMinutes)),
      });
      ask.addCatch(
        page('PageApprovalTimeout', 'P0', `No approval for the restore of ${instance}: aborted`).next(
          fail(
            'ApprovalTimedOut',
            'ApprovalTimedOut',
            `No answer within ${r.approvalTimeoutMinutes} minutes`,
          ),
        ),
        { errors: ['States.Timeout'], resultPath: '$.error' },
      );
      approval = ask.next(
        new sfn.Choice(this, 'Approved?')
          .when(sfn.Condition.booleanEquals('$.approval.approved', true), reassess)
          .otherwise(
            page('NoticeDenied', 'P1', `Restore of ${instance} denied`).next(
              fail('Denied', 'Denied', 'A person denied the restore'),
            ),
          ),
      );
    } else {
      approval = new sfn.Pass(this, 'AutoApprove', {
        parameters: { approved: true, by: `auto (${config.tier})`, 'at.$': '$.assessment.checkedAt' },
        resultPath: '$.approval',
      }).next(reassess);
    }

    const plan = step('Plan', 'plan', '$.plan');
    plan.addCatch(noBackups, { errors: ['NoBackupError'], resultPath: '$.error' });
    plan.next(
      new sfn.Choice(this, 'DryRun?')
        .when(
          sfn.Condition.stringEquals('$.incident.mode', 'plan'),
          page('ReportPlan', 'P1', `Recovery plan for ${instance} (dry run, nothing changed)`).next(
            new sfn.Succeed(this, 'Planned'),
          ),
        )
        .otherwise(approval),
    );

    const assess = step('Assess', 'assess', '$.assessment');
    const waitGrace = new sfn.Wait(this, 'WaitGrace', {
      time: sfn.WaitTime.duration(Duration.seconds(WAIT_SECONDS)),
    });
    waitGrace.next(assess);
    const definition = assess.next(
      new sfn.Choice(this, 'Verdict?')
        .when(sfn.Condition.stringEquals('$.assessment.verdict', 'healthy'), recovered)
        .when(
          sfn.Condition.and(
            sfn.Condition.stringEquals('$.assessment.verdict', 'wait'),
            sfn.Condition.booleanEquals('$.assessment.graceOver', false),
          ),
          waitGrace,
        )
        .when(sfn.Condition.stringEquals('$.assessment.verdict', 'restore'), plan)
        .otherwise(needsFix),
    );

    const logGroup = new logs.LogGroup(this, 'ExecutionLogs', { retention: logs.RetentionDays.ONE_WEEK });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      timeout: Duration.minutes(r.restoreTimeoutMinutes + r.approvalTimeoutMinutes + r.graceMinutes + 30),
      tracingEnabled: false,
      logs: { destination: logGroup, level: sfn.LogLevel.ERROR, includeExecutionData: false },
    });
    const smRole = this.stateMachine.role;
    Validations.of(smRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResourceId(Stack.of(this), fn.functionArn)}:*]`,
      reason:
        'The workflow invokes its step function and its versions; the wildcard is the version qualifier only.',
    });
    Validations.of(smRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'CloudWatch Logs delivery for Step Functions (logs:CreateLogDelivery and friends) has no resource-level permissions.',
    });
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-SF2',
      reason:
        'X-Ray is off: a recovery runs a few times a year and its report and execution history carry the timeline.',
    });
    Validations.of(this.stateMachine).acknowledge({
      id: 'Serverless-StepFunctionStateMachineXray',
      reason:
        'X-Ray is off: a recovery runs a few times a year and its report and execution history carry the timeline.',
    });
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-SF1',
      reason:
        'Only errors are logged (ALL would put every state transition into CloudWatch Logs); the execution history keeps the rest.',
    });
    Validations.of(this.stateMachine).acknowledge({
      id: 'Serverless-StepFunctionStateMachineAllLogging',
      reason:
        'Only errors are logged (ALL would put every state transition into CloudWatch Logs); the execution history keeps the rest.',
    });
  }

  /** Least privilege: restore and modify only the source and its target pattern; no rds:Delete*. */
  private grant(props: RecoveryWorkflowProps): void {
    const { config } = props;
    const r = config.recovery;
    const stack = Stack.of(this);
    const instance = config.database.instanceIdentifier;
    const rds = (resource: string, name: string) =>
      Arn.format(
        { service: 'rds', resource, resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME },
        stack,
      );
    const role = this.steps.role;
    const source = rds('db', instance);
    const targets = rds('db', restoreTargetPattern(instance));
    const groups = [
      ...r.allowedGroups.subnetGroups.map((g) => rds('subgrp', g)),
      ...r.allowedGroups.parameterGroups.map((g) => rds('pg', g)),
      ...r.allowedGroups.optionGroups.map((g) => rds('og', g)),
    ];
    const snapshots = [rds('snapshot', `rds:${instance}-*`), rds('snapshot', `${instance}-*`)];
    const retainedBackups = rds('auto-backup', '*');
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RestoreIntoTargetsOnly',
        actions: [
          'rds:RestoreDBInstanceToPointInTime',
          'rds:RestoreDBInstanceFromDBSnapshot',
          'rds:AddTagsToResource',
        ],
        resources: [source, targets, ...snapshots, retainedBackups, ...groups],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ModifyTargetsAndRenameSource',
        actions: ['rds:ModifyDBInstance', 'rds:RebootDBInstance'],
        resources: [source, targets, rds('db', `${instance}-failed-*`), ...groups],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'DescribeOnly',
        actions: [
          'rds:DescribeDBInstances',
          'rds:DescribeDBSnapshots',
          'rds:DescribeDBInstanceAutomatedBackups',
          'rds:DescribeEvents',
          'rds:DescribePendingMaintenanceActions',
        ],
        resources: ['*'],
      }),
    );
    this.capturedSettings.grantRead(role);
    this.capturedSettings.grantWrite(role);
    grantPublish(role, props.pageTopic, props.reportTopic);
    const sw = r.switch;
    if (sw.strategy === 'parameter') {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['ssm:PutParameter'],
          resources: [
            Arn.format(
              { service: 'ssm', resource: 'parameter', resourceName: sw.parameterName.slice(1) },
              stack,
            ),
          ],
        }),
      );
    } else if (sw.strategy === 'secret') {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
          resources: [
            sw.secretId.startsWith('arn:')
              ? sw.secretId
              : Arn.format(
                  {
                    service: 'secretsmanager',
                    resource: 'secret',
                    resourceName: `${sw.secretId}-??????`,
                    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
                  },
                  stack,
                ),
          ],
        }),
      );
    } else if (sw.strategy === 'cname') {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['route53:ChangeResourceRecordSets'],
          resources: [`arn:${stack.partition}:route53:::hostedzone/${sw.hostedZoneId}`],
        }),
      );
    }
    if (r.restart) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['ecs:UpdateService'],
          resources: [
            Arn.format(
              {
                service: 'ecs',
                resource: 'service',
                resourceName: `${r.restart.cluster}/${r.restart.service}`,
                arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
              },
              stack,
            ),
          ],
        }),
      );
    }
    const reason =
      "Describe calls need to see instances that may no longer exist; restores read any retained automated backup of the account (their ARNs carry a generated id); the target and snapshot patterns are this source's only.";
    Validations.of(role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason });
    for (const resource of [targets, rds('db', `${instance}-failed-*`), ...snapshots, retainedBackups]) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagResourceId(stack, resource)}]`,
        reason,
      });
    }
  }
}
