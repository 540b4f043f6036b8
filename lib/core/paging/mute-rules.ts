/**
 * CloudWatch alarm mute rules, the pure part: limits, durations, schedule expressions and which
 * alarms a window mutes. Limits from the PutAlarmMuteRule API reference ("Each mute rule can target
 * up to 100 specific alarms by name") and its Schedule type ("a minimum of 1 minute (PT1M) and
 * maximum of 15 days (P15D)"; "cron(Minutes Hours Day-of-month Month Day-of-week)";
 * "at(yyyy-MM-ddThh:mm)").
 */
import type { Severity } from '../severity/severities';

export const MUTE_RULE_LIMITS = {
  maxAlarms: 100,
  minMinutes: 1,
  maxMinutes: 15 * 24 * 60,
} as const;

/** Five cron fields; `*`, `-`, `,` and English month/day names as the Schedule type allows. */
const CRON_FIELD = /^[0-9A-Za-z*,\-/?#LW]+$/;

/** Why a cron expression is not a mute-rule cron, or undefined when it is. */
export function cronProblem(expression: string): string | undefined {
  const match = /^cron\((.+)\)$/.exec(expression);
  const fields = match?.[1]?.trim().split(/\s+/) ?? [];
  if (!match || fields.length !== 5 || !fields.every((f) => CRON_FIELD.test(f))) {
    return `expected cron(Minutes Hours Day-of-month Month Day-of-week), five fields such as cron(0 3 * * SUN), got "${expression}"`;
  }
  return undefined;
}

/** Whether a time zone is a tz database name this runtime knows (UTC included). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export function durationProblem(minutes: number): string | undefined {
  if (
    !Number.isInteger(minutes) ||
    minutes < MUTE_RULE_LIMITS.minMinutes ||
    minutes > MUTE_RULE_LIMITS.maxMinutes
  ) {
    return `a mute lasts 1 minute to 15 days (${MUTE_RULE_LIMITS.maxMinutes} minutes), got ${minutes} minutes`;
  }
  return undefined;
}

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
