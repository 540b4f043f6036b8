/** Which alarm state changes are worth a chat message, and as what. */
import type { AlarmState } from '../shared/messages';

export type PostedTransition = 'alarm' | 'recovered' | 'data-stopped';

/**
 * `undefined` for changes nobody needs at night: INSUFFICIENT_DATA → OK is a new or updated alarm
 * getting its first data (every deploy), OK → INSUFFICIENT_DATA a quiet metric. Only OK after
 * ALARM is a recovery, and ALARM → INSUFFICIENT_DATA is often the outage itself.
 */
export function postedTransition(from: AlarmState, to: AlarmState): PostedTransition | undefined {
  if (to === 'ALARM') return 'alarm';
  if (from !== 'ALARM') return undefined;
  return to === 'OK' ? 'recovered' : 'data-stopped';
}
