/**
 * What an alarm chart draws, read back from the SVG: where each element is, how it is styled, and
 * what each label says. backtest-svg.test.ts checks that labels are round and do not collide.
 */
import { describe, expect, it } from 'vitest';
import {
  alarmChart,
  CHART,
  type ChartInput,
  formatValue,
  minuteTicks,
  niceStep,
  PLOT,
  valueTicks,
} from '../../../lib/core/replay/svg';

interface Element {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly text?: string;
}

/** Every element with its attributes, and the text of `<text>` elements. */
function elements(svg: string): Element[] {
  return [...svg.matchAll(/<(\w+)((?:\s+[\w:-]+="[^"]*")*)\s*\/?>(?:([^<]*)<\/text>)?/g)].map((m) => ({
    tag: m[1] as string,
    attrs: Object.fromEntries(
      [...(m[2] as string).matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]),
    ),
    ...(m[1] === 'text' ? { text: m[3] ?? '' } : {}),
  }));
}

const byClass = (els: Element[], cls: string) => els.filter((e) => e.attrs.class === cls);
const lineAt = (els: Element[], attrs: Record<string, string>) =>
  els.filter((e) => e.tag === 'line' && Object.entries(attrs).every(([k, v]) => e.attrs[k] === v));

const WIDTH = PLOT.right - PLOT.left;
const HEIGHT = PLOT.bottom - PLOT.top;

const input: ChartInput = {
  title: 'p95 < 1 s & errors > 5 %',
  unit: '%',
  values: Array.from({ length: 120 }, (_, m) => (m >= 40 && m < 70 ? 11.8 : m === 90 ? undefined : 0.12)),
  states: Array.from({ length: 120 }, (_, m) => (m >= 42 && m < 71 ? 'ALARM' : 'OK')),
  threshold: 5,
  onset: 40,
};
// 120 minutes over the plot width; value ticks 0, 5, 10, 15.
const x = (m: number) => (PLOT.left + (m / 119) * WIDTH).toFixed(1);
const y = (v: number) => (PLOT.bottom - (v / 15) * HEIGHT).toFixed(1);

// Charts are drawn inside each test, not when the file loads, so every test sees the code under test.
const chart = () => elements(alarmChart(input));

describe('chart frame', () => {
  it('a 900 x 300 SVG on white, titled with the title escaped', () => {
    const els = chart();
    expect(els[0]).toEqual({
      tag: 'svg',
      attrs: {
        xmlns: 'http://www.w3.org/2000/svg',
        width: String(CHART.width),
        height: String(CHART.height),
        viewBox: `0 0 ${CHART.width} ${CHART.height}`,
        'font-family': 'sans-serif',
      },
    });
    expect(els[1]).toEqual({ tag: 'rect', attrs: { width: '100%', height: '100%', fill: 'white' } });
    expect(byClass(els, 'title')).toEqual([
      {
        tag: 'text',
        attrs: { class: 'title', x: String(PLOT.left), y: '18', 'font-size': '13' },
        text: 'p95 &lt; 1 s &amp; errors &gt; 5 %',
      },
    ]);
  });

  it('axes along the left and bottom of the plot', () => {
    const els = chart();
    expect(
      lineAt(els, {
        x1: String(PLOT.left),
        x2: String(PLOT.left),
        y1: String(PLOT.top),
        y2: String(PLOT.bottom),
      }),
    ).toEqual([expect.objectContaining({ attrs: expect.objectContaining({ stroke: '#999' }) })]);
    expect(
      lineAt(els, {
        x1: String(PLOT.left),
        x2: String(PLOT.right),
        y1: String(PLOT.bottom),
        y2: String(PLOT.bottom),
      }),
    ).toHaveLength(1);
  });

  it('a grid line and a right-aligned label at each value tick', () => {
    const els = chart();
    for (const v of [0, 5, 10, 15]) {
      const grid = lineAt(els, { x1: String(PLOT.left), x2: String(PLOT.right), y1: y(v), y2: y(v) });
      expect(
        grid.map((g) => g.attrs.stroke),
        String(v),
      ).toContain('#eee');
    }
    expect(byClass(els, 'y-tick')[1]).toEqual({
      tag: 'text',
      attrs: {
        class: 'y-tick',
        'data-value': '5',
        x: String(PLOT.left - 6),
        y: (Number(y(5)) + 3.5).toFixed(1),
        'text-anchor': 'end',
        'font-size': '10',
      },
      text: '5 %',
    });
  });

  it('a tick mark and a centred label under the plot at each time tick, and the axis title', () => {
    const els = chart();
    const ticks = byClass(els, 'x-tick');
    expect(ticks.map((t) => t.attrs['data-minute'])).toEqual([
      '0',
      '10',
      '20',
      '30',
      '40',
      '50',
      '60',
      '70',
      '80',
      '90',
      '100',
      '110',
    ]);
    expect(ticks[3]).toEqual({
      tag: 'text',
      attrs: {
        class: 'x-tick',
        'data-minute': '30',
        x: x(30),
        y: String(PLOT.bottom + 15),
        'text-anchor': 'middle',
        'font-size': '10',
      },
      text: '30 min',
    });
    expect(
      lineAt(els, { x1: x(30), x2: x(30), y1: String(PLOT.bottom), y2: String(PLOT.bottom + 4) }),
    ).toEqual([expect.objectContaining({ attrs: expect.objectContaining({ stroke: '#999' }) })]);
    expect(byClass(els, 'x-axis')).toEqual([
      {
        tag: 'text',
        attrs: {
          class: 'x-axis',
          x: String(PLOT.right),
          y: String(CHART.height - 8),
          'text-anchor': 'end',
          'font-size': '10',
          fill: '#555',
        },
        text: 'minutes since start, ticks every 10 min',
      },
    ]);
  });
});

