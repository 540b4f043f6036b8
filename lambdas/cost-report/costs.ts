/** Month-to-date cost arithmetic over Cost Explorer results. Pure. */
export interface DailyServiceCost {
  /** YYYY-MM-DD */
  readonly date: string;
  readonly service: string;
  readonly usd: number;
}

export interface CostSummary {
  readonly monthToDateGross: number;
  readonly topServices: readonly { readonly service: string; readonly usd: number }[];
  /** Last month from its 1st up to the same day of the month. */
  readonly lastMonthSameDay: number;
  readonly daysElapsed: number;
  readonly daysInMonth: number;
}

/** UTC calendar helpers on YYYY-MM-DD strings. */
export function monthBounds(today: Date) {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return {
    today: iso(today),
    firstOfMonth: iso(new Date(Date.UTC(y, m, 1))),
    firstOfLastMonth: iso(new Date(Date.UTC(y, m - 1, 1))),
    firstOfNextMonth: iso(new Date(Date.UTC(y, m + 1, 1))),
    daysInMonth: new Date(Date.UTC(y, m + 1, 0)).getUTCDate(),
    dayOfMonth: today.getUTCDate(),
  };
}

export function summarizeCosts(daily: readonly DailyServiceCost[], today: Date, top = 5): CostSummary {
  const b = monthBounds(today);
  const thisMonth = daily.filter((d) => d.date >= b.firstOfMonth && d.date < b.today);
  const byService = new Map<string, number>();
  for (const d of thisMonth) byService.set(d.service, (byService.get(d.service) ?? 0) + d.usd);
  // Days of last month before the same day of the month (days 1..dayOfMonth-1, as this month's data).
  const lastMonthCutoff = `${b.firstOfLastMonth.slice(0, 8)}${String(b.dayOfMonth).padStart(2, '0')}`;
  const lastMonthSameDay = daily
    .filter((d) => d.date >= b.firstOfLastMonth && d.date < b.firstOfMonth && d.date < lastMonthCutoff)
    .reduce((s, d) => s + d.usd, 0);
  return {
    monthToDateGross: round(thisMonth.reduce((s, d) => s + d.usd, 0)),
    topServices: [...byService.entries()]
      .map(([service, usd]) => ({ service, usd: round(usd) }))
      .sort((a, c) => c.usd - a.usd)
      .slice(0, top),
    lastMonthSameDay: round(lastMonthSameDay),
    daysElapsed: b.dayOfMonth - 1,
    daysInMonth: b.daysInMonth,
  };
}

/** Month-end estimate when Cost Explorer has no forecast: the month-to-date rate, extended. */
export function straightLineForecast(monthToDate: number, daysElapsed: number, daysInMonth: number): number {
  if (daysElapsed <= 0) return 0;
  return round((monthToDate / daysElapsed) * daysInMonth);
}

export function round(usd: number): number {
  return Math.round(usd * 100) / 100;
}
