/** The recovery function's settings from an environment's config: one function for the stack and the drill. */

import type { EnvironmentConfig } from '../config/schema';
import type { RecoverySettings } from './function-settings';

export type RecoveryConfig = NonNullable<EnvironmentConfig['recovery']>;

export interface RecoveryRefs {
  readonly capturedParameter: string;
  readonly pageTopicArn: string;
  readonly reportTopicArn: string;
}

export function recoverySettings(
  environment: string,
  instance: string,
  r: RecoveryConfig,
  refs: RecoveryRefs,
): RecoverySettings {
  return {
    environment,
    instance,
    capturedParameter: refs.capturedParameter,
    topics: { P0: refs.pageTopicArn, P1: refs.reportTopicArn },
    graceMinutes: r.graceMinutes,
    restoreTimeoutMinutes: r.restoreTimeoutMinutes,
    acceptBackingUp: r.acceptBackingUp,
    switch: r.switch,
    ...(r.restart ? { restart: r.restart } : {}),
  };
}

/** Does this environment wait for a person before restoring? */
export function requiresApproval(tier: EnvironmentConfig['tier'], r: RecoveryConfig): boolean {
  return r.approval === 'manual' || (r.approval === 'by-tier' && tier === 'prod');
}
