/** The recovery function's settings from an environment's config: one function for the stack and the drill. */

import type { EnvironmentConfig } from '../config/schema';
import type { RecoverySettings } from './function-settings';

export interface RecoveryRefs {
  readonly capturedParameter: string;
  readonly pageTopicArn: string;
  readonly reportTopicArn: string;
}

export function recoverySettings(config: EnvironmentConfig, refs: RecoveryRefs): RecoverySettings {
  const r = config.recovery;
  if (!r) throw new Error(`${config.name} has no recovery configuration`);
  return {
    environment: config.name,
    instance: config.database.instanceIdentifier,
    capturedParameter: refs.capturedParameter,
    topics: { P0: refs.pageTopicArn, P1: refs.reportTopicArn },
    graceMinutes: r.graceMinutes,
    restoreTimeoutMinutes: r.restoreTimeoutMinutes,
    acceptBackingUp: r.acceptBackingUp,
    switch: r.switch,
    ...(r.restart ? { restart: r.restart } : {}),
  };
}
