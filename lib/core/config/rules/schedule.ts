/**
 * EventBridge Scheduler schedule expressions, checked by the grammar AWS documents, so a schedule
 * AWS would reject (or one that never runs) fails synth with the field and the reason.
 *
 * "Schedule types in EventBridge Scheduler" (EventBridge Scheduler User Guide): "at expression -
 * at(yyyy-mm-ddThh:mm:ss)", "rate expression - rate(value unit)", "A cron expression consists of
 * six fields separated by white spaces: (minutes hours day_of_month month day_of_week year)."
 * Field values and wildcards, from "Cron expressions reference" (EventBridge User Guide):
 * Minutes 0-59 `, - * /`; Hours 0-23 `, - * /`; Day-of-month 1-31 `, - * ? / L W`;
 * Month 1-12 or JAN-DEC `, - * /`; Day-of-week 1-7 or SUN-SAT `, - * ? L #`; Year 1970-2199 `, - * /`.
 * "You can't specify the Day-of-month and Day-of-week fields in the same cron expression. If you
 * specify a value or a * (asterisk) in one of the fields, you must use a ? (question mark) in the
 * other." "If you use the '#' character, you can define only one expression in the day-of-week
 * field. For example, "3#1,6#3" is not valid because it is interpreted as two expressions."
 * Rate, from "Rate expressions reference": "If the value is equal to 1, then the unit must be
 * singular. If the value is greater than 1, the unit must be plural."
 */

export type Schedule =
  | { readonly kind: 'rate'; readonly minutes: number }
  | { readonly kind: 'cron'; readonly fields: CronFields }
  | { readonly kind: 'at'; readonly time: string };

/** Each field as the values it matches; `undefined` for `?`; specials kept as written. */
export interface CronFields {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[] | 'last' | 'weekday' | undefined;
  readonly months: readonly number[];
  readonly daysOfWeek: readonly number[] | 'last' | 'nth' | undefined;
  readonly years: readonly number[];
}