describe('what the chart shows', () => {
  it('the threshold as a dashed red line at its value, across the plot', () => {
    const els = chart();
    expect(byClass(els, 'threshold')).toEqual([
      {
        tag: 'line',
        attrs: {
          class: 'threshold',
          x1: String(PLOT.left),
          x2: String(PLOT.right),
          y1: y(5),
          y2: y(5),
          stroke: '#d62728',
          'stroke-dasharray': '6 4',
        },
      },
    ]);
  });

  it('the onset as a dotted vertical line at its minute', () => {
    const els = chart();
    expect(byClass(els, 'onset')).toEqual([
      {
        tag: 'line',
        attrs: {
          class: 'onset',
          x1: x(40),
          x2: x(40),
          y1: String(PLOT.top),
          y2: String(PLOT.bottom),
          stroke: '#555',
          'stroke-dasharray': '2 3',
        },
      },
    ]);
  });

  it('each run of ALARM minutes as one shaded band from its first to its last minute', () => {
    const els = chart();
    expect(byClass(els, 'alarm-band')).toEqual([
      {
        tag: 'rect',
        attrs: {
          class: 'alarm-band',
          x: x(42),
          y: String(PLOT.top),
          width: (Number(x(70)) - Number(x(42))).toFixed(1),
          height: String(HEIGHT),
          fill: '#d62728',
          opacity: '0.15',
        },
      },
    ]);
    const states = ['OK', 'ALARM', 'OK', 'OK', 'ALARM', 'ALARM'];
    const bands = byClass(
      elements(alarmChart({ ...input, values: [1, 1, 1, 1, 1, 1], states })),
      'alarm-band',
    );
    // A single minute is at least one unit wide; a run to the last minute ends there.
    const x6 = (m: number) => PLOT.left + (m / 5) * WIDTH;
    expect(bands.map((b) => [b.attrs.x, b.attrs.width])).toEqual([
      [x6(1).toFixed(1), '1.0'],
      [x6(4).toFixed(1), (x6(5) - x6(4)).toFixed(1)],
    ]);
    expect(
      byClass(elements(alarmChart({ ...input, states: input.states.map(() => 'OK') })), 'alarm-band'),
    ).toEqual([]);
  });

  it('the datapoints as a blue line through each minute, broken where one is missing', () => {
    const els = chart();
    const lines = els.filter((e) => e.tag === 'polyline');
    expect(lines.map((l) => [l.attrs.fill, l.attrs.stroke, l.attrs['stroke-width']])).toEqual([
      ['none', '#1f77b4', '1.5'],
      ['none', '#1f77b4', '1.5'],
    ]);
    const first = (lines[0]?.attrs.points ?? '').split(' ');
    const second = (lines[1]?.attrs.points ?? '').split(' ');
    expect(first).toHaveLength(90);
    expect(second).toHaveLength(29);
    expect(first[0]).toBe(`${x(0)},${y(0.12)}`);
    expect(first[40]).toBe(`${x(40)},${y(11.8)}`);
    expect(second[0]).toBe(`${x(91)},${y(0.12)}`);
    expect(second.at(-1)).toBe(`${x(119)},${y(0.12)}`);
  });

  it('no threshold and no onset: neither line, nor their legend entries', () => {
    const { threshold: _t, onset: _o, unit: _u, ...plain } = input;
    const bare = elements(alarmChart(plain));
    expect(byClass(bare, 'threshold')).toEqual([]);
    expect(byClass(bare, 'onset')).toEqual([]);
    expect(byClass(bare, 'legend').map((t) => t.text)).toEqual(['datapoint', 'in ALARM']);
  });
});

