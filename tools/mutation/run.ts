/**
 * `npm run mutation [module ...]`: Stryker over the pure core, one module at a time, with each
 * module's mutation score (killed / all valid mutants) in a table at the end. Not part of CI: it
 * takes minutes. Exit code 1 when a module scores under its floor.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

/** The modules the core's tests must hold at or above the floor (issue: at least 80% killed). */
export interface MutationModule {
  /** The files Stryker mutates. */
  readonly mutate: readonly string[];
  /** The test files (globs) that judge them: the behaviour tests of that module, nothing that synthesizes the app. */
  readonly tests: readonly string[];
}

const REPLAY_RULE_TESTS = [
  'test/core/replay/cloudwatch-rules.test.ts',
  'test/core/replay/rules.test.ts',
  'test/core/replay/evaluator.test.ts',
];

export const MODULES: Readonly<Record<string, MutationModule>> = {
  'recovery/assess': { mutate: ['lib/core/recovery/assess.ts'], tests: ['test/core/recovery/**/*.test.ts'] },
  'recovery/plan': { mutate: ['lib/core/recovery/plan.ts'], tests: ['test/core/recovery/**/*.test.ts'] },
  'recovery/claim': { mutate: ['lib/core/recovery/claim.ts'], tests: ['test/core/recovery/**/*.test.ts'] },
  'recovery/rename': { mutate: ['lib/core/recovery/rename.ts'], tests: ['test/core/recovery/**/*.test.ts'] },
  'recovery/failure-report': {
    mutate: ['lib/core/recovery/failure-report.ts'],
    tests: ['test/core/recovery/**/*.test.ts'],
  },
  'recovery/transient-errors': {
    mutate: ['lib/core/recovery/transient-errors.ts'],
    tests: ['test/core/recovery/**/*.test.ts'],
  },
  'recovery/step-guard': {
    mutate: ['lib/core/recovery/step-guard.ts'],
    tests: ['test/lambdas/db-recovery/handler.test.ts'],
  },
  // The replay's rule tests; the scenario tests replay whole weeks and judge the tuning, not the rules.
  'replay/evaluate': { mutate: ['lib/core/replay/evaluate.ts'], tests: REPLAY_RULE_TESTS },
  'replay/statistics': { mutate: ['lib/core/replay/statistics.ts'], tests: REPLAY_RULE_TESTS },
  'replay/backtest': {
    mutate: ['lib/core/replay/backtest/*.ts'],
    tests: ['test/core/replay/backtest-*.test.ts'],
  },
  'replay/svg': {
    mutate: ['lib/core/replay/svg.ts'],
    tests: ['test/core/replay/backtest-svg.test.ts', 'test/core/replay/chart-geometry.test.ts'],
  },
  'notifier/format': {
    mutate: [
      'lambdas/notifier/format.ts',
      'lambdas/notifier/render.ts',
      'lambdas/notifier/text.ts',
      'lambdas/notifier/transition.ts',
    ],
    tests: ['test/lambdas/notifier/**/*.test.ts'],
  },
  'guard/inventory': { mutate: ['lib/core/guard/inventory.ts'], tests: ['test/core/guard/**/*.test.ts'] },
  'guard/pricing': { mutate: ['lib/core/guard/pricing.ts'], tests: ['test/core/guard/**/*.test.ts'] },
  'guard/rules': {
    mutate: ['lib/core/guard/rules/*.ts', 'lib/core/guard/drop-candidates.ts'],
    tests: ['test/core/guard/**/*.test.ts'],
  },
  'guard/free-tier': { mutate: ['lib/core/guard/free-tier.ts'], tests: ['test/core/guard/**/*.test.ts'] },
  'catalog/alarm-metrics': {
    mutate: ['lib/core/catalog/alarm-metrics.ts'],
    tests: ['test/core/catalog/**/*.test.ts', 'test/core/guard/**/*.test.ts'],
  },
  'config/schedule': {
    mutate: ['lib/core/config/rules/schedule.ts'],
    tests: ['test/core/config/**/*.test.ts', 'test/core/environments/bad-configs.test.ts'],
  },
  'config/names': {
    mutate: ['lib/core/config/rules/names.ts'],
    tests: ['test/core/config/**/*.test.ts', 'test/core/environments/bad-configs.test.ts'],
  },
  'environments/checks': {
    mutate: [
      'lib/core/environments/checks.ts',
      'lib/core/environments/thresholds.ts',
      'lib/core/environments/account-checks.ts',
    ],
    tests: ['test/core/environments/**/*.test.ts'],
  },
  'catalog/burn-rate': {
    mutate: ['lib/core/catalog/burn-rate.ts'],
    tests: ['test/core/catalog/**/*.test.ts'],
  },
};
const FLOOR = 80;
const root = join(__dirname, '..', '..');

