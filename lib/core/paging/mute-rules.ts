/**
 * CloudWatch alarm mute rules, the pure part: limits, durations, schedule expressions and which
 * alarms a window mutes. Limits from the PutAlarmMuteRule API reference ("Each mute rule can target
 * up to 100 specific alarms by name") and its Schedule type ("a minimum of 1 minute (PT1M) and
 * maximum of 15 days (P15D)"; "cron(Minutes Hours Day-of-month Month Day-of-week)";
 * "at(yyyy-MM-ddThh:mm)").
 */
import { durationProblem, MUTE_RULE_LIMITS } from '../config/sections/maintenance';
import type { Severity } from '../severity/severities';

export { cronProblem, durationProblem, isTimeZone, MUTE_RULE_LIMITS } from '../config/sections/maintenance';

/** ISO 8601 duration of whole minutes: 45 -> PT45M, 90 -> PT1H30M, 1440 -> P1D. */
export function isoDuration(minutes: number): string {
  const problem = durationProblem(minutes);
  if (problem) throw new Error(problem);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const time = `${hours ? `${hours}H` : ''}${mins ? `${mins}M` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** "45m", "2h", "1h30m", "3d" -> minutes; undefined when it is not such a duration. */
export function parseMinutes(text: string): number | undefined {
  const match = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text.trim());
  if (!match || text.trim() === '') return undefined;
  const [, d, h, m] = match;
  return Number(d ?? 0) * 1440 + Number(h ?? 0) * 60 + Number(m ?? 0);
}

/** `at(2026-12-01T21:05)` in UTC at the next whole minute, so the window never starts in the past. */
export function atExpression(start: Date): { expression: string; startsAt: Date } {
  const startsAt = new Date(Math.ceil(start.getTime() / 60_000) * 60_000);
  return { expression: `at(${startsAt.toISOString().slice(0, 16)})`, startsAt };
}

/** Splits alarm names into groups one rule each can target. */
export function chunkAlarms(names: readonly string[], size: number = MUTE_RULE_LIMITS.maxAlarms): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < names.length; i += size) chunks.push(names.slice(i, i + size));
  return chunks;
}

export interface MutableAlarm {
  readonly name: string;
  readonly signalId: string;
  readonly severity: Severity;
}

/** The alarms a window mutes: those of the listed severities or signals (both empty: none). */
export function alarmsMutedBy(
  alarms: readonly MutableAlarm[],
  target: { readonly severities?: readonly Severity[]; readonly signals?: readonly string[] },
): string[] {
  return alarms
    .filter((a) => target.severities?.includes(a.severity) || target.signals?.includes(a.signalId))
    .map((a) => a.name);
}

/** Window signals that are no catalog signal: a typo would mute nothing. */
export function unknownWindowSignals(
  windows: readonly { readonly signals: readonly string[] }[],
  knownSignalIds: readonly string[],
): { path: string; message: string }[] {
  return windows.flatMap((w, i) =>
    w.signals
      .filter((s) => !knownSignalIds.includes(s))
      .map((s) => ({
        path: `paging.maintenance.windows.${i}.signals`,
        message: `unknown signal "${s}"; signal ids are listed in docs/alarms.md`,
      })),
  );
}