describe('legend', () => {
  it('sits in one row above the plot, each entry a swatch in the style of what it names', () => {
    const svg = alarmChart(input);
    expect(svg).toContain('<g class="legend-row">');
    const groups = [...svg.matchAll(/<g transform="translate\(([\d.]+),(\d+)\)">(.*?)<\/g>/g)];
    const labels = ['datapoint (%)', 'threshold 5 %', 'in ALARM', 'onset (minute 40)'];
    let left = PLOT.left;
    expect(groups.map((g) => [Number(g[1]), g[2]])).toEqual(
      labels.map((label) => {
        const at = [left, '40'];
        left += 24 + label.length * 6.5 + 18;
        return at;
      }),
    );
    const swatches = groups.map((g) => elements(g[3] as string)[0]);
    expect(swatches).toEqual([
      {
        tag: 'line',
        attrs: { x1: '0', x2: '18', y1: '-4', y2: '-4', stroke: '#1f77b4', 'stroke-width': '1.5' },
      },
      {
        tag: 'line',
        attrs: { x1: '0', x2: '18', y1: '-4', y2: '-4', stroke: '#d62728', 'stroke-dasharray': '6 4' },
      },
      {
        tag: 'rect',
        attrs: { x: '0', y: '-10', width: '18', height: '10', fill: '#d62728', opacity: '0.15' },
      },
      {
        tag: 'line',
        attrs: { x1: '9', x2: '9', y1: '-11', y2: '1', stroke: '#555', 'stroke-dasharray': '2 3' },
      },
    ]);
    const texts = groups.map((g) => elements(g[3] as string)[1]);
    expect(texts[0]).toEqual({
      tag: 'text',
      attrs: { class: 'legend', x: '24', y: '0', 'font-size': '11' },
      text: labels[0],
    });
  });
});

describe('time axis', () => {
  const week = (start?: Date) =>
    byClass(
      elements(
        alarmChart({
          title: 'w',
          values: Array.from({ length: 10_081 }, () => 1),
          states: Array.from({ length: 10_081 }, () => 'OK'),
          ...(start ? { start } : {}),
        }),
      ),
      'x-tick',
    ).map((t) => t.text);

  it('a week without a start reads in days; with one, in UTC dates', () => {
    expect(week()).toEqual(['0 min', 'day 1', 'day 2', 'day 3', 'day 4', 'day 5', 'day 6', 'day 7']);
    expect(week(new Date('2026-11-23T00:00:00Z'))).toEqual([
      '11-23',
      '11-24',
      '11-25',
      '11-26',
      '11-27',
      '11-28',
      '11-29',
      '11-30',
    ]);
  });

  it('a day from 22:00 UTC names the date at midnight and says the step in hours', () => {
    const els = elements(
      alarmChart({
        title: 'd',
        values: Array.from({ length: 1200 }, () => 1),
        states: Array.from({ length: 1200 }, () => 'OK'),
        start: new Date('2026-11-23T22:00:00Z'),
      }),
    );
    const ticks = byClass(els, 'x-tick').map((t) => t.text);
    expect(ticks.slice(0, 3)).toEqual(['22:00', '11-24 00:00', '02:00']);
    expect(byClass(els, 'x-axis')[0]?.text).toBe('time (UTC), ticks every 2 h');
  });

  it('two weeks tick every 2 days; a day-long step says "1 day"', () => {
    const chart = (length: number) =>
      byClass(
        elements(alarmChart({ title: 't', values: Array.from({ length }, () => 1), states: [] })),
        'x-axis',
      )[0]?.text;
    expect(chart(20_161)).toBe('minutes since start, ticks every 2 days');
    expect(chart(10_081)).toBe('minutes since start, ticks every 1 day');
  });
});

