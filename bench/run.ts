/** `npm run bench`: the speed and size figures quoted in closing notes. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchBacktest } from './backtest';
import { costExplorerCallsPerRun } from './cost-report';
import '../tools/drill/polyfill';
import { runMain } from '../tools/cli/errors';
import { benchFunctions, functionNames } from './functions';
import { notifierLatency } from './notifier-latency';
import { recoveryFigures } from './recovery';
import { replayFigures, replayReport } from './replay';

const root = join(__dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const NOTIFIER_RUNS = 50;
const STAGES = 8;
let stage = 0;
const benchStarted = process.hrtime.bigint();

/** One line as each stage starts, so a long stage is never silence. */
function starting(what: string): void {
  stage++;
  const elapsed = Number(process.hrtime.bigint() - benchStarted) / 1e9;
  process.stdout.write(`\n[${stage}/${STAGES}] ${what} (at ${elapsed.toFixed(0)} s)\n`);
}

function timed(label: string, command: string, args: string[]): number {
  const started = process.hrtime.bigint();
  execFileSync(command, args, { cwd: root, stdio: 'ignore', env: { ...process.env, CI: 'true' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${label}: ${(ms / 1000).toFixed(1)} s\n`);
  return ms;
}

async function main(): Promise<number> {
  const results: Record<string, unknown> = { runs: RUNS };
  process.stdout.write(
    `ops-stack bench: ${STAGES} stages; BENCH_RUNS=${RUNS} paired runs where two variants are compared\n`,
  );

  starting('synth of every example environment with bundling (one run)');
  const out = mkdtempSync(join(tmpdir(), 'ops-bench-'));
  results.synthAllExamplesMs = timed('  synth', 'npx', ['cdk', 'synth', '-q', '-o', out]);

  starting(
    `function bundles: ${functionNames().length} functions bundled twice, then ${RUNS} paired cold imports each (ops, default, ops, default, ...)`,
  );
  const functions = benchFunctions(RUNS);
  results.functions = functions;
  process.stdout.write(
    '  function        ops-stack size  default size  ops-stack import  default import  ratio (median of pairs)  faster\n',
  );
  for (const f of functions) {
    process.stdout.write(
      `  ${f.name.padEnd(14)}  ${kb(f.opsBytes).padStart(14)}  ${kb(f.defaultBytes).padStart(12)}  ${ms(f.opsImportMs).padStart(16)}  ${ms(f.defaultImportMs).padStart(14)}  ${f.importRatio.toFixed(2).padStart(23)}  ${f.importRatio < 1 ? 'yes' : 'NO'}\n`,
    );
  }
  process.stdout.write(`  medians of ${RUNS} imports per bundle, in fresh Node processes\n`);

  starting(`notifier latency: ${NOTIFIER_RUNS} SNS records to a local webhook`);
  const latency = await notifierLatency(NOTIFIER_RUNS);
  results.notifierLatency = latency;
  process.stdout.write(
    `  SNS record to webhook POST (SDK answers from memory, ${NOTIFIER_RUNS} runs): median ${ms(latency.medianMs)}, p95 ${ms(latency.p95Ms)}\n`,
  );

  starting('cost report: Cost Explorer calls per run');
  const ceCalls = await costExplorerCallsPerRun();
  results.costExplorerCallsPerRun = ceCalls;
  process.stdout.write(
    `  ${ceCalls.normal} Cost Explorer calls per run ($${(ceCalls.normal * 0.01).toFixed(2)}), ${ceCalls.noForecast} when Cost Explorer has no forecast, ${ceCalls.noData} when it has no data\n`,
  );

  starting('recovery drill of example-dev and example-prod (simulated clock, one run each)');
  const recovery = await recoveryFigures(['example-dev', 'example-prod']);
  results.recovery = recovery;
  process.stdout.write('  realistic RDS timings: 18 min creating, 9 min backing-up\n');
  for (const r of recovery) {
    process.stdout.write(
      `  ${r.environment.padEnd(14)} signal to restore call ${r.overheadSeconds} s, RTO ${r.rtoMinutes} min, RPO ${r.rpoSeconds / 60} min, ${r.transitions} state transitions (free: 4,000 a month)\n`,
    );
  }

  starting('replay of every shipped scenario (one run each)');
  const replay = replayFigures();
  results.replay = replay;
  process.stdout.write(replayReport(replay));

  starting('backtest of the shipped week of 1-minute data');
  results.backtest = benchBacktest((text) => process.stdout.write(text));

  if (process.argv.includes('--no-tests')) {
    starting('test suite: skipped (--no-tests)');
  } else {
    starting('test suite (vitest run, one run)');
    results.testSuiteMs = timed('  test suite', 'npx', ['vitest', 'run', '--reporter=dot']);
  }

  mkdirSync(join(root, 'reports'), { recursive: true });
  writeFileSync(join(root, 'reports', 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write('\nWritten to reports/bench.json\n');
  return 0;
}

// The CLIs' runner: the SDK's Node-version notice stays off and an error is one line.
runMain(main);

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
