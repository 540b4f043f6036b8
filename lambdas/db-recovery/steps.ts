/** Dispatch of a parsed step to its action. */

import type { RecoverySettings } from '../../lib/core/recovery/function-settings';
import type { Action, StepEvent } from '../../lib/core/recovery/step-contract';
import * as a from './actions';

type StepHandler = (step: StepEvent, s: RecoverySettings, d: a.RecoveryDeps) => Promise<unknown>;

const HANDLERS: Record<Action, StepHandler> = {
  capture: (_step, s, d) => a.capture(s, d),
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
};

export function runStep(step: StepEvent, s: RecoverySettings, d: a.RecoveryDeps): Promise<unknown> {
  return HANDLERS[step.action](step, s, d);
}