describe('long series', () => {
  it("keeps each pixel column's lowest and highest point, in time order, and breaks at a gap", () => {
    const values: (number | undefined)[] = Array.from({ length: 8020 }, (_, m) => (m % 2 === 0 ? 10 : 20));
    values[1000] = 90; // a spike: the highest point of its column
    values[3001] = 0; // a dip before the column's highs
    for (let m = 5000; m < 5020; m++) values[m] = undefined; // whole columns without data
    const els = elements(alarmChart({ title: 'l', values, states: [] }));
    const lines = els.filter((e) => e.tag === 'polyline');
    expect(lines).toHaveLength(2);
    const points = lines.flatMap((l) =>
      (l.attrs.points ?? '').split(' ').map((p) => p.split(',').map(Number)),
    );
    expect(points.length).toBeLessThanOrEqual(2 * WIDTH);
    const ys = points.map((p) => p[1] as number);
    const yOf = (v: number) => PLOT.bottom - (v / 100) * HEIGHT;
    expect(Math.min(...ys)).toBeCloseTo(yOf(90), 1);
    expect(Math.max(...ys)).toBeCloseTo(yOf(0), 1);
    // Points stay in time order within each line.
    for (const l of lines) {
      const xs = (l.attrs.points ?? '').split(' ').map((p) => Number(p.split(',')[0]));
      expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    }
  });
});

describe('axis arithmetic', () => {
  it('round steps for empty, exact and integer spans', () => {
    expect(niceStep(0, 5)).toBe(1);
    expect(niceStep(9.5, 1)).toBe(10);
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(0.3, 5, true)).toBe(1);
    expect(niceStep(700, 5, true)).toBe(200);
  });

  it('value ticks when everything is negative, and for a 0/1 flag', () => {
    expect(valueTicks(-5, -2)).toEqual([-5, -4, -3, -2]);
    // A top at or under the bottom is lifted one unit above it.
    expect(valueTicks(-2, -5)).toEqual([-2, -1.8, -1.6, -1.4, -1.2, -1]);
    expect(valueTicks(0, 0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(valueTicks(0, 1, true)).toEqual([0, 1]);
  });

  it('time steps up to a week, and a week when even that is too many ticks', () => {
    expect(minuteTicks(12).step).toBe(1);
    expect(minuteTicks(13).step).toBe(2);
    expect(minuteTicks(12 * 10_080 + 1).step).toBe(10_080);
    expect(minuteTicks(30, 27).ticks).toEqual([3, 8, 13, 18, 23, 28]);
    expect(minuteTicks(0).ticks).toEqual([0]);
  });

  it('values: whole numbers and hundreds without decimals, one below 100, three below 1', () => {
    expect(formatValue(123.4)).toBe('123');
    expect(formatValue(12.34)).toBe('12.3');
    expect(formatValue(0.1234)).toBe('0.123');
    expect(formatValue(-0.5, '%')).toBe('-0.5 %');
    expect(formatValue(-150.7, 'ms')).toBe('-151 ms');
    expect(formatValue(2, 'count')).toBe('2');
    expect(formatValue(1.25, 'flag')).toBe('1.3');
  });
});
