/** Detection latency per shipped scenario, and pages in the normal week. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario, runScenario } from '../lib/core/replay/scenario';

export interface ReplayFigure {
  readonly scenario: string;
  readonly detection?: number;
  readonly target?: number;
  readonly seedFigure?: string;
  readonly pages: number;
  readonly wallMs: number;
}

export function replayFigures(): ReplayFigure[] {
  const root = join(__dirname, '..');
  const dir = join(root, 'scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((file) => {
      const started = process.hrtime.bigint();
      const result = runScenario(loadScenario(join(dir, file)), join(root, 'config'));
      const target = result.scenario.target;
      return {
        scenario: file.replace(/\.yaml$/, ''),
        ...(result.detectionMinutes === undefined ? {} : { detection: result.detectionMinutes }),
        ...(target ? { target: target.minutes, seedFigure: target.seedFigure } : {}),
        pages: result.pages.length,
        wallMs: Number(process.hrtime.bigint() - started) / 1e6,
      };
    });
}
