import { describe, expect, it } from 'vitest';
import {
  alarmChart,
  type ChartInput,
  formatValue,
  minuteTicks,
  niceStep,
  PLOT,
  valueTicks,
} from '../../../lib/core/replay/svg';

interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

function attr(element: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
}

function texts(svg: string) {
  return [
    ...svg.matchAll(/<g transform="translate\(([\d.]+),([\d.]+)\)">[\s\S]*?<\/g>|<text[^>]*>[^<]*<\/text>/g),
  ].flatMap((match) => {
    const dx = Number(match[1] ?? 0);
    const dy = Number(match[2] ?? 0);
    return [...match[0].matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map((t) => ({
      cls: attr(t[1] as string, 'class'),
      x: dx + Number(attr(t[1] as string, 'x')),
      y: dy + Number(attr(t[1] as string, 'y')),
      anchor: attr(t[1] as string, 'text-anchor') ?? 'start',
      size: Number(attr(t[1] as string, 'font-size')),
      text: t[2] as string,
      value: attr(t[1] as string, 'data-value'),
      minute: attr(t[1] as string, 'data-minute'),
    }));
  });
}

/** A label's box, from its anchor, font size and a generous 0.65 em per character. */
function labelBox(t: ReturnType<typeof texts>[number]): Box {
  const width = t.text.length * t.size * 0.65;
  const x0 = t.anchor === 'end' ? t.x - width : t.anchor === 'middle' ? t.x - width / 2 : t.x;
  return { x0, x1: x0 + width, y0: t.y - t.size, y1: t.y + 2 };
}

function polylineBox(svg: string): Box {
  const points = [...svg.matchAll(/<polyline points="([^"]+)"/g)].flatMap((m) =>
    (m[1] as string).split(' ').map((p) => p.split(',').map(Number) as [number, number]),
  );
  return {
    x0: Math.min(...points.map((p) => p[0])),
    x1: Math.max(...points.map((p) => p[0])),
    y0: Math.min(...points.map((p) => p[1])),
    y1: Math.max(...points.map((p) => p[1])),
  };
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

const errorRatio: ChartInput = {
  title: 'example-prod P1 api-error-rate-fast (P1)',
  unit: '%',
  values: Array.from({ length: 120 }, (_, m) => (m >= 40 && m < 70 ? 11.8 : m === 90 ? undefined : 0.12)),
  states: Array.from({ length: 120 }, (_, m) => (m >= 42 && m < 71 ? 'ALARM' : 'OK')),
  threshold: 5,
  onset: 40,
};

describe('round ticks', () => {
  it('steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(11.8, 5)).toBe(5);
    expect(niceStep(1400, 5)).toBe(500);
    expect(niceStep(0.9, 5)).toBe(0.2);
    expect(niceStep(4, 5, true)).toBe(1);
  });

  it('value ticks start at 0 and cover the data and the threshold', () => {
    expect(valueTicks(0.12, 11.8)).toEqual([0, 5, 10, 15]);
    expect(valueTicks(3, 1400)).toEqual([0, 500, 1000, 1500]);
    expect(valueTicks(0, 0, true)).toEqual([0, 1]);
    expect(valueTicks(-3, 8)).toEqual([-5, 0, 5, 10]);
    expect(Object.is(valueTicks(-3, 8)[1], 0)).toBe(true);
  });

  it('minute ticks at round minutes, aligned to the UTC clock when the start is not', () => {
    expect(minuteTicks(119)).toEqual({ step: 10, ticks: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110] });
    expect(minuteTicks(10_079).step).toBe(1440);
    expect(minuteTicks(1439).step).toBe(120);
    // Minute 0 at 00:07 UTC: the first 10-minute tick is minute 3 (00:10).
    expect(minuteTicks(120, 7).ticks.slice(0, 2)).toEqual([3, 13]);
  });

  it('values carry their unit', () => {
    expect(formatValue(5, '%')).toBe('5 %');
    expect(formatValue(1500, 'ms')).toBe('1,500 ms');
    expect(formatValue(0.2, '%')).toBe('0.2 %');
    expect(formatValue(12_000, 'count')).toBe('12,000');
  });
});

describe('alarm chart', () => {
  // Drawn inside each test, not when the file loads, so every test sees the code under test.
  const draw = () => {
    const svg = alarmChart(errorRatio);
    return { svg, labels: texts(svg) };
  };

  it('value ticks are round numbers with units', () => {
    const { labels } = draw();
    const ticks = labels.filter((t) => t.cls === 'y-tick');
    expect(ticks.map((t) => t.text)).toEqual(['0 %', '5 %', '10 %', '15 %']);
    expect(ticks.map((t) => Number(t.value))).toEqual([0, 5, 10, 15]);
  });

  it('minute ticks on the time axis', () => {
    const { labels } = draw();
    const ticks = labels.filter((t) => t.cls === 'x-tick');
    expect(ticks.map((t) => t.text).slice(0, 3)).toEqual(['0 min', '10 min', '20 min']);
    expect(labels.find((t) => t.cls === 'x-axis')?.text).toBe('minutes since start, ticks every 10 min');
  });

  it('a legend names the line, the threshold, the ALARM band and the onset', () => {
    const { svg, labels } = draw();
    expect(labels.filter((t) => t.cls === 'legend').map((t) => t.text)).toEqual([
      'datapoint (%)',
      'threshold 5 %',
      'in ALARM',
      'onset (minute 40)',
    ]);
    expect(svg.match(/class="alarm-band"/g)).toHaveLength(1);
  });

  it('no label overlaps the line or another label', () => {
    const { svg, labels } = draw();
    const line = polylineBox(svg);
    expect(line.x0).toBeGreaterThanOrEqual(PLOT.left);
    expect(line.y0).toBeGreaterThanOrEqual(PLOT.top);
    const boxes = labels.map((t) => ({ t, box: labelBox(t) }));
    for (const { t, box } of boxes) expect(overlaps(box, line), `${t.text} overlaps the line`).toBe(false);
    const legend = boxes.filter((b) => b.t.cls === 'legend');
    for (let i = 1; i < legend.length; i++) {
      expect(overlaps((legend[i - 1] as (typeof legend)[0]).box, (legend[i] as (typeof legend)[0]).box)).toBe(
        false,
      );
    }
  });

  it('a missing datapoint breaks the line', () => {
    const { svg } = draw();
    expect(svg.match(/<polyline/g)).toHaveLength(2);
  });

  it('with a start time the axis reads UTC clock times; a long range is drawn at most two points per pixel', () => {
    const week = alarmChart({
      ...errorRatio,
      values: Array.from({ length: 10_080 }, (_, m) => m % 97),
      states: Array.from({ length: 10_080 }, () => 'OK'),
      start: new Date('2026-11-23T00:00:00Z'),
    });
    const ticks = texts(week).filter((t) => t.cls === 'x-tick');
    expect(ticks.map((t) => t.text)).toEqual(['11-23', '11-24', '11-25', '11-26', '11-27', '11-28', '11-29']);
    const points = (week.match(/<polyline points="([^"]+)"/)?.[1] ?? '').split(' ');
    expect(points.length).toBeLessThanOrEqual(2 * (PLOT.right - PLOT.left));
    const day = alarmChart({ ...errorRatio, start: new Date('2026-11-26T12:00:00Z') });
    expect(
      texts(day)
        .filter((t) => t.cls === 'x-tick')
        .map((t) => t.text)
        .slice(0, 2),
    ).toEqual(['12:00', '12:10']);
  });
});
