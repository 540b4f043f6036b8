/** A scenario's expectations, checked against a replay run. */
import { atOrAbove } from '../../severity/severities';
import type { AlarmTrace, Page } from '../run';
import type { Expectation } from './format';
import type { RecoveryReplay } from './recovery';

export interface ExpectationResult {
  readonly text: string;
  readonly passed: boolean;
  readonly detail: string;
}

/** "3 min after onset", or "before onset" for an alarm that fired before the incident began. */
export function latencyText(minute: number, onset: number): string {
  return minute < onset ? 'before onset' : `${minute - onset} min after onset`;
}

const inWindow = (pages: readonly Page[], from = 0, to = Number.POSITIVE_INFINITY) =>
  pages.filter((p) => p.minute >= from && p.minute <= to);

const windowText = (from?: number, to?: number) =>
  from === undefined && to === undefined ? '' : ` between minutes ${from ?? 0} and ${to ?? 'the end'}`;

const listed = (pages: readonly Page[]) =>
  pages.length === 0 ? 'none' : pages.map((p) => `${p.alarm} [${p.severity}] at ${p.minute}`).join(', ');

export function checkExpectation(
  e: Expectation,
  alarms: readonly AlarmTrace[],
  pages: readonly Page[],
  recovery: RecoveryReplay = { deployed: false, decisions: [] },
): ExpectationResult {
  if ('alarm' in e) {
    const alarm = alarms.find((a) => a.id === e.alarm);
    const fired =
      alarm?.firstAlarmMinute === undefined ? 'never fired' : `fired at minute ${alarm.firstAlarmMinute}`;
    if ('neverInAlarm' in e) {
      return {
        text: `${e.alarm} never in ALARM`,
        passed: alarm !== undefined && alarm.firstAlarmMinute === undefined,
        detail: alarm ? fired : `${e.alarm} is not an alarm in this environment`,
      };
    }
    if (!alarm) {
      return {
        text: `alarm ${e.alarm}`,
        passed: false,
        detail: `${e.alarm} is not an alarm in this environment`,
      };
    }
    if ('clearsBy' in e) {
      const after = alarm.states.slice(e.clearsBy);
      const lastAlarm = alarm.states.lastIndexOf('ALARM');
      return {
        text: `${e.alarm} out of ALARM from minute ${e.clearsBy}`,
        passed: after.length > 0 && !after.includes('ALARM'),
        detail: lastAlarm < 0 ? 'never in ALARM' : `last in ALARM at minute ${lastAlarm}`,
      };
    }
    const at = alarm.states.findIndex((s, minute) => minute <= e.inAlarmBy && s === 'ALARM');
    return { text: `${e.alarm} in ALARM by minute ${e.inAlarmBy}`, passed: at >= 0, detail: fired };
  }
  if ('pagedBy' in e) {
    const page = pages.find((p) => p.severity === e.severity);
    return {
      text: `${e.severity} paged by minute ${e.pagedBy}`,
      passed: page !== undefined && page.minute <= e.pagedBy,
      detail: page
        ? `first ${e.severity} page at minute ${page.minute} (${page.alarm})`
        : `no ${e.severity} page`,
    };
  }
  if ('noPages' in e) {
    const found = inWindow(pages, e.noPages.from, e.noPages.to);
    return {
      text: `no page between minutes ${e.noPages.from} and ${e.noPages.to}`,
      passed: found.length === 0,
      detail: listed(found),
    };
  }
  if ('maxPages' in e) {
    const found = inWindow(pages, e.from, e.to);
    return {
      text: `at most ${e.maxPages} page${e.maxPages === 1 ? '' : 's'}${windowText(e.from, e.to)}`,
      passed: found.length <= e.maxPages,
      detail: `${found.length}: ${listed(found)}`,
    };
  }
  if ('recoveryStarts' in e || 'noRecovery' in e) return checkRecovery(e, recovery);
  const severe = atOrAbove(e.noPagesAtOrAbove);
  const found = inWindow(pages, e.from, e.to).filter((p) => severe.includes(p.severity));
  return {
    text: `no page at ${e.noPagesAtOrAbove} or above${windowText(e.from, e.to)}`,
    passed: found.length === 0,
    detail: listed(found),
  };
}

function checkRecovery(
  e: Extract<Expectation, { recoveryStarts: unknown } | { noRecovery: true }>,
  recovery: RecoveryReplay,
): ExpectationResult {
  const refused = recovery.decisions.filter((d) => !d.start);
  const detail = !recovery.deployed
    ? 'this environment deploys no recovery workflow'
    : recovery.startMinute !== undefined
      ? `started at minute ${recovery.startMinute} by ${recovery.decisions.find((d) => d.start)?.event}`
      : refused.length === 0
        ? 'no RDS event or database-down change reached the trigger'
        : `refused: ${refused.map((d) => `${d.event} at ${d.minute} (${d.reason})`).join('; ')}`;
  if ('noRecovery' in e) {
    return { text: 'no DB recovery starts', passed: recovery.startMinute === undefined, detail };
  }
  return {
    text: `a DB recovery starts by minute ${e.recoveryStarts.by}`,
    passed: recovery.startMinute !== undefined && recovery.startMinute <= e.recoveryStarts.by,
    detail,
  };
}
