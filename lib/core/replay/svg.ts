/**
 * One SVG chart per alarm: the datapoints it saw, its threshold, and shaded ALARM periods. Round
 * ticks with units on the value axis, minute (or UTC clock) ticks on the time axis, and a legend
 * above the plot; every label sits outside the plot area, so none can cover the line.
 */

export interface ChartInput {
  readonly title: string;
  /** Display unit of the values (`%`, `ms`, `count`, `flag`, `state`). @default - no unit */
  readonly unit?: string;
  /** Datapoint at each minute; `undefined` where the alarm saw none. */
  readonly values: readonly (number | undefined)[];
  /** Alarm state at each minute. */
  readonly states: readonly string[];
  readonly threshold?: number;
  /** Minute the incident starts. @default - no onset marker */
  readonly onset?: number;
  /** Wall-clock time of minute 0: the time axis then reads UTC. @default - minutes since start */
  readonly start?: Date;
}

export const CHART = { width: 900, height: 300 } as const;
/** The plot area; titles, legend and tick labels are drawn outside it. */
export const PLOT = { left: 78, right: CHART.width - 20, top: 58, bottom: CHART.height - 42 } as const;
const MINUTE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10_080];
const MAX_TIME_TICKS = 12;
const VALUE_TICKS = 5;
const COLORS = { line: '#1f77b4', alarm: '#d62728', onset: '#555', axis: '#999', grid: '#eee' };

/** A step of 1, 2 or 5 times a power of ten, near `span / count`. */
export function niceStep(span: number, count: number, integer = false): number {
  const raw = span > 0 ? span / count : 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  return integer ? Math.max(1, Math.round(step)) : step;
}

/** Round value ticks covering [low, high] (and 0 when the values are not negative). */
export function valueTicks(low: number, high: number, integer = false): number[] {
  const lo = Math.min(0, low);
  const hi = high > lo ? high : lo + 1;
  const step = niceStep(hi - lo, VALUE_TICKS, integer);
  const first = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let v = first; v < hi + step - step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)) + 0);
  if (ticks.length < 2) ticks.push(Number((first + step).toPrecision(12)));
  return ticks;
}

/** Minute ticks at a round step (1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, 1 day, ...). */
export function minuteTicks(minutes: number, offset = 0): { step: number; ticks: number[] } {
  const step = MINUTE_STEPS.find((s) => minutes / s <= MAX_TIME_TICKS) ?? (MINUTE_STEPS.at(-1) as number);
  const ticks: number[] = [];
  // Ticks fall on round clock minutes: `offset` is minute 0's minute of the UTC day.
  for (let m = (step - (offset % step)) % step; m <= minutes; m += step) ticks.push(m);
  return { step, ticks };
}

