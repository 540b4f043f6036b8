import './polyfill';
/**
 * Runs the synthesized recovery state machine locally (aws-local-stepfunctions) with the real step
 * handler code over in-memory AWS fakes and a simulated clock: each Wait moves the clock by its
 * duration instead of sleeping.
 */
import { Stack } from 'aws-cdk-lib';
import { StateMachine } from 'aws-local-stepfunctions';
import type { RecoveryDeps } from '../../lambdas/db-recovery/actions';
import { runStep } from '../../lambdas/db-recovery/steps';
import type { RecoverySettings } from '../../lib/core/recovery/function-settings';
import { parseStepEvent } from '../../lib/core/recovery/step-contract';
import type { OpsStack } from '../../lib/stacks/ops-stack';
import type { FakeRds, Recorder, SimClock } from './fakes';

type Definition = { StartAt: string; States: Record<string, Record<string, unknown>> };

/** Pseudo parameters keep their meaning; other tokens (function ARNs) become a local placeholder. */
function placeholder(token: unknown): string {
  const ref = (token as { Ref?: string }).Ref;
  if (ref === 'AWS::Partition') return 'aws';
  if (ref === 'AWS::Region') return 'local';
  if (ref === 'AWS::AccountId') return '000000000000';
  return 'arn:aws:lambda:local:000000000000:function:step';
}

/** The state machine definition of a synthesized stack, with its tokens replaced by placeholders. */
export function definitionOf(stack: OpsStack): Definition {
  const sm = stack.recovery?.stateMachine;
  if (!sm) throw new Error(`${stack.stackName} has no recovery workflow`);
  const cfn = sm.node.defaultChild as { definitionString?: unknown };
  const resolved = Stack.of(sm).resolve(cfn.definitionString) as unknown;
  const text =
    typeof resolved === 'string'
      ? resolved
      : ((resolved as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1] ?? [])
          .map((p) => (typeof p === 'string' ? p : placeholder(p)))
          .join('');
  return JSON.parse(text) as Definition;
}

export interface LocalRunOptions {
  readonly definition: Definition;
  readonly settings: RecoverySettings;
  readonly clock: SimClock;
  readonly rds: FakeRds;
  readonly aws: Recorder;
  /** What the approver answers, and after how many minutes. @default - approves at once */
  readonly approval?: {
    readonly approved: boolean;
    readonly afterMinutes: number;
    readonly timeout?: boolean;
  };
  /** Simulated duration of one Lambda step. @default - 2 s */
  readonly stepSeconds?: number;
  /** Wraps each service's `send`, to inject faults. @default - the fakes as they are */
  readonly wrapSend?: (service: AwsService, send: Send) => Send;
  /** Told the name of each task state before its step runs. @default - nothing */
  readonly onState?: (state: string) => void;
}

export type AwsService = 'rds' | 'ssm' | 'sns' | 'secrets' | 'route53' | 'ecs';
export type Send = (command: {
  constructor: { name: string };
  input: Record<string, unknown>;
}) => Promise<unknown>;

export interface LocalRunResult {
  readonly status: 'succeeded' | 'failed';
  readonly output?: Record<string, unknown>;
  readonly error?: string;
  /** The Fail state's error (or the runtime's), as Step Functions would report it. */
  readonly errorName?: string;
  readonly steps: readonly { readonly at: string; readonly state: string; readonly action: string }[];
  readonly transitions: number;
}

