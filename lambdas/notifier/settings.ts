/** The notifier's settings travel as one JSON environment variable, validated at start. */

import { type NotifierSettings, SETTINGS_VARIABLE } from '../../lib/core/contracts/notifier';
import { jsonSettings } from '../shared/env';

export function parseSettings(raw: string | undefined): NotifierSettings {
  return jsonSettings<NotifierSettings>(
    SETTINGS_VARIABLE,
    ['region', 'topicArns', 'targets', 'resources', 'flapping', 'post'],
    { [SETTINGS_VARIABLE]: raw },
  );
}
