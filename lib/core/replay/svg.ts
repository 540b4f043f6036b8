/** One SVG chart per alarm: the datapoints it saw, its threshold, and shaded ALARM periods. */
import type { AlarmTrace } from './scenario';

const WIDTH = 900;
const HEIGHT = 260;
const PAD = { left: 60, right: 20, top: 30, bottom: 30 };

export function alarmChart(trace: AlarmTrace, title: string, onset?: number): string {
  const n = trace.values.length;
  const present = trace.values.filter((v): v is number => v !== undefined);
  const top = Math.max(...present, trace.threshold ?? 0, 1e-9) * 1.15;
  const bottom = Math.min(0, ...present);
  const x = (minute: number) => PAD.left + (minute / Math.max(1, n - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - bottom) / (top - bottom)) * (HEIGHT - PAD.top - PAD.bottom);
  const shades: string[] = [];
  let start: number | undefined;
  trace.states.forEach((s, minute) => {
    if (s === 'ALARM' && start === undefined) start = minute;
    if ((s !== 'ALARM' || minute === n - 1) && start !== undefined) {
      const end = s === 'ALARM' ? minute : minute - 1;
      shades.push(
        `<rect x="${x(start)}" y="${PAD.top}" width="${Math.max(1, x(end) - x(start))}" height="${HEIGHT - PAD.top - PAD.bottom}" fill="#d62728" opacity="0.15"/>`,
      );
      start = undefined;
    }
  });
  const segments: string[] = [];
  let current: string[] = [];
  trace.values.forEach((v, minute) => {
    if (v === undefined) {
      if (current.length > 1) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(minute).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length > 1) segments.push(current.join(' '));
  const threshold =
    trace.threshold === undefined
      ? ''
      : `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(trace.threshold)}" y2="${y(trace.threshold)}" stroke="#d62728" stroke-dasharray="6 4"/><text x="${WIDTH - PAD.right}" y="${y(trace.threshold) - 4}" text-anchor="end" font-size="11" fill="#d62728">threshold ${trace.threshold}</text>`;
  const onsetLine =
    onset === undefined
      ? ''
      : `<line x1="${x(onset)}" x2="${x(onset)}" y1="${PAD.top}" y2="${HEIGHT - PAD.bottom}" stroke="#555" stroke-dasharray="2 3"/><text x="${x(onset) + 3}" y="${PAD.top + 12}" font-size="11" fill="#555">onset</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="${PAD.left}" y="18" font-size="13">${escapeXml(title)}</text>
${shades.join('\n')}
<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${HEIGHT - PAD.bottom}" stroke="#999"/>
<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${HEIGHT - PAD.bottom}" y2="${HEIGHT - PAD.bottom}" stroke="#999"/>
<text x="${PAD.left - 6}" y="${y(top)}" text-anchor="end" font-size="10">${round(top)}</text>
<text x="${PAD.left - 6}" y="${y(bottom)}" text-anchor="end" font-size="10">${round(bottom)}</text>
<text x="${WIDTH - PAD.right}" y="${HEIGHT - 10}" text-anchor="end" font-size="10">minute ${n - 1}</text>
${threshold}
${onsetLine}
${segments.map((p) => `<polyline points="${p}" fill="none" stroke="#1f77b4" stroke-width="1.5"/>`).join('\n')}
</svg>
`;
}

function round(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
