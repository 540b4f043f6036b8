import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { type OpsMessage, RECOVERY_MESSAGE_SOURCE } from '../../core/contracts/notifier';
import { REPORTED_FAILURE_PREFIX } from '../../core/recovery/outcomes';

export interface ExecutionWatchProps {
  readonly environment: string;
  readonly stateMachine: sfn.IStateMachine;
  /** The P0 topic. */
  readonly pageTopic: sns.ITopic;
  /** Where an event the rule could not deliver goes. */
  readonly deadLetterQueue: sqs.IQueue;
}

/**
 * Pages P0 when a recovery execution fails in a way its own states did not page: FAILED with an
 * error that is not one of the workflow's reported outcomes, TIMED_OUT, or ABORTED. An EventBridge
 * rule straight to the topic: no function in the path, and rules on AWS service events are free.
 * "In each case, the detail section in the event data provides the same information as the
 * DescribeExecution API" (Step Functions developer guide, EventBridge events), so `detail.error`
 * holds the Fail state's error.
 */
export class ExecutionWatch extends Construct {
  readonly rules: readonly events.Rule[];

  constructor(scope: Construct, id: string, props: ExecutionWatchProps) {
    super(scope, id);
    const base = {
      source: ['aws.states'],
      detailType: ['Step Functions Execution Status Change'],
    };
    const arn = props.stateMachine.stateMachineArn;
    const target = new eventTargets.SnsTopic(props.pageTopic, {
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: 8,
      message: events.RuleTargetInput.fromObject(pageOf(props.environment)),
    });
    this.rules = [
      new events.Rule(this, 'UnreportedFailure', {
        description: `P0: a recovery execution of ${props.environment} failed without paging`,
        eventPattern: {
          ...base,
          detail: {
            stateMachineArn: [arn],
            status: ['FAILED'],
            error: events.Match.anythingButPrefix(REPORTED_FAILURE_PREFIX),
          },
        },
        targets: [target],
      }),
      new events.Rule(this, 'TimedOutOrAborted', {
        description: `P0: a recovery execution of ${props.environment} timed out or was aborted`,
        eventPattern: { ...base, detail: { stateMachineArn: [arn], status: ['TIMED_OUT', 'ABORTED'] } },
        targets: [target],
      }),
    ];
  }
}

/** The page, in the shape the notifier parses (opsMessageSchema), filled in by EventBridge. */
function pageOf(environment: string): OpsMessage {
  const field = (path: string) => events.EventField.fromPath(path);
  return {
    source: RECOVERY_MESSAGE_SOURCE,
    title: `DB recovery ${field('$.detail.name')} of ${environment} ended ${field('$.detail.status')} without its own page: act now`,
    lines: [
      `Execution ${field('$.detail.executionArn')} stopped at ${field('$.time')}.`,
      'The workflow did not report this outcome: a restore or a switch may be half-done.',
      `Next 1: see where it stopped: aws stepfunctions get-execution-history --execution-arn ${field('$.detail.executionArn')} --reverse-order --max-results 20`,
      `Next 2: check the instances and the app endpoint: npm run ops -- recovery status --env ${environment}`,
      'Nothing was deleted.',
    ],
  };
}
