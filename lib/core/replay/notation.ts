/**
 * Compact series notation, as promtool's: `a+bxn` is n+1 values a, a+b, ..., a+nb; `axn` repeats a
 * n+1 times; `a-bxn` ramps down; `_` is one missing minute and `_xn` n missing minutes; terms are
 * separated by spaces. One value per minute.
 */
export type Value = number | undefined;

export function expandSeries(notation: string): Value[] {
  const out: Value[] = [];
  const terms = notation
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  for (const [index, term] of terms.entries()) {
    const gap = /^_(?:x(\d+))?$/.exec(term);
    if (gap) {
      out.push(...Array<Value>(gap[1] ? Number(gap[1]) : 1).fill(undefined));
      continue;
    }
    const m = /^(-?\d+(?:\.\d+)?(?:e-?\d+)?)(?:([+-])(\d+(?:\.\d+)?(?:e-?\d+)?))?(?:x(\d+))?$/i.exec(term);
    if (!m) {
      throw new Error(
        `cannot read series term "${term}" (term ${index + 1} of ${terms.length}; expected a, a+bxn, a-bxn, axn, _ or _xn)`,
      );
    }
    const start = Number(m[1]);
    const step = m[3] ? Number(m[3]) * (m[2] === '-' ? -1 : 1) : 0;
    const repeats = m[4] === undefined ? 0 : Number(m[4]);
    for (let i = 0; i <= repeats; i++) out.push(round(start + step * i));
  }
  return out;
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
