/** The notifier's settings travel as one JSON environment variable, validated at start. */
import { jsonSettings } from '../shared/env';
import type { NotifierSettings } from './notify';

export const SETTINGS_VARIABLE = 'NOTIFIER_SETTINGS';

export function parseSettings(raw: string | undefined): NotifierSettings {
  return jsonSettings<NotifierSettings>(
    SETTINGS_VARIABLE,
    ['region', 'topicArns', 'targets', 'resources', 'flapping', 'post'],
    { [SETTINGS_VARIABLE]: raw },
  );
}
