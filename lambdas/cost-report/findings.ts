/**
 * What the report flags, and whether each finding was already sent within the repeat window. The
 * window's state is one SSM parameter (standard tier: free): a map of finding key to when it was sent.
 */
export interface Finding {
  /** Stable for "the same finding": the kind and a coarse bucket of its size. */
  readonly key: string;
  readonly severity: 'P2' | 'P3';
  readonly text: string;
}

export interface FindingInputs {
  readonly expectationUsd: number;
  readonly forecastUsd?: number;
  readonly monthToDateGross?: number;
  readonly anomalyImpactUsd?: number;
  readonly alarmMetrics?: number;
  readonly customMetrics?: number;
  readonly dashboards?: number;
  readonly deadLetters?: number;
}

export function findingsOf(i: FindingInputs): Finding[] {
  const out: Finding[] = [];
  const pct = (usd: number) => Math.round((100 * usd) / i.expectationUsd);
  if (i.forecastUsd !== undefined && i.forecastUsd > i.expectationUsd) {
    out.push({
      key: `forecast-over:${Math.floor(pct(i.forecastUsd) / 10) * 10}`,
      severity: 'P2',
      text: `forecast $${i.forecastUsd.toFixed(2)} is ${pct(i.forecastUsd)}% of the expected $${i.expectationUsd.toFixed(2)}`,
    });
  }
  if (i.monthToDateGross !== undefined && i.monthToDateGross >= 0.8 * i.expectationUsd) {
    const level = i.monthToDateGross >= i.expectationUsd ? 100 : 80;
    out.push({
      key: `actual-over:${level}`,
      severity: level === 100 ? 'P2' : 'P3',
      text: `month-to-date $${i.monthToDateGross.toFixed(2)} has passed ${level}% of the expected $${i.expectationUsd.toFixed(2)}`,
    });
  }
  if (i.anomalyImpactUsd !== undefined) {
    out.push({
      key: `anomaly:${Math.floor(Math.log2(Math.max(1, i.anomalyImpactUsd)))}`,
      severity: 'P2',
      text: `cost anomaly of $${i.anomalyImpactUsd.toFixed(2)}`,
    });
  }
  const over = (what: string, used: number | undefined, free: number) =>
    used !== undefined && used > free
      ? [
          {
            key: `free-tier:${what}`,
            severity: 'P3' as const,
            text: `${used} ${what}, the free tier has ${free}`,
          },
        ]
      : [];
  out.push(
    ...over('alarm metrics', i.alarmMetrics, 10),
    ...over('custom metrics', i.customMetrics, 10),
    ...over('dashboards', i.dashboards, 3),
  );
  if (i.deadLetters !== undefined && i.deadLetters > 0) {
    out.push({
      key: 'dead-letters',
      severity: 'P3',
      text: `${i.deadLetters} page(s) in the paging dead-letter queue never reached their subscriber`,
    });
  }
  return out;
}

/** Findings not sent within the window, and the state after sending them. */
export function unsent(
  findings: readonly Finding[],
  sent: Readonly<Record<string, string>>,
  now: Date,
  windowHours: number,
): { fresh: Finding[]; nextState: Record<string, string> } {
  const cutoff = now.getTime() - windowHours * 3600_000;
  const fresh = findings.filter((f) => {
    const at = sent[f.key] ? Date.parse(sent[f.key] as string) : Number.NaN;
    return !(at >= cutoff);
  });
  // Keep only entries inside the window, so the parameter stays small.
  const nextState: Record<string, string> = Object.fromEntries(
    Object.entries(sent).filter(([, at]) => Date.parse(at) >= cutoff),
  );
  for (const f of fresh) nextState[f.key] = now.toISOString();
  return { fresh, nextState };
}
