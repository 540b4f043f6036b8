/** The switch step: repoint the app at the restored instance, by the configured strategy. */
import type { RecoverySettings } from '../../../lib/core/recovery/function-settings';
import { SWITCH_TIMEOUT_MINUTES } from '../../../lib/core/recovery/rename';
import type { WorkflowState } from '../../../lib/core/recovery/step-contract';
import type { RecoveryDeps } from '../deps';
import { repoint } from './pointer';
import { renameStep } from './rename';

export class SwitchTimedOutError extends Error {
  override readonly name = 'SwitchTimedOutError';
}

export async function switchTraffic(state: WorkflowState, s: RecoverySettings, d: RecoveryDeps) {
  const p = state.plan;
  const endpoint = state.target?.endpoint;
  if (!p || !endpoint) throw new Error('switch needs a plan and an available target');
  const at = d.now().toISOString();
  const since = state.switched?.since ?? at;
  if (Date.parse(at) - Date.parse(since) > SWITCH_TIMEOUT_MINUTES * 60_000) {
    throw new SwitchTimedOutError(
      `the switch did not finish within ${SWITCH_TIMEOUT_MINUTES} minutes (last: ${state.switched?.phase ?? 'none'})`,
    );
  }
  if (s.switch.strategy === 'rename') return { ...(await renameStep(state, p, d)), at, since };
  const phase = await repoint(s.switch, endpoint, state.incident.id, d);
  return { done: true, phase, at, since, endpoint, instance: p.targetId };
}
