/** The recovery function's settings: one JSON environment variable, validated at start. */
import { type RecoverySettings, SETTINGS_VARIABLE } from '../../lib/core/recovery/function-settings';
import { jsonSettings } from '../shared/env';

export function parseRecoverySettings(raw: string | undefined): RecoverySettings {
  return jsonSettings<RecoverySettings>(
    SETTINGS_VARIABLE,
    ['environment', 'instance', 'capturedParameter', 'topics', 'switch'],
    { [SETTINGS_VARIABLE]: raw },
  );
}
