/**
 * Per shipped scenario: detection latency with ingestion delay (the replay applies each
 * namespace's delay), next to the target and the seed's figure; and the pages of the normal week.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, runScenario } from '../lib/core/replay/scenario';

export interface ReplayFigure {
  readonly scenario: string;
  readonly detection?: number;
  readonly target?: number;
  readonly seedFigure?: string;
  readonly pages: number;
  /** Ingestion delay per series prefix, e.g. "AWS/* 1, app 1, probe 0". */
  readonly ingestionDelay: string;
  readonly wallMs: number;
}

export function replayFigures(): ReplayFigure[] {
  const root = join(__dirname, '..');
  const dir = join(root, 'scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const started = process.hrtime.bigint();
      const result = runScenario(loadScenario(join(dir, file)), join(root, 'config'));
      const target = result.scenario.target;
      return {
        scenario: file.replace(/\.yaml$/, ''),
        ...(result.detectionMinutes === undefined ? {} : { detection: result.detectionMinutes }),
        ...(target ? { target: target.minutes, seedFigure: target.seedFigure } : {}),
        pages: result.pages.length,
        ingestionDelay: Object.entries(result.ingestionDelay)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
        wallMs: Number(process.hrtime.bigint() - started) / 1e6,
      };
    });
}

/** The bench's replay table: latency with ingestion delay, target, seed figure; normal-week pages. */
export function replayReport(figures: readonly ReplayFigure[]): string {
  const lines = [
    'replay (free profile, example-prod): detection latency from onset, ingestion delay included',
  ];
  for (const r of figures) {
    const outcome =
      r.detection === undefined ? (r.pages === 0 ? 'no page' : `${r.pages} pages`) : `${r.detection} min`;
    const target = r.target === undefined ? '' : ` (target ${r.target} min)`;
    const seed = r.seedFigure ? `; seed: ${r.seedFigure}` : '';
    lines.push(
      `  ${r.scenario.padEnd(30)} ${outcome}${target}${seed}; delay ${r.ingestionDelay}; ${r.wallMs.toFixed(0)} ms`,
    );
  }
  const week = figures.find((r) => r.scenario === 'normal-week');
  if (week) lines.push(`  pages in the normal week: ${week.pages}`);
  return `${lines.join('\n')}\n`;
}
