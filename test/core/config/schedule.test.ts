/**
 * parseSchedule directly: what each EventBridge Scheduler expression form accepts, what it reads
 * each field as, and the exact message for each refusal (user-facing: it is printed at synth).
 * Rules quoted from "Cron expressions reference" and "Rate expressions reference" (EventBridge
 * User Guide) and "Schedule types in EventBridge Scheduler".
 */
import { describe, expect, it } from 'vitest';
import { type CronFields, parseSchedule } from '../../../lib/core/config/rules/schedule';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function fields(expression: string): CronFields {
  const parsed = parseSchedule(expression);
  if (!('kind' in parsed) || parsed.kind !== 'cron')
    throw new Error(`${expression}: ${JSON.stringify(parsed)}`);
  return parsed.fields;
}

function problem(expression: string): string | undefined {
  const parsed = parseSchedule(expression);
  return 'problem' in parsed ? parsed.problem : undefined;
}

describe('cron month and day names', () => {
  // "Month 1-12 or JAN-DEC"
  it.each(MONTHS.map((name, i) => [name, i + 1] as const))('reads month %s as %i', (name, value) => {
    expect(fields(`cron(0 0 1 ${name} ? *)`).months).toEqual([value]);
  });

  // "Day-of-week 1-7 or SUN-SAT"
  it.each(DAYS.map((name, i) => [name, i + 1] as const))('reads day-of-week %s as %i', (name, value) => {
    expect(fields(`cron(0 0 ? * ${name} *)`).daysOfWeek).toEqual([value]);
  });

  it.each([
    ['JAN-MAR', [1, 2, 3]],
    ['JAN,JUL,DEC', [1, 7, 12]],
    ['FEB/3', [2, 5, 8, 11]],
    ['MAR-NOV/4', [3, 7, 11]],
    ['JUN-AUG', [6, 7, 8]],
    ['1,JUL', [1, 7]],
    ['jul', [7]],
  ])('reads the month field %s as %j', (field, expected) => {
    expect(fields(`cron(0 0 1 ${field} ? *)`).months).toEqual(expected);
  });

  it.each([
    ['MON-FRI', [2, 3, 4, 5, 6]],
    ['SUN,WED,SAT', [1, 4, 7]],
    ['WED-FRI', [4, 5, 6]],
    ['mon-wed', [2, 3, 4]],
    ['1,WED', [1, 4]],
  ])('reads the day-of-week field %s as %j', (field, expected) => {
    expect(fields(`cron(0 0 ? * ${field} *)`).daysOfWeek).toEqual(expected);
  });

  it('refuses a name outside its field, naming the field and the values it takes', () => {
    expect(problem('cron(0 0 ? * JAN *)')).toBe(
      'cron(0 0 ? * JAN *): day-of-week "JAN": expected 1-7 or SUN-SAT',
    );
    expect(problem('cron(0 0 1 MON ? *)')).toBe('cron(0 0 1 MON ? *): month "MON": expected 1-12 or JAN-DEC');
    expect(problem('cron(JAN 0 1 * ? *)')).toBe('cron(JAN 0 1 * ? *): minutes "JAN": expected 0-59');
  });
});

