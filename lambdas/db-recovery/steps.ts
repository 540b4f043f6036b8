/** Dispatch of a parsed step to its action. */
import * as a from './actions';
import type { RecoverySettings } from './settings';
import type { StepEvent } from './workflow';

export function runStep(step: StepEvent, s: RecoverySettings, d: a.RecoveryDeps): Promise<unknown> {
  switch (step.action) {
    case 'capture':
      return a.capture(s, d);
    case 'assess':
      return a.assess(step.state, s, d);
    case 'plan':
      return a.plan(step.state, s, d);
    case 'request-approval':
      return a.requestApproval(step, s, d);
    case 'restore':
      return a.restore(step.state, s, d);
    case 'wait-target':
      return a.waitTarget(step.state, s, d);
    case 'modify':
      return a.modify(step.state, s, d);
    case 'switch':
      return a.switchTraffic(step.state, s, d);
    case 'restart':
      return a.restart(step.state, s, d);
    case 'verify':
      return a.verify(step.state, s, d);
    case 'report':
      return a.report(step.state, s, d);
    case 'notify':
      return a.notify(step, s, d);
  }
}
