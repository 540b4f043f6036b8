import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { SETTINGS_VARIABLE } from '../../core/recovery/function-settings';
import { REPORTED_FAILURES, UNREPORTED_FAILURE } from '../../core/recovery/outcomes';
import { SWITCH_TIMEOUT_MINUTES } from '../../core/recovery/rename';
import { type RecoveryConfig, recoverySettings } from '../../core/recovery/settings';
import type { Action } from '../../core/recovery/step-contract';
import { TRANSIENT_ERROR_NAME } from '../../core/recovery/transient-errors';
import { nagResourceId } from '../common/nag';
import { OpsFunction } from '../common/ops-function';
import { ExecutionWatch } from './execution-watch';
import { grantRecoverySteps } from './recovery-policy';

export interface RecoveryWorkflowProps {
  readonly environment: string;
  /** The source DB instance identifier. */
  readonly instance: string;
  readonly recovery: RecoveryConfig;
  /** Wait for a person's approval before restoring (prod by default). */
  readonly requiresApproval: boolean;
  /** P0: approval requests and every failure. */
  readonly pageTopic: sns.ITopic;
  /** P1: the recovery report and notices. */
  readonly reportTopic: sns.ITopic;
  readonly deadLetterQueue: sqs.IQueue;
}

const WAIT_SECONDS = 60;

/** Backoff with full jitter for transient AWS errors (the step function names them TransientAwsError). */
const TRANSIENT_RETRY: sfn.RetryProps = {
  errors: [TRANSIENT_ERROR_NAME],
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxAttempts: 6,
  maxDelay: Duration.seconds(60),
  jitterStrategy: sfn.JitterType.FULL,
};

type Catch = readonly [errors: string[], handler: sfn.IChainable];

/**
 * Seed 002 s4.3 as a Step Functions standard workflow: assess, plan a point-in-time restore,
 * (approve), restore into a new instance, wait, apply the settings a restore drops, switch the
 * endpoint, restart, verify, report RTO and RPO. It never deletes an instance. Every task catches
 * every error into one P0 failure page; the execution watch pages whatever the workflow could not.
 */