describe('cron ? in the day fields', () => {
  // "If you specify a value or a * (asterisk) in one of the fields, you must use a ? (question mark) in the other."
  it('accepts ? in day-of-month with day-of-week given, and ? in day-of-week with day-of-month given', () => {
    expect(fields('cron(0 0 ? * MON *)')).toMatchObject({ daysOfMonth: undefined, daysOfWeek: [2] });
    expect(fields('cron(0 0 * * ? *)')).toMatchObject({ daysOfMonth: range(1, 31), daysOfWeek: undefined });
  });

  it('refuses both day fields given, and both ?, since exactly one of the two must be ?', () => {
    expect(problem('cron(0 0 * * * *)')).toBe(
      'cron(0 0 * * * *): exactly one of day-of-month (*) and day-of-week (*) must be ?, the other says which days',
    );
    expect(problem('cron(0 0 ? * ? *)')).toBe(
      'cron(0 0 ? * ? *): exactly one of day-of-month (?) and day-of-week (?) must be ?, the other says which days',
    );
  });

  it.each([
    ['cron(? 0 1 * ? *)', 'minutes'],
    ['cron(0 ? 1 * ? *)', 'hours'],
    ['cron(0 0 1 ? ? *)', 'month'],
    ['cron(0 0 1 * ? ?)', 'year'],
  ])('refuses ? outside the day fields: %s', (expression, name) => {
    expect(problem(expression)).toBe(
      `${expression}: ? is allowed only in day-of-month and day-of-week, not in ${name}`,
    );
  });
});

describe('cron field ranges', () => {
  // "Minutes 0-59, Hours 0-23, Day-of-month 1-31, Month 1-12, Day-of-week 1-7, Year 1970-2199"
  it('accepts each field at its first and last value', () => {
    expect(fields('cron(0,59 0,23 1,31 1,12 ? 1970,2199)')).toEqual({
      minutes: [0, 59],
      hours: [0, 23],
      daysOfMonth: [1, 31],
      months: [1, 12],
      daysOfWeek: undefined,
      years: [1970, 2199],
    });
    expect(fields('cron(0 0 ? * 1,7 *)').daysOfWeek).toEqual([1, 7]);
  });

  it('expands * to the whole field', () => {
    expect(fields('cron(* * ? * * *)')).toEqual({
      minutes: range(0, 59),
      hours: range(0, 23),
      daysOfMonth: undefined,
      months: range(1, 12),
      daysOfWeek: range(1, 7),
      years: range(1970, 2199),
    });
  });

  it.each([
    ['cron(60 0 1 * ? *)', 'minutes 60 is out of range 0-59'],
    ['cron(0 24 1 * ? *)', 'hours 24 is out of range 0-23'],
    ['cron(0 0 0 * ? *)', 'day-of-month 0 is out of range 1-31'],
    ['cron(0 0 32 * ? *)', 'day-of-month 32 is out of range 1-31'],
    ['cron(0 0 1 0 ? *)', 'month 0 is out of range 1-12 (or JAN-DEC)'],
    ['cron(0 0 1 13 ? *)', 'month 13 is out of range 1-12 (or JAN-DEC)'],
    ['cron(0 0 ? * 0 *)', 'day-of-week 0 is out of range 1-7 (or SUN-SAT)'],
    ['cron(0 0 ? * 8 *)', 'day-of-week 8 is out of range 1-7 (or SUN-SAT)'],
    ['cron(0 0 1 * ? 1969)', 'year 1969 is out of range 1970-2199'],
    ['cron(0 0 1 * ? 2200)', 'year 2200 is out of range 1970-2199'],
    ['cron(0 0 1 * ? 0/-1)', 'year 0 is out of range 1970-2199'],
  ])('refuses a value one past its field: %s', (expression, message) => {
    expect(problem(expression)).toBe(`${expression}: ${message}`);
  });
});