interface MutantReport {
  files: Record<string, { mutants: { status: string }[] }>;
}

function score(report: MutantReport): { killed: number; valid: number; survived: number } {
  let killed = 0;
  let valid = 0;
  let survived = 0;
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (m.status === 'CompileError' || m.status === 'RuntimeError' || m.status === 'Ignored') continue;
      valid++;
      if (m.status === 'Killed' || m.status === 'Timeout') killed++;
      if (m.status === 'Survived' || m.status === 'NoCoverage') survived++;
    }
  }
  return { killed, valid, survived };
}

function main(): void {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    // --concurrency: Stryker's test-runner processes; 1 on a shared machine. @default - stryker.config.json's
    options: { help: { type: 'boolean', short: 'h' }, concurrency: { type: 'string' } },
  });
  if (values.help) {
    process.stdout.write(
      `usage: npm run mutation [-- [--concurrency N] module ...]\nmodules: ${Object.keys(MODULES).join(', ')}\n`,
    );
    return;
  }
  const unknown = positionals.filter((m) => !(m in MODULES));
  if (unknown.length > 0) {
    process.stderr.write(`unknown module ${unknown.join(', ')}; known: ${Object.keys(MODULES).join(', ')}\n`);
    process.exit(2);
  }
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1)) {
    process.stderr.write(
      `--concurrency: expected a whole number of at least 1, got "${values.concurrency}"\n`,
    );
    process.exit(2);
  }
  const selected = positionals.length > 0 ? positionals : Object.keys(MODULES);
  const rows: string[] = [];
  let low = false;
  for (const name of selected) {
    const module = MODULES[name];
    if (!module) continue;
    const files = module.mutate;
    process.stdout.write(`\n== mutating ${name} (${files.join(', ')})\n`);
    const dir = join(root, 'reports', 'mutation');
    const reportPath = join(dir, `${name.replace('/', '-')}.json`);
    const configPath = join(dir, `${name.replace('/', '-')}.stryker.json`);
    mkdirSync(dir, { recursive: true });
    rmSync(reportPath, { force: true });
    // Stryker takes nested options only from a config file: the shared one plus this module's files.
    const base = JSON.parse(readFileSync(join(root, 'stryker.config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    delete base.$schema;
    delete base._comment;
    writeFileSync(
      configPath,
      JSON.stringify({
        ...base,
        ...(concurrency === undefined ? {} : { concurrency }),
        mutate: files,
        jsonReporter: { fileName: reportPath },
      }),
    );
    const run = spawnSync(join(root, 'node_modules', '.bin', 'stryker'), ['run', configPath], {
      cwd: root,
      stdio: 'inherit',
      // The module's tests, read by vitest.config.mts (why not Stryker's testFiles: there).
      env: {
        ...process.env,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        OPS_STACK_MUTATION_TESTS: JSON.stringify(module.tests),
      },
    });
    if (run.status !== 0 || !existsSync(reportPath)) {
      rows.push(`| ${name} | stryker failed (exit ${run.status}) | | |`);
      low = true;
      continue;
    }
    const s = score(JSON.parse(readFileSync(reportPath, 'utf8')) as MutantReport);
    const pct = s.valid === 0 ? 100 : (100 * s.killed) / s.valid;
    if (pct < FLOOR) low = true;
    rows.push(`| ${name} | ${pct.toFixed(1)}% | ${s.killed}/${s.valid} | ${s.survived} |`);
  }
  process.stdout.write(
    `\nMutation score by module (floor ${FLOOR}%)\n| module | score | killed/valid | survived |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`,
  );
  if (low) process.exit(1);
}

main();
