/**
 * `npm run replay -- scenarios/NAME.yaml [...]`: runs scenarios through the environment's
 * synthesized alarms, prints the timeline and detection latency, writes one SVG chart per alarm
 * to reports/replay/<scenario>/, and exits 1 when an expectation fails.
 * `--from-cloudwatch` / `--from-file` backtest the alarms on real history (tools/replay);
 * `--help` lists everything.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { signalSummary } from '../lib/core/catalog/resolve';
import { latencyText, loadScenario, type ReplayResult, runScenario } from '../lib/core/replay/scenario';
import { alarmChart } from '../lib/core/replay/svg';
import { explainError } from '../tools/cli/errors';
import { type BacktestDeps, fromCloudWatch, fromFile } from '../tools/replay/backtest-command';
import { parseReplayArgs, REPLAY_USAGE } from '../tools/replay/cli';

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
    const latency = s.onset === undefined ? '' : `, ${latencyText(a.firstAlarmMinute as number, s.onset)}`;
    lines.push(
      `    ${a.id} [${a.severity}${a.pages ? '' : ', silent'}] first ALARM at minute ${a.firstAlarmMinute}${latency}`,
    );
  }
  lines.push(
    `  pages: ${result.pages.length}${result.detectionMinutes === undefined ? '' : `; detection ${result.detectionMinutes} min after onset`}${s.target ? ` (target ${s.target.minutes} min; seed: ${s.target.seedFigure})` : ''}`,
  );
  for (const p of result.mutedPages) {
    lines.push(
      `  muted: ${p.alarm} [${p.severity}] at minute ${p.minute}${p.mute.reason ? ` (${p.mute.reason})` : ''}`,
    );
  }
  for (const d of result.recovery.decisions) {
    lines.push(
      `  recovery trigger: min ${d.minute} ${d.event}: ${d.start ? 'starts a recovery' : `refused (${d.reason})`}`,
    );
  }
  lines.push(
    `  ingestion delay (min): ${Object.entries(result.ingestionDelay)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  for (const e of result.expectations) lines.push(`  ${e.passed ? 'PASS' : 'FAIL'} ${e.text}: ${e.detail}`);
  return lines.join('\n');
}

export function writeCharts(result: ReplayResult, file: string): string {
  const dir = join(root, 'reports', 'replay', basename(file).replace(/\.ya?ml$/, ''));
  mkdirSync(dir, { recursive: true });
  for (const a of result.alarms) {
    const unit = signalSummary(a.id)?.unit;
    const onset = result.scenario.onset;
    writeFileSync(
      join(dir, `${a.id}.svg`),
      alarmChart({
        title: `${a.name} (${a.severity})`,
        values: a.values,
        states: a.states,
        ...(unit ? { unit } : {}),
        ...(a.threshold === undefined ? {} : { threshold: a.threshold }),
        ...(onset === undefined ? {} : { onset }),
      }),
    );
  }
  return dir;
}

function replayScenarios(files: readonly string[]): number {
  let failed = 0;
  for (const file of files) {
    const result = runScenario(loadScenario(file), join(root, 'config'));
    const dir = writeCharts(result, file);
    process.stdout.write(`${report(result)}\n  charts: ${dir}\n\n`);
    if (result.expectations.some((e) => !e.passed)) failed++;
  }
  return failed > 0 ? 1 : 0;
}

export async function main(argv: readonly string[], deps: BacktestDeps): Promise<number> {
  try {
    const command = parseReplayArgs(argv);
    if (command.kind === 'help') {
      deps.log(REPLAY_USAGE);
      return 0;
    }
    if (command.kind === 'scenarios') return replayScenarios(command.files);
    if (command.kind === 'file') fromFile(command, deps);
    else await fromCloudWatch(command, deps);
    return 0;
  } catch (error) {
    // One line saying what to do (tools/cli/errors.ts): 2 for usage errors, 1 for the rest.
    const { line, exitCode } = explainError(error);
    process.stderr.write(`${line}\n`);
    return exitCode;
  }
}

if (require.main === module) {
  // package.json supports Node >= 20; the pinned SDK's notice about its future Node 22 releases
  // would otherwise be the first thing a one-line error prints. A user's own setting wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  void main(process.argv.slice(2), {
    configDir: join(root, 'config'),
    reportsDir: join(root, 'reports', 'replay', 'backtest'),
    cloudwatch: (region) => new CloudWatchClient({ region }),
    now: () => new Date(),
    log: (line) => process.stdout.write(`${line}\n`),
  }).then((code) => {
    process.exitCode = code;
  });
}
