/** How often a schedule expression fires in an average month (730 hours). */
const MINUTES_PER_MONTH = 730 * 60;
const DAYS_PER_MONTH = 730 / 24;

export function invocationsPerMonth(expression: string): number {
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2] ?? 'minutes';
    const minutes = unit.startsWith('minute') ? n : unit.startsWith('hour') ? n * 60 : n * 1440;
    return Math.round(MINUTES_PER_MONTH / minutes);
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (cron?.[1]) {
    const [minute, hour, dayOfMonth, , dayOfWeek] = cron[1].trim().split(/\s+/);
    const perHour = fieldCount(minute ?? '0', 60);
    const perDay = perHour * fieldCount(hour ?? '0', 24);
    const everyDay = (f: string | undefined) => f === undefined || f === '*' || f === '?';
    let days = DAYS_PER_MONTH;
    if (!everyDay(dayOfWeek)) days = (fieldCount(dayOfWeek ?? '', 7) * 52.14) / 12;
    else if (!everyDay(dayOfMonth)) days = fieldCount(dayOfMonth ?? '', 31);
    return Math.round(perDay * days);
  }
  if (/^at\(/.test(expression.trim())) return 1;
  throw new Error(`cannot read schedule expression "${expression}"`);
}

/** How many values a cron field matches: `*`, `a,b,c`, `a-b`, `*\/n`, `a/n`, or day names. */
function fieldCount(field: string, size: number): number {
  if (field === '*' || field === '?') return size;
  return field.split(',').reduce((sum, part) => {
    const step = /^(\*|\d+)\/(\d+)$/.exec(part);
    if (step) {
      const start = step[1] === '*' ? 0 : Number(step[1]);
      return sum + Math.ceil((size - start) / Number(step[2]));
    }
    const range = /^(\w+)-(\w+)$/.exec(part);
    if (range) {
      const [a, b] = [dayOrNumber(range[1] ?? ''), dayOrNumber(range[2] ?? '')];
      return sum + (b - a + 1);
    }
    return sum + 1;
  }, 0);
}

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
function dayOrNumber(token: string): number {
  const day = DAY_NAMES.indexOf(token.toUpperCase());
  return day >= 0 ? day + 1 : Number(token);
}