export class RecoveryWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly steps: OpsFunction;
  readonly capturedSettings: ssm.StringParameter;
  readonly watch: ExecutionWatch;

  constructor(scope: Construct, id: string, props: RecoveryWorkflowProps) {
    super(scope, id);
    const r = props.recovery;
    const instance = props.instance;
    this.capturedSettings = new ssm.StringParameter(this, 'CapturedSettings', {
      description: `Settings of ${instance}, captured for restores (a restore carries none over)`,
      stringValue: '{}',
    });
    const settings = recoverySettings(props.environment, instance, r, {
      capturedParameter: this.capturedSettings.parameterName,
      pageTopicArn: props.pageTopic.topicArn,
      reportTopicArn: props.reportTopic.topicArn,
    });
    this.steps = new OpsFunction(this, 'Steps', {
      name: 'db-recovery',
      description: `DB recovery steps for ops-stack ${props.environment}`,
      timeout: Duration.seconds(60),
      environment: { [SETTINGS_VARIABLE]: Stack.of(this).toJsonString(settings) },
      onFailure: props.deadLetterQueue,
    });
    grantRecoverySteps(this.steps.role, {
      instance,
      allowedGroups: r.allowedGroups,
      switch: r.switch,
      ...(r.restart ? { restart: r.restart } : {}),
      capturedSettings: this.capturedSettings,
      pageTopic: props.pageTopic,
      reportTopic: props.reportTopic,
    });

    const fn = this.steps.lambda;
    // Every failure ends here: one P0 page with what was done, the state left and the next step.
    const pageFailure = new tasks.LambdaInvoke(this, 'PageFailure', {
      lambdaFunction: fn,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject({ action: 'report-failure' satisfies Action, 'state.$': '$' }),
      resultPath: sfn.JsonPath.DISCARD,
    }).addRetry(TRANSIENT_RETRY);
    pageFailure.addCatch(
      new sfn.Fail(this, 'PageNotSent', {
        error: UNREPORTED_FAILURE,
        cause: 'The failure page could not be published; the execution watch pages instead',
      }),
      { errors: ['States.ALL'], resultPath: '$.pageError' },
    );
    pageFailure.next(
      new sfn.Fail(this, 'RecoveryFailed', {
        error: REPORTED_FAILURES.failed,
        cause: 'Paged P0 with the state left behind',
      }),
    );
    const failed = (stateId: string) =>
      new sfn.Pass(this, `${stateId}Failed`, {
        result: sfn.Result.fromString(stateId),
        resultPath: '$.failedState',
      }).next(pageFailure);

    const step = (
      stateId: string,
      action: Action,
      resultPath: string | null,
      options: { notice?: Record<string, string>; catches?: readonly Catch[] } = {},
    ) => {
      const task = new tasks.LambdaInvoke(this, stateId, {
        lambdaFunction: fn,
        payloadResponseOnly: true,
        payload: sfn.TaskInput.fromObject({
          action,
          'state.$': '$',
          ...(options.notice ? { notice: options.notice } : {}),
        }),
        resultPath: resultPath ?? sfn.JsonPath.DISCARD,
      }).addRetry(TRANSIENT_RETRY);
      // Specific catches first: States.ALL must be the last catcher.
      for (const [errors, handler] of options.catches ?? [])
        task.addCatch(handler, { errors, resultPath: '$.failure' });
      return task.addCatch(failed(stateId), { errors: ['States.ALL'], resultPath: '$.failure' });
    };
    const page = (stateId: string, severity: 'P0' | 'P1', title: string) =>
      step(stateId, 'notify', null, { notice: { severity, title } });
    const fail = (stateId: string, error: string, cause: string) =>
      new sfn.Fail(this, stateId, { error, cause });

    // Outcomes that stop the workflow, each told to people before it ends.
    const recovered = page('NoticeRecovered', 'P1', `${instance} recovered by itself; no restore`).next(
      new sfn.Succeed(this, 'Recovered'),
    );
    const needsFix = page('PageNeedsFix', 'P0', `${instance} needs a fix, not a restore`).next(
      fail(
        'NeedsFix',
        REPORTED_FAILURES.needsFix,
        'The instance state needs a fix a restore would not bring',
      ),
    );
    const noBackups = page('PageNoBackups', 'P0', `${instance} cannot be restored: no backup found`).next(
      fail(
        'NoBackups',
        REPORTED_FAILURES.noBackups,
        'No latest restorable time, no retained automated backups, no snapshot',
      ),
    );
    const restoreTimeout = page(
      'PageRestoreTimeout',
      'P0',
      `Restore of ${instance} did not become available in time`,
    ).next(
      fail(
        'RestoreTimedOut',
        REPORTED_FAILURES.restoreTimedOut,
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
    if (props.requiresApproval) {
      const ask = new tasks.LambdaInvoke(this, 'RequestApproval', {
        lambdaFunction: fn,
        integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: sfn.TaskInput.fromObject({
          action: 'request-approval' satisfies Action,
          'state.$': '$',
          taskToken: sfn.JsonPath.taskToken,
        }),
        resultPath: '$.approval',
        taskTimeout: sfn.Timeout.duration(Duration.minutes(r.approvalTimeoutMinutes)),
      }).addRetry(TRANSIENT_RETRY);
      ask.addCatch(
        page('PageApprovalTimeout', 'P0', `No approval for the restore of ${instance}: aborted`).next(
          fail(
            'ApprovalTimedOut',
            REPORTED_FAILURES.approvalTimedOut,
            `No answer within ${r.approvalTimeoutMinutes} minutes`,
          ),
        ),
        { errors: ['States.Timeout'], resultPath: '$.failure' },
      );
      ask.addCatch(failed('RequestApproval'), { errors: ['States.ALL'], resultPath: '$.failure' });
      approval = ask.next(
        new sfn.Choice(this, 'Approved?')
          .when(sfn.Condition.booleanEquals('$.approval.approved', true), reassess)
          .otherwise(
            page('NoticeDenied', 'P1', `Restore of ${instance} denied`).next(
              fail('Denied', REPORTED_FAILURES.denied, 'A person denied the restore'),
            ),
          ),
      );
    } else {
      approval = new sfn.Pass(this, 'AutoApprove', {
        parameters: { approved: true, by: 'auto (no approval configured)', 'at.$': '$.assessment.checkedAt' },
        resultPath: '$.approval',
      }).next(reassess);
    }

    const plan = step('Plan', 'plan', '$.plan', { catches: [[['NoBackupError'], noBackups]] });
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
      timeout: Duration.minutes(
        r.restoreTimeoutMinutes + r.approvalTimeoutMinutes + r.graceMinutes + SWITCH_TIMEOUT_MINUTES + 30,
      ),
      tracingEnabled: false,
      logs: { destination: logGroup, level: sfn.LogLevel.ERROR, includeExecutionData: false },
    });
    this.watch = new ExecutionWatch(this, 'ExecutionWatch', {
      environment: props.environment,
      stateMachine: this.stateMachine,
      pageTopic: props.pageTopic,
      deadLetterQueue: props.deadLetterQueue,
    });
    this.acknowledge();
  }

  private acknowledge(): void {
    const smRole = this.stateMachine.role;
    Validations.of(smRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResourceId(Stack.of(this), this.steps.lambda.functionArn)}:*]`,
      reason:
        'The workflow invokes its step function and its versions; the wildcard is the version qualifier only.',
    });
    Validations.of(smRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'CloudWatch Logs delivery for Step Functions (logs:CreateLogDelivery and friends) has no resource-level permissions.',
    });
    const noXray =
      'X-Ray is off: a recovery runs a few times a year and its report and execution history carry the timeline.';
    Validations.of(this.stateMachine).acknowledge({ id: 'AwsSolutions-SF2', reason: noXray });
    Validations.of(this.stateMachine).acknowledge({
      id: 'Serverless-StepFunctionStateMachineXray',
      reason: noXray,
    });
    const errorsOnly =
      'Only errors are logged (ALL would put every state transition into CloudWatch Logs); the execution history keeps the rest.';
    Validations.of(this.stateMachine).acknowledge({ id: 'AwsSolutions-SF1', reason: errorsOnly });
    Validations.of(this.stateMachine).acknowledge({
      id: 'Serverless-StepFunctionStateMachineAllLogging',
      reason: errorsOnly,
    });
  }
}
