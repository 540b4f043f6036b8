/** `npm run bench`: the speed and size figures quoted in closing notes. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchBacktest } from './backtest';
import { costExplorerCallsPerRun } from './cost-report';
import '../tools/drill/polyfill';
import { benchFunctions } from './functions';
import { notifierLatency } from './notifier-latency';
import { recoveryFigures } from './recovery';
import { replayFigures, replayReport } from './replay';

const root = join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function timed(label: string, command: string, args: string[]): number {
  const started = process.hrtime.bigint();
  execFileSync(command, args, { cwd: root, stdio: 'ignore', env: { ...process.env, CI: 'true' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${label}: ${(ms / 1000).toFixed(1)} s\n`);
  return ms;
}

const results: Record<string, unknown> = {};
process.stdout.write('ops-stack bench\n\n');
const out = mkdtempSync(join(tmpdir(), 'ops-bench-'));
results.synthAllExamplesMs = timed('synth of every example environment (with bundling)', 'npx', [
  'cdk',
  'synth',
  '-q',
  '-o',
  out,
]);

const functions = benchFunctions(RUNS);
results.functions = functions;
process.stdout.write(`\nfunction bundles (cold import: median of ${RUNS} fresh processes)\n`);
process.stdout.write(
  '  function        ops-stack size  default size  ops-stack import  default import  faster\n',
);
for (const f of functions) {
  process.stdout.write(
    `  ${f.name.padEnd(14)}  ${kb(f.opsBytes).padStart(14)}  ${kb(f.defaultBytes).padStart(12)}  ${ms(f.opsImportMs).padStart(16)}  ${ms(f.defaultImportMs).padStart(14)}  ${f.opsImportMs < f.defaultImportMs ? 'yes' : 'NO'}\n`,
  );
}

async function main(): Promise<void> {
  const latency = await notifierLatency(50);
  results.notifierLatency = latency;
  process.stdout.write(
    `\nnotifier: SNS record to webhook POST (local server, SDK answers from memory, 50 runs): median ${ms(latency.medianMs)}, p95 ${ms(latency.p95Ms)}\n`,
  );

  const ceCalls = await costExplorerCallsPerRun();
  results.costExplorerCallsPerRun = ceCalls;
  process.stdout.write(
    `\ncost report: ${ceCalls.normal} Cost Explorer calls per run ($${(ceCalls.normal * 0.01).toFixed(2)}), ${ceCalls.noForecast} when Cost Explorer has no forecast, ${ceCalls.noData} when it has no data\n`,
  );

  const recovery = await recoveryFigures(['example-dev', 'example-prod']);
  results.recovery = recovery;
  process.stdout.write(
    '\nrecovery drill (simulated clock; realistic RDS timings: 18 min creating, 9 min backing-up):\n',
  );
  for (const r of recovery) {
    process.stdout.write(
      `  ${r.environment.padEnd(14)} signal to restore call ${r.overheadSeconds} s, RTO ${r.rtoMinutes} min, RPO ${r.rpoSeconds / 60} min, ${r.transitions} state transitions (free: 4,000 a month)\n`,
    );
  }

  const replay = replayFigures();
  results.replay = replay;
  process.stdout.write(`\n${replayReport(replay)}`);

  results.backtest = benchBacktest((text) => process.stdout.write(text));

  if (!process.argv.includes('--no-tests')) {
    process.stdout.write('\n');
    results.testSuiteMs = timed('test suite (vitest run)', 'npx', ['vitest', 'run', '--reporter=dot']);
  }

  mkdirSync(join(root, 'reports'), { recursive: true });
  writeFileSync(join(root, 'reports', 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write('\nWritten to reports/bench.json\n');
}

void main();

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
