/** The recovery report: timeline, measured RTO and RPO, and what was left behind. Pure. */
export interface TimelineEntry {
  readonly at: string;
  readonly what: string;
}

export interface RecoveryFacts {
  readonly incidentId: string;
  readonly signalTime: string;
  readonly failureTime: string;
  readonly restorePoint: string;
  readonly method: string;
  readonly targetId: string;
  readonly endpoint?: string;
  readonly timeline: readonly TimelineEntry[];
  readonly leftBehind: readonly string[];
  readonly switchedAt: string;
  readonly restartNote: string;
}

export function recoveryReport(f: RecoveryFacts): {
  title: string;
  lines: string[];
  rtoMinutes: number;
  rpoSeconds: number;
} {
  const rtoMinutes = Math.round((Date.parse(f.switchedAt) - Date.parse(f.failureTime)) / 60_000);
  const rpoSeconds = Math.max(0, Math.round((Date.parse(f.failureTime) - Date.parse(f.restorePoint)) / 1000));
  const timeline = [...f.timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    title: `Database restored: ${f.targetId} serves traffic (RTO ${rtoMinutes} min, RPO ${formatSeconds(rpoSeconds)})`,
    lines: [
      `Incident ${f.incidentId}: ${f.method} to ${f.restorePoint}`,
      `RTO ${rtoMinutes} min (failure at ${f.failureTime} to switch at ${f.switchedAt}; seed 002 s4.3 target 30-60 min Single-AZ)`,
      `RPO ${formatSeconds(rpoSeconds)} (failure time minus restore point; seed 002 s4.3 target at most 5 min)`,
      ...timeline.map((t) => `${t.at}  ${t.what}`),
      `New endpoint: ${f.endpoint ?? 'unknown'}`,
      f.restartNote,
      `Left behind (never deleted by the workflow): ${f.leftBehind.join('; ') || 'nothing'}`,
    ],
    rtoMinutes,
    rpoSeconds,
  };
}

export function formatSeconds(seconds: number): string {
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}
