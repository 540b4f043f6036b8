/** Rename mode: one step of the resumable sequence decided by `nextRenameStep`. */
import { ModifyDBInstanceCommand } from '@aws-sdk/client-rds';
import { renamedSourceId } from '../../../lib/core/recovery/incident';
import type { Plan } from '../../../lib/core/recovery/plan';
import { nextRenameStep } from '../../../lib/core/recovery/rename';
import type { WorkflowState } from '../../../lib/core/recovery/step-contract';
import type { RecoveryDeps } from '../deps';
import { describeInstance, isOurs } from '../rds';

export class RenameRefusedError extends Error {
  override readonly name = 'RenameRefusedError';
}

export async function renameStep(state: WorkflowState, p: Plan, d: RecoveryDeps) {
  const incidentId = state.incident.id;
  const renamedSource = renamedSourceId(p.source, state.incident.failureTime);
  const [original, renamed, target] = await Promise.all([
    describeInstance(d.rds, p.source),
    describeInstance(d.rds, renamedSource),
    describeInstance(d.rds, p.targetId),
  ]);
  const step = nextRenameStep({
    ...(original
      ? {
          original: {
            status: original.DBInstanceStatus ?? 'unknown',
            ours: isOurs(original, incidentId),
            ...(original.Endpoint?.Address ? { endpoint: original.Endpoint.Address } : {}),
          },
        }
      : {}),
    ...(renamed ? { renamed: { status: renamed.DBInstanceStatus ?? 'unknown' } } : {}),
    ...(target
      ? { target: { status: target.DBInstanceStatus ?? 'unknown', ours: isOurs(target, incidentId) } }
      : {}),
  });
  const rename = (from: string, to: string) =>
    d.rds.send(
      new ModifyDBInstanceCommand({
        DBInstanceIdentifier: from,
        NewDBInstanceIdentifier: to,
        ApplyImmediately: true,
      }),
    );
  const renamedNote = renamed ? { renamedSource } : {};
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
