/** The notifier's settings travel as one JSON environment variable, validated at start. */
import type { NotifierSettings } from './notify';

export const SETTINGS_VARIABLE = 'NOTIFIER_SETTINGS';

export function parseSettings(raw: string | undefined): NotifierSettings {
  if (!raw) throw new Error(`environment variable ${SETTINGS_VARIABLE} is required but not set`);
  const value = JSON.parse(raw) as Partial<NotifierSettings>;
  const missing = (['region', 'topicArns', 'targets', 'resources', 'flapping', 'post'] as const).filter(
    (k) => value[k] === undefined,
  );
  if (missing.length > 0) throw new Error(`${SETTINGS_VARIABLE} lacks ${missing.join(', ')}`);
  return value as NotifierSettings;
}