describe('cron lists, ranges and increments', () => {
  it.each([
    ['10-12', [10, 11, 12]],
    ['*/20', [0, 20, 40]],
    // "In the Minutes field, you could enter 1/10 to specify every tenth minute, starting from the first minute"
    ['1/10', [1, 11, 21, 31, 41, 51]],
    ['10-30/10', [10, 20, 30]],
    ['0-2/1', [0, 1, 2]],
    ['45,5,30,15', [5, 15, 30, 45]],
    ['5,5,0-5/5', [0, 5]],
  ])('reads minutes %s as %j, in order and without repeats', (field, expected) => {
    expect(fields(`cron(${field} 0 1 * ? *)`).minutes).toEqual(expected);
  });

  it.each([
    ['1,,2', 'minutes "1,,2": empty list item'],
    ['1,', 'minutes "1,": empty list item'],
    ['1/2/3', 'minutes "1/2/3": one / at most'],
    ['1-2-3', 'minutes "1-2-3": a range is two values, such as 1-5'],
    ['10-5', 'minutes "10-5": the range runs backwards'],
    ['0/0', 'minutes "0/0": the increment after / must be a whole number of at least 1'],
    ['0/x5', 'minutes "0/x5": the increment after / must be a whole number of at least 1'],
    ['0/5x', 'minutes "0/5x": the increment after / must be a whole number of at least 1'],
    ['x5', 'minutes "x5": expected 0-59'],
    ['5x', 'minutes "5x": expected 0-59'],
    // A negative value or half a range is named whole, not as an empty value.
    ['-1', 'minutes "-1": expected 0-59 or a range of two values, such as 1-5'],
    ['5-', 'minutes "5-": expected 0-59 or a range of two values, such as 1-5'],
    ['-5-10', 'minutes "-5-10": expected 0-59 or a range of two values, such as 1-5'],
  ])('refuses minutes %s', (field, message) => {
    const expression = `cron(${field} 0 1 * ? *)`;
    expect(problem(expression)).toBe(`${expression}: ${message}`);
  });
});

describe('cron L, W and #', () => {
  // "The L wildcard in the Day-of-month or Day-of-week fields specifies the last day of the month or week."
  // "In the Day-of-month field, 3W specifies the weekday closest to the third day of the month."
  it.each([
    ['L', 'last'],
    ['1W', 'weekday'],
    ['15W', 'weekday'],
    ['31W', 'weekday'],
  ])('reads day-of-month %s as %s', (field, expected) => {
    expect(fields(`cron(0 0 ${field} * ? *)`).daysOfMonth).toBe(expected);
  });

  it.each([
    ['32W', 'day-of-month 32 is out of range 1-31'],
    ['0W', 'day-of-month 0 is out of range 1-31'],
    ['W', 'day-of-month "W": L stands alone and W follows one day (such as 15W)'],
    ['LW', 'day-of-month "LW": L stands alone and W follows one day (such as 15W)'],
    ['L15W', 'day-of-month "L15W": L stands alone and W follows one day (such as 15W)'],
    ['15W,20', 'day-of-month "15W,20": L stands alone and W follows one day (such as 15W)'],
    ['15L', 'day-of-month "15L": L stands alone and W follows one day (such as 15W)'],
    ['1#2', 'day-of-month "1#2": L stands alone and W follows one day (such as 15W)'],
  ])('refuses day-of-month %s', (field, message) => {
    const expression = `cron(0 0 ${field} * ? *)`;
    expect(problem(expression)).toBe(`${expression}: ${message}`);
  });

  // "The # wildcard in the Day-of-week field specifies a certain instance of the specified day of the week within a month."
  it.each([
    ['L', 'last'],
    ['6L', 'last'],
    ['7L', 'last'],
    ['FRIL', 'last'],
    ['3#1', 'nth'],
    ['3#5', 'nth'],
    ['TUE#2', 'nth'],
  ])('reads day-of-week %s as %s', (field, expected) => {
    expect(fields(`cron(0 0 ? * ${field} *)`).daysOfWeek).toBe(expected);
  });

  it.each([
    ['8L', 'day-of-week 8 is out of range 1-7 (or SUN-SAT)'],
    ['10L', 'day-of-week 10 is out of range 1-7 (or SUN-SAT)'],
    ['1-6L', 'day-of-week "1-6L": L follows one day (such as 6L), W is day-of-month only'],
    ['6L,2', 'day-of-week "6L,2": L follows one day (such as 6L), W is day-of-month only'],
    ['MON,L', 'day-of-week "MON,L": L follows one day (such as 6L), W is day-of-month only'],
    ['1W', 'day-of-week "1W": L follows one day (such as 6L), W is day-of-month only'],
    ['3#0', 'day-of-week "3#0": the week after # must be 1-5'],
    ['3#6', 'day-of-week "3#6": the week after # must be 1-5'],
    ['8#1', 'day-of-week 8 is out of range 1-7 (or SUN-SAT)'],
    [
      '3#10',
      'day-of-week "3#10": # takes one day and its week of the month, such as 3#2 or TUE#2, and no list',
    ],
    // "If you use the '#' character, you can define only one expression in the day-of-week field."
    [
      '3#1,6#3',
      'day-of-week "3#1,6#3": # takes one day and its week of the month, such as 3#2 or TUE#2, and no list',
    ],
    // Day-of-week wildcards are ", - * ? L #": no /.
    ['1/2', 'day-of-week "1/2": / is not allowed in day-of-week'],
    ['FRI-MON', 'day-of-week "FRI-MON": the range runs backwards'],
  ])('refuses day-of-week %s', (field, message) => {
    const expression = `cron(0 0 ? * ${field} *)`;
    expect(problem(expression)).toBe(`${expression}: ${message}`);
  });

  it.each([
    ['cron(L 0 1 * ? *)', 'minutes "L"'],
    ['cron(1L 0 1 * ? *)', 'minutes "1L"'],
    ['cron(0 5W 1 * ? *)', 'hours "5W"'],
    ['cron(0 0 1 JUL,L ? *)', 'month "JUL,L"'],
    ['cron(0 0 1 * ? 1#2)', 'year "1#2"'],
  ])('refuses L, W and # outside the day fields: %s', (expression, where) => {
    expect(problem(expression)).toBe(`${expression}: ${where}: L, W and # are day wildcards`);
  });
});

