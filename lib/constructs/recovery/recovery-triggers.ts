import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { TRIGGER_SETTINGS_VARIABLE, type TriggerSettings } from '../../core/recovery/function-settings';
import { acknowledgeCdkProvider } from '../common/nag';
import type { OpsFunction } from '../common/ops-function';
import { OpsFunction as Fn } from '../common/ops-function';

export interface RecoveryTriggersProps {
  readonly environment: string;
  readonly instance: string;
  readonly stateMachine: sfn.IStateMachine;
  readonly steps: OpsFunction;
  readonly deadLetterQueue: sqs.IQueue;
  /** The catalog's database-down alarm, when this profile alarms on it. @default - RDS events only */
  readonly databaseDownAlarm?: cloudwatch.IAlarm;
}

/**
 * What starts a recovery: RDS failure (RDS-EVENT-0031) and deletion (RDS-EVENT-0003) events of the
 * instance, the database-down alarm (the probe saw the db component DOWN; an app crash alone does
 * not count), and the CLI. All go through one function that names the execution per incident.
 */
export class RecoveryTriggers extends Construct {
  readonly handler: OpsFunction;

  constructor(scope: Construct, id: string, props: RecoveryTriggersProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const settings: TriggerSettings = {
      account: stack.account,
      region: stack.region,
      instance: props.instance,
      stateMachineArn: props.stateMachine.stateMachineArn,
      ...(props.databaseDownAlarm ? { databaseDownAlarmArn: props.databaseDownAlarm.alarmArn } : {}),
    };
    this.handler = new Fn(this, 'Trigger', {
      name: 'recovery-trigger',
      description: `Starts one DB recovery per incident for ops-stack ${props.environment}`,
      timeout: Duration.seconds(20),
      environment: { [TRIGGER_SETTINGS_VARIABLE]: Stack.of(this).toJsonString(settings) },
      onFailure: props.deadLetterQueue,
    });
    props.stateMachine.grantStartExecution(this.handler.role);
    this.handler.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['states:ListExecutions'],
        resources: [props.stateMachine.stateMachineArn],
      }),
    );
    const target = new eventTargets.LambdaFunction(this.handler.lambda, {
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: 4,
      maxEventAge: Duration.minutes(30),
    });
    new events.Rule(this, 'RdsFailureOrDeletion', {
      description: `RDS-EVENT-0031 (failure) and RDS-EVENT-0003 (deleted) of ${props.instance}`,
      eventPattern: {
        source: ['aws.rds'],
        detailType: ['RDS DB Instance Event'],
        detail: { EventID: ['RDS-EVENT-0031', 'RDS-EVENT-0003'], SourceIdentifier: [props.instance] },
      },
      targets: [target],
    });
    if (props.databaseDownAlarm) {
      new events.Rule(this, 'DatabaseDownAlarm', {
        description: `The database-down alarm of ${props.environment} went to ALARM`,
        eventPattern: {
          source: ['aws.cloudwatch'],
          detailType: ['CloudWatch Alarm State Change'],
          resources: [props.databaseDownAlarm.alarmArn],
          detail: { state: { value: ['ALARM'] } },
        },
        targets: [target],
      });
    }

    // The source's settings: captured daily, and once at deploy (asynchronously, so a deploy before
    // the database exists still succeeds; a failed capture lands in the dead-letter queue).
    new scheduler.Schedule(this, 'DailyCapture', {
      description: `ops-stack ${props.environment}: capture the settings of ${props.instance}`,
      schedule: scheduler.ScheduleExpression.rate(Duration.days(1)),
      target: new schedulerTargets.LambdaInvoke(props.steps.lambda, {
        input: scheduler.ScheduleTargetInput.fromObject({ action: 'capture' }),
        retryAttempts: 2,
      }),
    });
    const invoke = {
      service: 'Lambda',
      action: 'invoke',
      parameters: {
        FunctionName: props.steps.lambda.functionName,
        InvocationType: 'Event',
        Payload: JSON.stringify({ action: 'capture' }),
      },
      physicalResourceId: cr.PhysicalResourceId.of(`capture-${props.instance}`),
    };
    new cr.AwsCustomResource(this, 'CaptureOnDeploy', {
      onCreate: invoke,
      onUpdate: invoke,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [props.steps.lambda.functionArn],
        }),
      ]),
      installLatestAwsSdk: false,
      logGroup: new logs.LogGroup(this, 'CaptureProviderLogs', {
        retention: logs.RetentionDays.ONE_WEEK,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    acknowledgeCdkProvider(
      Stack.of(this),
      'AWS679f53fac002430cb0da5b7982bd2287',
      'CDK custom resource provider that invokes the capture once per deployment; CDK manages its role and runtime, and its only permission is lambda:InvokeFunction on the recovery function.',
    );
  }
}
