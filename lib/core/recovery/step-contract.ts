/** The document the state machine carries from step to step, and the events its steps receive. */
import type { Assessment } from './assess';
import type { Incident } from './incident';
import type { Plan } from './plan';

export interface WorkflowState {
  readonly incident: Incident;
  readonly assessment?: Assessment & {
    readonly checkedAt: string;
    readonly firstTransientAt?: string;
    readonly graceOver?: boolean;
    readonly recentEvents?: readonly string[];
    readonly pendingMaintenance?: readonly string[];
  };
  readonly plan?: Plan;
  readonly approval?: { readonly approved: boolean; readonly by?: string; readonly at: string };
  readonly restore?: { readonly targetId: string; readonly startedAt: string; readonly existing: boolean };
  readonly target?: {
    readonly status: string;
    readonly endpoint?: string;
    readonly ready: boolean;
    readonly timedOut: boolean;
    readonly pendingReboot: boolean;
    readonly availableAt?: string;
  };
  readonly modified?: { readonly at: string; readonly modified: boolean; readonly rebooted: boolean };
  readonly switched?: {
    readonly done: boolean;
    readonly phase: string;
    readonly at: string;
    readonly endpoint?: string;
    readonly instance?: string;
    readonly renamedSource?: string;
  };
  readonly restart?: { readonly note: string; readonly at: string };
  readonly verify?: {
    readonly verified: boolean;
    readonly endpoint: string;
    readonly address: string;
    readonly at: string;
  };
}

export const ACTIONS = [
  'capture',
  'assess',
  'plan',
  'request-approval',
  'restore',
  'wait-target',
  'modify',
  'switch',
  'restart',
  'verify',
  'report',
  'notify',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface StepEvent {
  readonly action: Action;
  readonly state: WorkflowState;
  readonly taskToken?: string;
  /** For `notify`: why the workflow pages. */
  readonly notice?: { readonly severity: 'P0' | 'P1'; readonly title: string; readonly cause?: string };
}

export class MalformedStepError extends Error {
  override readonly name = 'MalformedStepError';
}

export function parseStepEvent(event: unknown): StepEvent {
  if (typeof event !== 'object' || event === null)
    throw new MalformedStepError('expected an object with "action"');
  const e = event as Record<string, unknown>;
  if (!ACTIONS.includes(e.action as Action)) {
    throw new MalformedStepError(
      `action: expected one of ${ACTIONS.join(', ')}, got ${JSON.stringify(e.action)}`,
    );
  }
  if (e.action === 'capture') return { action: 'capture', state: {} as WorkflowState };
  const state = e.state as Record<string, unknown> | undefined;
  const incident = state?.incident as Record<string, unknown> | undefined;
  for (const key of ['id', 'instance', 'failureTime', 'signal', 'signalTime', 'mode']) {
    if (typeof incident?.[key] !== 'string') {
      throw new MalformedStepError(`state.incident.${key}: expected a string`);
    }
  }
  return e as unknown as StepEvent;
}