describe('cron field count and white space', () => {
  // "A cron expression consists of six fields separated by white spaces"
  it('hints at the missing year for a five-field Unix cron', () => {
    expect(problem('cron(0 9 * * 1)')).toBe(
      'cron(0 9 * * 1): expected six fields (minutes hours day-of-month month day-of-week year), got 5; EventBridge adds a year field to Unix cron: append " *"',
    );
  });

  it.each([
    ['cron()', 0],
    ['cron(0 9 * *)', 4],
    ['cron(0 9 1 * ? * *)', 7],
  ])('refuses %s, counting %i fields', (expression, count) => {
    expect(problem(expression)).toBe(
      `${expression}: expected six fields (minutes hours day-of-month month day-of-week year), got ${count}`,
    );
  });

  it('accepts several spaces or tabs between fields and white space around the expression', () => {
    expect(fields('cron(0  9\t? * MON *)')).toMatchObject({ minutes: [0], hours: [9], daysOfWeek: [2] });
    expect(fields('  cron(0 9 ? * MON *)\n')).toMatchObject({ hours: [9] });
    expect(fields('cron( 0 9 ? * MON * )')).toMatchObject({ hours: [9] });
  });

  it('quotes the expression without the white space inside its parentheses', () => {
    expect(problem('cron( 0 25 * * ? * )')).toBe('cron(0 25 * * ? *): hours 25 is out of range 0-23');
  });
});

describe('expression kind', () => {
  it.each(['weekly', 'xcron(0 9 ? * MON *)', 'cron(0 9 ? * MON *) daily', 'CRON(0 9 ? * MON *)'])(
    'refuses %s as none of cron(), rate() and at()',
    (expression) => {
      expect(problem(expression)).toBe(
        'expected cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)',
      );
    },
  );

  it('throws, rather than reports, an error that is not about the expression (a caller passing no string)', () => {
    expect(() => parseSchedule(undefined as unknown as string)).toThrow(TypeError);
  });
});

