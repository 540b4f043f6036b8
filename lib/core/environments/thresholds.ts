/**
 * Threshold ranges by unit: an alarm whose threshold every possible value satisfies is always in
 * ALARM, one no value can reach never fires. The range of values follows the signal's display
 * unit in the catalog (percent 0-100, milliseconds and counts from 0, a flag 0 or 1, the probe's
 * health states), and the comparison says which end matters.
 */

import { PROBE_HEALTH } from '../catalog/app-metrics';
import { BURN_RATE_WINDOWS } from '../catalog/burn-rate';
import { resolveCatalog, signalIds, signalSummary } from '../catalog/resolve';
import type { Comparison, DisplayUnit, MetricAlarmSpec } from '../catalog/types';
import { closest } from '../config/rules/suggest';
import type { EnvironmentConfig } from '../config/schema';

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

const healthStates = Object.values(PROBE_HEALTH);
/** Values a metric of this display unit can take. */
export const UNIT_RANGES: Record<
  DisplayUnit,
  { readonly low: number; readonly high: number; readonly what: string }
> = {
  '%': { low: 0, high: 100, what: 'a percentage (0-100)' },
  ms: { low: 0, high: Number.POSITIVE_INFINITY, what: 'milliseconds (0 or more)' },
  count: { low: 0, high: Number.POSITIVE_INFINITY, what: 'a count (0 or more)' },
  flag: { low: 0, high: 1, what: 'a flag (0 or 1)' },
  state: {
    low: Math.min(...healthStates),
    high: Math.max(...healthStates),
    what: `a health state (${Math.min(...healthStates)}-${Math.max(...healthStates)})`,
  },
};

/** Why `threshold` makes an alarm that cannot both fire and clear, or undefined. */
export function thresholdRangeProblem(
  threshold: number,
  unit: DisplayUnit,
  comparison: Comparison,
): string | undefined {
  const { low, high, what } = UNIT_RANGES[unit];
  if (!Number.isFinite(threshold)) return `expected a finite number (the metric is ${what})`;
  const [fires, clears] = reachable(threshold, comparison, low, high);
  if (!fires)
    return `${describe(comparison, threshold)} can never be true for ${what}: the alarm would never fire`;
  if (!clears)
    return `${describe(comparison, threshold)} is always true for ${what}: the alarm would always be in ALARM`;
  return undefined;
}

function reachable(t: number, c: Comparison, low: number, high: number): [boolean, boolean] {
  switch (c) {
    case 'GreaterThanOrEqualToThreshold':
      return [t <= high, t > low];
    case 'GreaterThanThreshold':
      return [t < high, t >= low];
    case 'LessThanThreshold':
      return [t > low, t <= high];
    case 'LessThanOrEqualToThreshold':
      return [t >= low, t < high];
  }
}

const SYMBOL: Record<Comparison, string> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};
const describe = (c: Comparison, t: number) => `value ${SYMBOL[c]} ${t}`;

/** Every threshold (overridden or default) of every signal this config can alarm on. */
export function checkThresholds(config: EnvironmentConfig): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const ids = signalIds();
  for (const id of Object.keys(config.thresholds)) {
    if (!ids.includes(id)) {
      const suggestion = closest(id, ids);
      problems.push({
        path: `thresholds.${id}`,
        message: `unknown signal id${suggestion ? `; did you mean ${suggestion}?` : ''} (ids are listed in docs/alarms.md)`,
      });
    }
  }
  // Resolve as if every signal were alarmed, so dashboard-only thresholds are checked too.
  const all = resolveCatalog({ ...config, profile: 'standard', slo: { ...config.slo, precise: true } });
  const specs = [...all.alarms, ...all.dashboardOnly.map((d) => d.spec)].filter(
    (s): s is MetricAlarmSpec => s.kind === 'metric-alarm',
  );
  const checked = new Set<string>();
  for (const spec of specs) {
    checked.add(spec.id);
    const problem = thresholdRangeProblem(spec.threshold, spec.unit, spec.comparison);
    if (!problem) continue;
    const overridden = config.thresholds[spec.id] !== undefined;
    problems.push(
      overridden
        ? { path: `thresholds.${spec.id}`, message: problem }
        : {
            path: 'slo',
            message: `${spec.id}: its threshold ${round(spec.threshold)} (${spec.thresholdSource}): ${problem}`,
          },
    );
  }
  // Signals this environment cannot resolve still get the unit's range.
  for (const [id, value] of Object.entries(config.thresholds)) {
    const unit = signalSummary(id)?.unit;
    if (checked.has(id) || unit === undefined) continue;
    const { low, high, what } = UNIT_RANGES[unit];
    if (!Number.isFinite(value) || value < low || value > high) {
      problems.push({ path: `thresholds.${id}`, message: `expected ${what} (got ${value})` });
    }
  }
  problems.push(...checkBurnRates(config, specs));
  return problems;
}

/**
 * Burn-rate inputs stay consistent (SRE Workbook ch. 5): a short window confirms its long window
 * at the same threshold, and a longer window never alarms at a higher error ratio than a shorter
 * one (burn rates 14.4 > 6 > 1).
 */
function checkBurnRates(config: EnvironmentConfig, specs: readonly MetricAlarmSpec[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const threshold = (id: string) => specs.find((s) => s.id === id)?.threshold;
  let previous: { id: string; value: number } | undefined;
  for (const w of BURN_RATE_WINDOWS) {
    const id = `slo-burn-${w.name}`;
    const long = threshold(id);
    if (long === undefined) continue;
    const shortId = `${id}-short`;
    const short = threshold(shortId);
    if (
      config.slo.precise &&
      short !== undefined &&
      short !== long &&
      (config.thresholds[id] !== undefined || config.thresholds[shortId] !== undefined)
    ) {
      problems.push({
        path: `thresholds.${config.thresholds[shortId] !== undefined ? shortId : id}`,
        message: `the short window confirms ${id} at the same error ratio: set ${id} and ${shortId} to the same value (got ${round(long)} and ${round(short)})`,
      });
    }
    if (
      previous &&
      long > previous.value &&
      (config.thresholds[id] !== undefined || config.thresholds[previous.id] !== undefined)
    ) {
      problems.push({
        path: `thresholds.${config.thresholds[id] !== undefined ? id : previous.id}`,
        message: `${id} (${round(long)}%) must not be above ${previous.id} (${round(previous.value)}%): a longer window alarms at a lower burn rate`,
      });
    }
    previous = { id, value: long };
  }
  return problems;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