export async function runWorkflowLocally(input: unknown, o: LocalRunOptions): Promise<LocalRunResult> {
  const client = (service: AwsService, send: Send) => ({
    send: o.wrapSend ? o.wrapSend(service, send) : send,
  });
  const deps: RecoveryDeps = {
    rds: client('rds', o.rds.send) as never,
    ssm: client('ssm', o.aws.send) as never,
    sns: client('sns', o.aws.send) as never,
    secrets: client('secrets', o.aws.send) as never,
    route53: client('route53', o.aws.send) as never,
    ecs: client('ecs', o.aws.send) as never,
    resolve: async () => '10.0.12.34',
    now: o.clock.now,
  };
  const definition = withLocalTaskTokens(o.definition);
  const states = definition.States;
  // Which tasks a Wait leads to, and whether a task is only ever entered from that Wait.
  const waitBefore = new Map<string, number>();
  for (const s of Object.values(states)) {
    if (s.Type === 'Wait' && typeof s.Next === 'string') waitBefore.set(s.Next, Number(s.Seconds ?? 0));
  }
  const steps: { at: string; state: string; action: string }[] = [];
  const handlers: Record<string, (event: unknown) => Promise<unknown>> = {};
  const waitOverrides: Record<string, number> = {};
  for (const [name, s] of Object.entries(states)) {
    if (s.Type === 'Wait') waitOverrides[name] = 0;
    if (s.Type !== 'Task') continue;
    handlers[name] = async (raw: unknown) => {
      // lambda:invoke integrations (the approval) wrap the payload; direct invocations do not.
      const event = (raw as { Payload?: unknown }).Payload ?? raw;
      const e = event as { action?: string; state?: Record<string, unknown> };
      const resultKey = String(s.ResultPath ?? '').replace(/^\$\./, '');
      // Entered from its Wait: the task's own result is already in the state, or it has no other way in.
      const viaWait =
        waitBefore.has(name) &&
        ((resultKey !== '' && e.state?.[resultKey] !== undefined) || name === 'DescribeTarget');
      if (viaWait) o.clock.advance((waitBefore.get(name) ?? 0) * 1000);
      o.onState?.(name);
      steps.push({ at: o.clock.now().toISOString(), state: name, action: String(e.action) });
      if (e.action === 'request-approval') {
        await runStep(parseStepEvent({ ...e, taskToken: 'local-task-token' }), o.settings, deps);
        const a = o.approval ?? { approved: true, afterMinutes: 0 };
        o.clock.advance(a.afterMinutes * 60_000);
        if (a.timeout) throw Object.assign(new Error('approval timed out'), { name: 'States.Timeout' });
        return { approved: a.approved, by: 'drill approver', at: o.clock.now().toISOString() };
      }
      const result = await runStep(parseStepEvent(event), o.settings, deps);
      o.clock.advance((o.stepSeconds ?? 2) * 1000);
      return result;
    };
  }
  const machine = new StateMachine(
    definition as never,
    { validationOptions: { checkPaths: false, checkArn: false } } as never,
  );
  const execution = machine.run(
    input as never,
    {
      overrides: {
        taskResourceLocalHandlers: handlers,
        waitTimeOverrides: waitOverrides,
        retryIntervalOverrides: retryOverrides(states),
      },
    } as never,
  );
  let transitions = 0;
  const counting = (async () => {
    for await (const event of execution.eventLogs as AsyncIterable<{ type: string }>)
      if (event.type === 'StateEntered') transitions++;
  })();
  try {
    const output = (await execution.result) as Record<string, unknown>;
    await counting;
    return { status: 'succeeded', output, steps, transitions };
  } catch (error) {
    await counting.catch(() => undefined);
    // The runner wraps the failing state's error; its name is the Fail state's Error.
    const e = error as { message?: string; cause?: { name?: string; message?: string } };
    return {
      status: 'failed',
      error: `${e.cause?.name ?? 'Error'}: ${e.cause?.message ?? e.message ?? ''}`,
      errorName: e.cause?.name ?? 'Error',
      steps,
      transitions,
    };
  }
}

/** Retries wait 0 ms locally; the SDK-level backoff is not what this run measures. */
function retryOverrides(states: Record<string, Record<string, unknown>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(states)
      .filter(([, s]) => Array.isArray(s.Retry))
      .map(([n]) => [n, 0]),
  );
}

/** The local runner has no task tokens: `$$.Task.Token` becomes a fixed token for the run. */
function withLocalTaskTokens(definition: Definition): Definition {
  const text = JSON.stringify(definition).replaceAll(
    '"taskToken.$":"$$.Task.Token"',
    '"taskToken":"local-task-token"',
  );
  return JSON.parse(text) as Definition;
}
