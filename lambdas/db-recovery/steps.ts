/**
 * Dispatch of a parsed step to its action. Before any AWS call the step is checked against the
 * configured instance (guardStep); after, a transient AWS error is wrapped as TransientAwsError,
 * the one name the state machine retries. Everything else propagates to the workflow's catch.
 */
import type { RecoverySettings } from '../../lib/core/recovery/function-settings';
import type { Action, CaptureEvent, StepEvent } from '../../lib/core/recovery/step-contract';
import { guardStep } from '../../lib/core/recovery/step-guard';
import { asRetryable } from '../../lib/core/recovery/transient-errors';
import * as a from './actions';

type StepHandler = (step: StepEvent, s: RecoverySettings, d: a.RecoveryDeps) => Promise<unknown>;

const HANDLERS: Record<Exclude<Action, 'capture'>, StepHandler> = {
  assess: (step, s, d) => a.assess(step.state, s, d),
  plan: (step, s, d) => a.plan(step.state, s, d),
  'request-approval': a.requestApproval,
  restore: (step, s, d) => a.restore(step.state, s, d),
  'wait-target': (step, s, d) => a.waitTarget(step.state, s, d),
  modify: (step, s, d) => a.modify(step.state, s, d),
  switch: (step, s, d) => a.switchTraffic(step.state, s, d),
  restart: (step, s, d) => a.restart(step.state, s, d),
  verify: (step, s, d) => a.verify(step.state, s, d),
  report: (step, s, d) => a.report(step.state, s, d),
  notify: a.notify,
  'report-failure': (step, s, d) => a.reportFailure(step.state, s, d),
};

export async function runStep(
  step: StepEvent | CaptureEvent,
  s: RecoverySettings,
  d: a.RecoveryDeps,
): Promise<unknown> {
  if (step.action !== 'capture') guardStep(step, s.instance);
  try {
    return step.action === 'capture' ? await a.capture(s, d) : await HANDLERS[step.action](step, s, d);
  } catch (error) {
    throw asRetryable(error);
  }
}
