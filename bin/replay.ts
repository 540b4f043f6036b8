/**
 * `npm run replay -- scenarios/NAME.yaml [...]`: runs scenarios through the environment's
 * synthesized alarms, prints the timeline and detection latency, writes one SVG chart per alarm
 * to reports/replay/<scenario>/, and exits 1 when an expectation fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadScenario, type ReplayResult, runScenario } from '../lib/core/replay/scenario';
import { alarmChart } from '../lib/core/replay/svg';

const root = join(__dirname, '..');

export function report(result: ReplayResult): string {
  const s = result.scenario;
  const lines = [
    `${s.name} (seed ${s.seed}; ${s.environment}, ${s.minutes} min${s.onset === undefined ? '' : `, onset at minute ${s.onset}`})`,
  ];
  lines.push('  timeline:');
  const events = result.alarms
    .flatMap((a) => a.transitions.map((t) => ({ ...t, a })))
    .sort((x, y) => x.minute - y.minute);
  if (events.length === 0) lines.push('    (no state changes)');
  for (const e of events.slice(0, 40)) {
    const paged = e.a.pages && e.to === 'ALARM' ? `  -> page ${e.a.severity}` : '';
    lines.push(`    min ${String(e.minute).padStart(5)}  ${e.a.id.padEnd(26)} ${e.from} -> ${e.to}${paged}`);
  }
  if (events.length > 40) lines.push(`    ... ${events.length - 40} more`);
  lines.push('  alarms that fired:');
  for (const a of result.alarms.filter((x) => x.firstAlarmMinute !== undefined)) {
    const latency =
      s.onset === undefined ? '' : `, ${(a.firstAlarmMinute as number) - s.onset} min after onset`;
    lines.push(
      `    ${a.id} [${a.severity}${a.pages ? '' : ', silent'}] first ALARM at minute ${a.firstAlarmMinute}${latency}`,
    );
  }
  lines.push(
    `  pages: ${result.pages.length}${result.detectionMinutes === undefined ? '' : `; detection ${result.detectionMinutes} min after onset`}${s.target ? ` (target ${s.target.minutes} min; seed: ${s.target.seedFigure})` : ''}`,
  );
  for (const e of result.expectations) lines.push(`  ${e.passed ? 'PASS' : 'FAIL'} ${e.text}: ${e.detail}`);
  return lines.join('\n');
}

export function writeCharts(result: ReplayResult, file: string): string {
  const dir = join(root, 'reports', 'replay', basename(file).replace(/\.ya?ml$/, ''));
  mkdirSync(dir, { recursive: true });
  for (const a of result.alarms) {
    writeFileSync(
      join(dir, `${a.id}.svg`),
      alarmChart(a, `${a.name} (${a.severity})`, result.scenario.onset),
    );
  }
  return dir;
}

function main(files: string[]): number {
  if (files.length === 0) {
    process.stderr.write('usage: npm run replay -- scenarios/NAME.yaml [more.yaml ...]\n');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    const result = runScenario(loadScenario(file), join(root, 'config'));
    const dir = writeCharts(result, file);
    process.stdout.write(`${report(result)}\n  charts: ${dir}\n\n`);
    if (result.expectations.some((e) => !e.passed)) failed++;
  }
  return failed > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
