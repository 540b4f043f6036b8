/**
 * Options of `npm run replay` and its backtest commands (`--from-cloudwatch`, `--from-file`),
 * parsed strictly by the shared CLI helper: every usage problem is one line, `--help` lists the
 * commands and, from the same table, the options.
 */
import { type OptionSpecs, parseCommand } from '../cli/command';
import { UsageError } from '../cli/errors';

export { UsageError };

const OPTIONS = {
  'from-cloudwatch': { type: 'boolean', help: 'backtest on CloudWatch history (needs --env)' },
  'from-file': { type: 'string', value: 'PATH', help: 'backtest a saved export offline (.json or .json.gz)' },
  env: {
    type: 'string',
    value: 'NAME',
    help: "environment (config/NAME.yaml); --from-file defaults to the export's",
  },
  days: { type: 'string', value: 'N', help: 'days to read, ending at --end (default 7)' },
  end: { type: 'string', value: 'ISO', help: 'end of the range, e.g. 2026-11-30T00:00Z (default now)' },
  out: {
    type: 'string',
    value: 'PATH',
    help: 'where --from-cloudwatch saves the export (default reports/replay/backtest/ENV-END.json.gz)',
  },
  charts: {
    type: 'string',
    value: 'DIR',
    help: 'where the SVG charts go (default reports/replay/backtest/ENV-START/)',
  },
  'dry-run': { type: 'boolean', help: '--from-cloudwatch: print the plan and its cost, read nothing' },
  help: { type: 'boolean', help: 'this text' },
} as const satisfies OptionSpecs;

const USAGE =
  'npm run replay -- scenarios/NAME.yaml ... | --from-cloudwatch --env NAME [--days N] [--end ISO] | --from-file PATH';

export const REPLAY_USAGE = [
  `usage: ${USAGE}`,
  '',
  'commands:',
  "  scenarios/NAME.yaml [more.yaml ...]    replay scenarios through the environment's synthesized alarms",
  '  --from-cloudwatch --env NAME --days N  backtest: read every catalog metric of the environment with',
  '                                         GetMetricData (1-minute data up to 15 days back, 5-minute up',
  '                                         to 63), print requests and cost first, save the export, replay it',
  '  --from-file PATH                       backtest a saved export offline',
  '',
  'options:',
  ...Object.entries(OPTIONS).map(
    ([name, o]) => `  ${`--${name}${'value' in o ? ` ${o.value}` : ''}`.padEnd(22)} ${o.help}`,
  ),
  '',
  'credentials: --from-cloudwatch uses the AWS default credential chain (AWS_PROFILE, environment',
  "variables, SSO, or an instance role) and needs cloudwatch:GetMetricData in the environment's region.",
].join('\n');

export type ReplayCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'scenarios'; readonly files: readonly string[] }
  | {
      readonly kind: 'cloudwatch';
      readonly env: string;
      readonly days: number;
      readonly end?: Date;
      readonly out?: string;
      readonly charts?: string;
      readonly dryRun: boolean;
    }
  | { readonly kind: 'file'; readonly path: string; readonly env?: string; readonly charts?: string };

export function parseReplayArgs(argv: readonly string[]): ReplayCommand {
  const { values, positionals } = parseCommand(USAGE, OPTIONS, argv, true);
  if (values.help) return { kind: 'help' };
  const fromFile = values['from-file'];
  if (values['from-cloudwatch'] && fromFile !== undefined) {
    throw new UsageError('use either --from-cloudwatch or --from-file, not both');
  }
  const backtest = values['from-cloudwatch'] || fromFile !== undefined;
  if (backtest && positionals.length > 0) {
    throw new UsageError(`unexpected argument "${positionals[0]}": a backtest takes no scenario files`);
  }
  if (!backtest) {
    for (const name of ['env', 'days', 'end', 'out', 'charts', 'dry-run'] as const) {
      if (given(values[name])) throw new UsageError(`--${name} needs --from-cloudwatch or --from-file`);
    }
    if (positionals.length === 0)
      throw new UsageError(
        'nothing to replay: give scenario files, --from-cloudwatch or --from-file (--help lists them)',
      );
    return { kind: 'scenarios', files: positionals };
  }
  const charts = values.charts;
  if (fromFile !== undefined) {
    for (const name of ['days', 'end', 'out', 'dry-run'] as const) {
      if (given(values[name]))
        throw new UsageError(`--${name} applies to --from-cloudwatch, not --from-file`);
    }
    return {
      kind: 'file',
      path: fromFile,
      ...(values.env ? { env: values.env } : {}),
      ...(charts ? { charts } : {}),
    };
  }
  if (!values.env) throw new UsageError('--from-cloudwatch needs --env NAME (a file in config/)');
  const days = values.days === undefined ? 7 : Number(values.days);
  if (!Number.isFinite(days) || days <= 0 || days > 455) {
    throw new UsageError(`--days must be a number of days between 0 and 455, got "${values.days}"`);
  }
  let end: Date | undefined;
  if (values.end !== undefined) {
    end = new Date(values.end);
    if (Number.isNaN(end.getTime())) {
      throw new UsageError(`--end must be an ISO date-time such as 2026-11-30T00:00Z, got "${values.end}"`);
    }
  }
  return {
    kind: 'cloudwatch',
    env: values.env,
    days,
    dryRun: values['dry-run'] === true,
    ...(end ? { end } : {}),
    ...(values.out ? { out: values.out } : {}),
    ...(charts ? { charts } : {}),
  };
}

/** Whether an option was given: booleans default to false, strings to undefined. */
function given(value: string | boolean | undefined): boolean {
  return value !== undefined && value !== false;
}