describe('rate', () => {
  // "If the value is equal to 1, then the unit must be singular. If the value is greater than 1, the unit must be plural."
  it.each([
    ['rate(1 minute)', 1],
    ['rate(1 hour)', 60],
    ['rate(1 day)', 1440],
    ['rate(2 minutes)', 2],
    ['rate(60 minutes)', 60],
    ['rate(3 hours)', 180],
    ['rate(2 days)', 2880],
    ['rate(01 minute)', 1],
    ['rate(5  minutes)', 5],
    ['rate( 5 minutes )', 5],
    [' rate(5 minutes) ', 5],
  ])('reads %s as every %i minutes', (expression, minutes) => {
    expect(parseSchedule(expression)).toEqual({ kind: 'rate', minutes });
  });

  it.each([
    ['rate(1 minutes)', 1, 'minute'],
    ['rate(1 hours)', 1, 'hour'],
    ['rate(1 days)', 1, 'day'],
    ['rate(2 minute)', 2, 'minutes'],
    ['rate(5 hour)', 5, 'hours'],
    ['rate(2 day)', 2, 'days'],
  ])('refuses %s: singular for 1, plural above', (expression, value, unit) => {
    expect(problem(expression)).toBe(
      `${expression}: with value ${value} the unit must be ${unit} (AWS requires singular for 1, plural above)`,
    );
  });

  // "A rate expression consists of a value as a positive integer"
  it.each(['0', '-1', '1.5'])('refuses the value %s as not a positive whole number', (value) => {
    const expression = `rate(${value} minutes)`;
    expect(problem(expression)).toBe(
      `${expression}: the value must be a whole number of at least 1 (got ${value})`,
    );
  });

  // "Valid values: minute | minutes | hour | hours | day | days"
  it.each(['weeks', 'dasy', 'Minutes'])('refuses the unit %s', (unit) => {
    const expression = `rate(2 ${unit})`;
    expect(problem(expression)).toBe(
      `${expression}: the unit must be minute(s), hour(s) or day(s) (got ${unit})`,
    );
  });

  it.each(['rate()', 'rate(5)', 'rate(5 minutes extra)', 'rate(1 5 minutes)'])(
    'refuses %s as not two fields',
    (expression) => {
      expect(problem(expression)).toBe(`${expression}: expected rate(value unit), such as rate(5 minutes)`);
    },
  );
});

describe('at', () => {
  // "at expression - at(yyyy-mm-ddThh:mm:ss)"
  it.each(['2027-01-04T09:00:00', '2026-12-31T23:59:59', '2028-02-29T00:00:00', '2000-02-29T12:30:45'])(
    'accepts at(%s)',
    (time) => {
      expect(parseSchedule(`at(${time})`)).toEqual({ kind: 'at', time });
    },
  );

  it('accepts white space inside the parentheses', () => {
    expect(parseSchedule('at( 2027-01-04T09:00:00 )')).toEqual({ kind: 'at', time: '2027-01-04T09:00:00' });
  });

  it.each([
    '2026-02-30T09:00:00',
    '2027-02-29T00:00:00',
    '2100-02-29T00:00:00',
    '2026-04-31T00:00:00',
    '2026-04-00T00:00:00',
    '2026-13-01T00:00:00',
    '2026-00-10T00:00:00',
    '2026-04-10T24:00:00',
    '2026-04-10T09:60:00',
    '2026-04-10T23:60:00',
    '2026-04-10T09:00:60',
    '0050-01-01T00:00:00',
  ])('refuses at(%s) as not a real date and time', (time) => {
    expect(problem(`at(${time})`)).toBe(`at(${time}): ${time} is not a real date and time`);
  });

  it.each(['2027-01-04 09:00', '2027-1-4T09:00:00', 'x2027-01-04T09:00:00', '2027-01-04T09:00:00Z'])(
    'refuses at(%s) as not in the documented format',
    (time) => {
      expect(problem(`at(${time})`)).toBe(
        `at(${time}): expected at(yyyy-mm-ddThh:mm:ss), such as at(2027-01-04T09:00:00)`,
      );
    },
  );
});
