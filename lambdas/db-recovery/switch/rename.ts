/** Rename mode: one step of the resumable sequence decided by `nextRenameStep`. */
import { renamedSourceId } from '../../../lib/core/recovery/incident';
import type { Plan } from '../../../lib/core/recovery/plan';
import { nextRenameStep, renameView } from '../../../lib/core/recovery/rename';
import type { WorkflowState } from '../../../lib/core/recovery/step-contract';
import type { RecoveryDeps } from '../deps';
import { observeInstance, renameInstance } from '../rds';

export class RenameRefusedError extends Error {
  override readonly name = 'RenameRefusedError';
}

export async function renameStep(state: WorkflowState, p: Plan, d: RecoveryDeps) {
  const incidentId = state.incident.id;
  const renamedSource = renamedSourceId(p.source, state.incident.failureTime);
  const observe = (id: string) => observeInstance(d.rds, id, incidentId);
  const [original, renamed, target] = await Promise.all([
    observe(p.source),
    observe(renamedSource),
    observe(p.targetId),
  ]);
  const step = nextRenameStep(renameView(original, renamed, target));
  const rename = (from: string, to: string) => renameInstance(d.rds, from, to);
  const renamedNote = renamed.status !== 'missing' ? { renamedSource } : {};
  switch (step.act) {
    case 'done':
      return {
        done: true,
        phase: `${p.source} is the restored instance`,
        endpoint: step.endpoint,
        instance: p.source,
        ...renamedNote,
      };
    case 'rename-source':
      await rename(p.source, renamedSource);
      return { done: false, phase: `renaming ${p.source} to ${renamedSource}`, renamedSource };
    case 'rename-target':
      await rename(p.targetId, p.source);
      return { done: false, phase: `renaming ${p.targetId} to ${p.source}`, ...renamedNote };
    case 'wait':
      return { done: false, phase: `waiting: ${step.why}`, ...renamedNote };
    case 'refuse':
      throw new RenameRefusedError(`rename of ${p.targetId} to ${p.source} refused: ${step.why}`);
  }
}