interface FieldRule {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MINUTES: FieldRule = { name: 'minutes', min: 0, max: 59 };
const HOURS: FieldRule = { name: 'hours', min: 0, max: 23 };
const DAY_OF_MONTH: FieldRule = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldRule = { name: 'month', min: 1, max: 12, names: MONTHS };
const DAY_OF_WEEK: FieldRule = { name: 'day-of-week', min: 1, max: 7, names: DAYS };
const YEAR: FieldRule = { name: 'year', min: 1970, max: 2199 };

class ScheduleError extends Error {}

/** Parses a schedule expression, or returns what is wrong with it. */
export function parseSchedule(expression: string): Schedule | { readonly problem: string } {
  try {
    return parse(expression.trim());
  } catch (error) {
    if (error instanceof ScheduleError) return { problem: error.message };
    throw error;
  }
}

function parse(expression: string): Schedule {
  // Every group of these patterns takes part in each match, so the groups are all strings.
  const call = /^(cron|rate|at)\((.*)\)$/.exec(expression)?.slice(1) as [string, string] | undefined;
  if (!call)
    fail(
      'expected cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)',
    );
  const [kind, body] = call;
  if (kind === 'rate') return parseRate(body.trim());
  if (kind === 'at') return parseAt(body.trim());
  return { kind: 'cron', fields: parseCron(body.trim()) };
}

const RATE_UNITS: Record<string, number> = { minute: 1, hour: 60, day: 1440 };

function parseRate(body: string): Schedule {
  const m = /^(\S+)\s+(\S+)$/.exec(body)?.slice(1) as [string, string] | undefined;
  if (!m) fail(`rate(${body}): expected rate(value unit), such as rate(5 minutes)`);
  const [valueText, unit] = m;
  if (!/^\d+$/.test(valueText) || Number(valueText) < 1) {
    fail(`rate(${body}): the value must be a whole number of at least 1 (got ${valueText})`);
  }
  const value = Number(valueText);
  const singular = unit.replace(/s$/, '');
  const perUnit = RATE_UNITS[singular];
  if (perUnit === undefined)
    fail(`rate(${body}): the unit must be minute(s), hour(s) or day(s) (got ${unit})`);
  const expected = value === 1 ? singular : `${singular}s`;
  if (unit !== expected) {
    fail(
      `rate(${body}): with value ${value} the unit must be ${expected} (AWS requires singular for 1, plural above)`,
    );
  }
  return { kind: 'rate', minutes: value * perUnit };
}

function parseAt(body: string): Schedule {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!m) fail(`at(${body}): expected at(yyyy-mm-ddThh:mm:ss), such as at(2027-01-04T09:00:00)`);
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Date.UTC rolls an impossible part over (Feb 30 to Mar 2, 24:00 to the next day, years 0-99 to
  // 1900-1999), so the time is real only if it reads back as written.
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (date.toISOString().slice(0, 19) !== body) fail(`at(${body}): ${body} is not a real date and time`);
  return { kind: 'at', time: body };
}

function parseCron(body: string): CronFields {
  const parts: string[] = body.match(/\S+/g) ?? [];
  if (parts.length !== 6) {
    fail(
      `cron(${body}): expected six fields (minutes hours day-of-month month day-of-week year), got ${parts.length}${parts.length === 5 ? '; EventBridge adds a year field to Unix cron: append " *"' : ''}`,
    );
  }
  const [minute, hour, dom, month, dow, year] = parts as [string, string, string, string, string, string];
  const where = `cron(${body})`;
  if ((dom === '?') === (dow === '?')) {
    fail(
      `${where}: exactly one of day-of-month (${dom}) and day-of-week (${dow}) must be ?, the other says which days`,
    );
  }
  return {
    minutes: values(minute, MINUTES, where),
    hours: values(hour, HOURS, where),
    daysOfMonth: dayOfMonth(dom, where),
    months: values(month, MONTH, where),
    daysOfWeek: dayOfWeek(dow, where),
    years: values(year, YEAR, where),
  };
}

/** Whether the field, less its day and month names (JUL, WED), holds one of the special characters. */
function hasSpecial(field: string, specials: RegExp): boolean {
  return field.split(/[A-Z]{3}/i).some((rest) => specials.test(rest));
}

function dayOfMonth(field: string, where: string): CronFields['daysOfMonth'] {
  if (field === '?') return undefined;
  if (field === 'L') return 'last';
  const weekday = /^(\d+)W$/.exec(field)?.[1];
  if (weekday !== undefined) {
    number(weekday, DAY_OF_MONTH, where);
    return 'weekday';
  }
  if (/[LW#]/.test(field))
    fail(`${where}: day-of-month "${field}": L stands alone and W follows one day (such as 15W)`);
  return values(field, DAY_OF_MONTH, where);
}

function dayOfWeek(field: string, where: string): CronFields['daysOfWeek'] {
  if (field === '?') return undefined;
  const r = DAY_OF_WEEK;
  if (field.includes('#')) {
    const nth = /^(\w+)#(\d)$/.exec(field)?.slice(1) as [string, string] | undefined;
    if (!nth)
      fail(
        `${where}: day-of-week "${field}": # takes one day and its week of the month, such as 3#2 or TUE#2, and no list`,
      );
    number(nth[0], r, where);
    const week = Number(nth[1]);
    if (week < 1 || week > 5) fail(`${where}: day-of-week "${field}": the week after # must be 1-5`);
    return 'nth';
  }
  if (field === 'L') return 'last';
  const last = /^(\w+)L$/.exec(field)?.[1];
  if (last !== undefined) {
    number(last, r, where);
    return 'last';
  }
  if (field.includes('/')) fail(`${where}: day-of-week "${field}": / is not allowed in day-of-week`);
  if (hasSpecial(field, /[LW]/))
    fail(`${where}: day-of-week "${field}": L follows one day (such as 6L), W is day-of-month only`);
  return values(field, r, where);
}

/** `*`, lists, ranges `a-b` and increments `a/n`, `*\/n`, `a-b/n`, expanded to the values matched. */
function values(field: string, r: FieldRule, where: string): number[] {
  if (field === '?') fail(`${where}: ? is allowed only in day-of-month and day-of-week, not in ${r.name}`);
  if (hasSpecial(field, /[LW#]/)) fail(`${where}: ${r.name} "${field}": L, W and # are day wildcards`);
  const matched = new Set<number>();
  for (const part of field.split(',')) {
    if (part === '') fail(`${where}: ${r.name} "${field}": empty list item`);
    // split always gives a first piece.
    const [rangeText, stepText, extraStep] = part.split('/') as [string, string?, string?];
    if (extraStep !== undefined) fail(`${where}: ${r.name} "${part}": one / at most`);
    let [from, to] = [r.min, r.max];
    if (rangeText !== '*') {
      // A leading or trailing hyphen is a negative value or half a range, not a value.
      if (rangeText.startsWith('-') || rangeText.endsWith('-')) {
        fail(
          `${where}: ${r.name} "${part}": expected ${r.min}-${r.max} or a range of two values, such as 1-5`,
        );
      }
      const [low, high, extraBound] = rangeText.split('-') as [string, string?, string?];
      if (extraBound !== undefined) fail(`${where}: ${r.name} "${part}": a range is two values, such as 1-5`);
      from = number(low, r, where);
      to = high !== undefined ? number(high, r, where) : stepText === undefined ? from : r.max;
      if (to < from) fail(`${where}: ${r.name} "${part}": the range runs backwards`);
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (stepText !== undefined && (!/^\d+$/.test(stepText) || step < 1)) {
      fail(`${where}: ${r.name} "${part}": the increment after / must be a whole number of at least 1`);
    }
    for (let v = from; v <= to; v += step) matched.add(v);
  }
  return [...matched].sort((a, b) => a - b);
}

function number(token: string, r: FieldRule, where: string): number {
  const named = r.names?.indexOf(token.toUpperCase()) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(token)) {
    fail(
      `${where}: ${r.name} "${token}": expected ${r.min}-${r.max}${r.names ? ` or ${r.names[0]}-${r.names.at(-1)}` : ''}`,
    );
  }
  const value = Number(token);
  if (value < r.min || value > r.max) {
    fail(
      `${where}: ${r.name} ${value} is out of range ${r.min}-${r.max}${r.names ? ` (or ${r.names[0]}-${r.names.at(-1)})` : ''}`,
    );
  }
  return value;
}

function fail(message: string): never {
  throw new ScheduleError(message);
}