export function formatValue(value: number, unit?: string): string {
  const digits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : Math.abs(value) >= 1 ? 1 : 3;
  const text = Number(value.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
  if (unit === '%') return `${text} %`;
  if (unit === 'ms') return `${text} ms`;
  return text;
}

function stepLabel(step: number): string {
  if (step >= 1440) return step === 1440 ? '1 day' : `${step / 1440} days`;
  return step >= 60 ? `${step / 60} h` : `${step} min`;
}

function timeLabel(minute: number, step: number, start?: Date): string {
  if (!start) return minute >= 1440 && step % 1440 === 0 ? `day ${minute / 1440}` : `${minute} min`;
  const at = new Date(start.getTime() + minute * 60_000).toISOString();
  const date = at.slice(5, 10);
  const clock = at.slice(11, 16);
  if (step >= 1440) return date;
  return clock === '00:00' ? `${date} 00:00` : clock;
}

/** Points to draw: at most two per pixel column (its lowest and highest), gaps kept. */
function drawnPoints(values: readonly (number | undefined)[]) {
  const columns = PLOT.right - PLOT.left;
  if (values.length <= columns * 2) return values.map((v, m) => ({ m, v }));
  const out: { m: number; v: number | undefined }[] = [];
  const per = values.length / columns;
  for (let c = 0; c < columns; c++) {
    const from = Math.floor(c * per);
    const to = Math.floor((c + 1) * per);
    let lo: { m: number; v: number } | undefined;
    let hi: { m: number; v: number } | undefined;
    let gap = false;
    for (let m = from; m < to; m++) {
      const v = values[m];
      if (v === undefined) gap = true;
      else {
        if (!lo || v < lo.v) lo = { m, v };
        if (!hi || v > hi.v) hi = { m, v };
      }
    }
    if (gap && !lo) out.push({ m: from, v: undefined });
    if (lo && hi) out.push(...(lo.m <= hi.m ? [lo, hi] : [hi, lo]));
  }
  return out;
}

export function alarmChart(input: ChartInput): string {
  const n = Math.max(2, input.values.length);
  const present = input.values.filter((v): v is number => v !== undefined);
  const integer = input.unit === 'flag' || input.unit === 'state';
  const ticks = valueTicks(
    Math.min(...present, input.threshold ?? 0),
    Math.max(...present, input.threshold ?? 0, integer ? 1 : 0),
    integer,
  );
  const low = ticks[0] as number;
  const high = ticks.at(-1) as number;
  const x = (m: number) => PLOT.left + (m / (n - 1)) * (PLOT.right - PLOT.left);
  const y = (v: number) => PLOT.bottom - ((v - low) / (high - low)) * (PLOT.bottom - PLOT.top);
  const f = (v: number) => v.toFixed(1);

  const shades: string[] = [];
  let runStart: number | undefined;
  input.states.forEach((s, m) => {
    if (s === 'ALARM' && runStart === undefined) runStart = m;
    const last = m === input.states.length - 1;
    if ((s !== 'ALARM' || last) && runStart !== undefined) {
      const end = s === 'ALARM' ? m : m - 1;
      shades.push(
        `<rect class="alarm-band" x="${f(x(runStart))}" y="${PLOT.top}" width="${f(Math.max(1, x(end) - x(runStart)))}" height="${PLOT.bottom - PLOT.top}" fill="${COLORS.alarm}" opacity="0.15"/>`,
      );
      runStart = undefined;
    }
  });

  const segments: string[] = [];
  let current: string[] = [];
  for (const { m, v } of drawnPoints(input.values)) {
    if (v === undefined) {
      if (current.length > 0) segments.push(current.join(' '));
      current = [];
    } else current.push(`${f(x(m))},${f(y(v))}`);
  }
  if (current.length > 0) segments.push(current.join(' '));

  const offset = input.start ? (input.start.getUTCHours() * 60 + input.start.getUTCMinutes()) % 1440 : 0;
  const time = minuteTicks(n - 1, input.start ? offset : 0);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART.width}" height="${CHART.height}" viewBox="0 0 ${CHART.width} ${CHART.height}" font-family="sans-serif">`,
    '<rect width="100%" height="100%" fill="white"/>',
    `<text class="title" x="${PLOT.left}" y="18" font-size="13">${escapeXml(input.title)}</text>`,
  ];
  for (const v of ticks) {
    parts.push(
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="${COLORS.grid}"/>`,
      `<text class="y-tick" data-value="${v}" x="${PLOT.left - 6}" y="${f(y(v) + 3.5)}" text-anchor="end" font-size="10">${formatValue(v, input.unit)}</text>`,
    );
  }
  for (const m of time.ticks) {
    parts.push(
      `<line x1="${f(x(m))}" x2="${f(x(m))}" y1="${PLOT.bottom}" y2="${PLOT.bottom + 4}" stroke="${COLORS.axis}"/>`,
      `<text class="x-tick" data-minute="${m}" x="${f(x(m))}" y="${PLOT.bottom + 15}" text-anchor="middle" font-size="10">${timeLabel(m, time.step, input.start)}</text>`,
    );
  }
  parts.push(
    `<text class="x-axis" x="${PLOT.right}" y="${CHART.height - 8}" text-anchor="end" font-size="10" fill="#555">${input.start ? 'time (UTC)' : 'minutes since start'}, ticks every ${stepLabel(time.step)}</text>`,
    ...shades,
    `<line x1="${PLOT.left}" x2="${PLOT.left}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="${COLORS.axis}"/>`,
    `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}" stroke="${COLORS.axis}"/>`,
  );
  if (input.threshold !== undefined) {
    parts.push(
      `<line class="threshold" x1="${PLOT.left}" x2="${PLOT.right}" y1="${f(y(input.threshold))}" y2="${f(y(input.threshold))}" stroke="${COLORS.alarm}" stroke-dasharray="6 4"/>`,
    );
  }
  if (input.onset !== undefined) {
    parts.push(
      `<line class="onset" x1="${f(x(input.onset))}" x2="${f(x(input.onset))}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="${COLORS.onset}" stroke-dasharray="2 3"/>`,
    );
  }
  parts.push(
    ...segments.map(
      (p) => `<polyline points="${p}" fill="none" stroke="${COLORS.line}" stroke-width="1.5"/>`,
    ),
    legend(input),
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}

/** The legend row between the title and the plot: line, threshold, ALARM band, onset. */
function legend(input: ChartInput): string {
  const entries: { swatch: string; label: string }[] = [
    {
      swatch: `<line x1="0" x2="18" y1="-4" y2="-4" stroke="${COLORS.line}" stroke-width="1.5"/>`,
      label: `datapoint${input.unit ? ` (${input.unit})` : ''}`,
    },
  ];
  if (input.threshold !== undefined) {
    entries.push({
      swatch: `<line x1="0" x2="18" y1="-4" y2="-4" stroke="${COLORS.alarm}" stroke-dasharray="6 4"/>`,
      label: `threshold ${formatValue(input.threshold, input.unit)}`,
    });
  }
  entries.push({
    swatch: `<rect x="0" y="-10" width="18" height="10" fill="${COLORS.alarm}" opacity="0.15"/>`,
    label: 'in ALARM',
  });
  if (input.onset !== undefined) {
    entries.push({
      swatch: `<line x1="9" x2="9" y1="-11" y2="1" stroke="${COLORS.onset}" stroke-dasharray="2 3"/>`,
      label: `onset (minute ${input.onset})`,
    });
  }
  let left = PLOT.left;
  const items = entries.map((e) => {
    const item = `<g transform="translate(${left},40)">${e.swatch}<text class="legend" x="24" y="0" font-size="11">${escapeXml(e.label)}</text></g>`;
    left += 24 + e.label.length * 6.5 + 18;
    return item;
  });
  return `<g class="legend-row">${items.join('')}</g>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
