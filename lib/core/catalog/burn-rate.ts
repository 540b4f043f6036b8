/**
 * Multiwindow, multi-burn-rate SLO alerting (Google SRE Workbook, chapter 5).
 *
 * The threshold on the error ratio is `burn rate x (1 - objective)`: for 99.5 % the 1 h page fires
 * at 7.2 %, the 6 h page at 3 % and the 3 day ticket at 0.5 %.
 */
import type { Severity } from '../severity/severities';

export interface BurnRateWindow {
  /** Suffix of the signal id: `1h`, `6h`, `3d`. */
  readonly name: string;
  readonly burnRate: number;
  readonly longWindowSeconds: number;
  /** The short window that confirms the burn is still happening (used with `precise`). */
  readonly shortWindowSeconds: number;
  readonly severity: Severity;
  /** Share of a 30-day budget this window spends before it alerts. */
  readonly budgetSpent: string;
}

export const BURN_RATE_WINDOWS: readonly BurnRateWindow[] = [
  {
    name: '1h',
    burnRate: 14.4,
    longWindowSeconds: 3600,
    shortWindowSeconds: 300,
    severity: 'P1',
    budgetSpent: '2%',
  },
  {
    name: '6h',
    burnRate: 6,
    longWindowSeconds: 21_600,
    shortWindowSeconds: 1800,
    severity: 'P2',
    budgetSpent: '5%',
  },
  {
    name: '3d',
    burnRate: 1,
    longWindowSeconds: 259_200,
    shortWindowSeconds: 21_600,
    severity: 'P3',
    budgetSpent: '10%',
  },
];

/** Error budget as a percentage of requests, e.g. 99.5 -> 0.5. */
export function errorBudgetPercent(objectivePercent: number): number {
  if (!(objectivePercent > 0 && objectivePercent < 100)) {
    throw new RangeError(`objective must be between 0 and 100 percent, got ${objectivePercent}`);
  }
  return roundTo(100 - objectivePercent, 6);
}

/**
 * Error-ratio threshold in percent for a burn rate, rounded to 4 significant digits so that
 * floating point noise (14.4 x 0.5 = 7.199999...) never reaches a template.
 */
export function burnRateThresholdPercent(objectivePercent: number, burnRate: number): number {
  return roundSignificant(burnRate * errorBudgetPercent(objectivePercent), 4);
}

/** Minutes until the error budget of a 30-day window is gone at a constant error ratio. */
export function minutesToExhaustBudget(objectivePercent: number, errorRatioPercent: number): number {
  if (errorRatioPercent < 0) {
    throw new RangeError(`error ratio must be at least 0 percent, got ${errorRatioPercent}`);
  }
  // No errors spend no budget: x / 0 is Infinity.
  return (30 * 24 * 60 * errorBudgetPercent(objectivePercent)) / errorRatioPercent;
}

/**
 * Minutes a rolling-window burn-rate alarm needs to fire after the error ratio steps from 0 to
 * `errorRatioPercent`: the window average reaches the threshold after `window x threshold / ratio`.
 */
export function detectionMinutes(
  window: BurnRateWindow,
  objectivePercent: number,
  errorRatioPercent: number,
) {
  const threshold = burnRateThresholdPercent(objectivePercent, window.burnRate);
  if (errorRatioPercent < threshold) return Number.POSITIVE_INFINITY;
  return Math.ceil(((window.longWindowSeconds / 60) * threshold) / errorRatioPercent);
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function roundSignificant(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}
