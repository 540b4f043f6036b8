/**
 * What a recovery step may act on. The state machine passes the whole state document to each step,
 * and anyone who can invoke the function could pass another: so before any AWS call a step checks
 * that every identifier it would touch is the configured source or this incident's own target, and a
 * dry run (`mode: plan`) never reaches a mutating step. Pure.
 */
import { incidentId, renamedSourceId, restoreTargetId } from './incident';
import { MUTATING_ACTIONS, type StepEvent } from './step-contract';

export class ForeignStepError extends Error {
  override readonly name = 'ForeignStepError';
}

/** Throws ForeignStepError naming the first field that points elsewhere. */
export function guardStep(step: StepEvent, instance: string): void {
  const { incident } = step.state;
  const refuse = (what: string) => {
    throw new ForeignStepError(`${step.action} refused: ${what}; this workflow recovers ${instance} only`);
  };
  if (incident.instance !== instance) refuse(`state.incident.instance is ${incident.instance}`);
  if (incident.id !== incidentId(instance, incident.failureTime)) {
    refuse(`state.incident.id ${incident.id} does not belong to the failure at ${incident.failureTime}`);
  }
  if (incident.mode === 'plan' && MUTATING_ACTIONS.includes(step.action)) {
    refuse('the incident is a dry run (mode: plan), which never changes anything');
  }
  const target = restoreTargetId(instance, incident.failureTime);
  const { plan, restore, switched } = step.state;
  if (plan) {
    if (plan.source !== instance) refuse(`state.plan.source is ${plan.source}`);
    if (plan.targetId !== target) refuse(`state.plan.targetId is ${plan.targetId}, not ${target}`);
    if (plan.incidentId !== incident.id) refuse(`state.plan.incidentId is ${plan.incidentId}`);
    const snap = plan.snapshotId;
    if (snap !== undefined && !snap.startsWith(`rds:${instance}-`) && !snap.startsWith(`${instance}-`)) {
      refuse(`state.plan.snapshotId ${snap} is not a snapshot of ${instance}`);
    }
  }
  if (restore && restore.targetId !== target) refuse(`state.restore.targetId is ${restore.targetId}`);
  if (switched?.instance !== undefined && switched.instance !== instance && switched.instance !== target) {
    refuse(`state.switched.instance is ${switched.instance}`);
  }
  const renamed = renamedSourceId(instance, incident.failureTime);
  if (switched?.renamedSource !== undefined && switched.renamedSource !== renamed) {
    refuse(`state.switched.renamedSource is ${switched.renamedSource}, not ${renamed}`);
  }
}
