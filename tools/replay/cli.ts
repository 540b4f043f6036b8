/**
 * Options of `npm run replay` and its backtest commands (`--from-cloudwatch`, `--from-file`).
 * Every usage problem is one line; `--help` lists commands and options.
 */
import { parseArgs } from 'node:util';

export const REPLAY_USAGE = `usage: npm run replay -- <command> [options]

commands:
  scenarios/NAME.yaml [more.yaml ...]     replay scenarios through the environment's synthesized alarms
  --from-cloudwatch --env NAME --days N   backtest: read every catalog metric of the environment with
                                          GetMetricData (1-minute data up to 15 days back, 5-minute up
                                          to 63), print requests and cost first, save the export, replay it
  --from-file PATH                        backtest a saved export offline (.json or .json.gz)

options:
  --env NAME       environment (config/NAME.yaml); for --from-file, defaults to the export's
  --days N         days to read, ending at --end (default 7)
  --end ISO        end of the range, e.g. 2026-11-30T00:00Z (default now)
  --out PATH       where --from-cloudwatch saves the export (default reports/replay/backtest/ENV-END.json.gz)
  --charts DIR     where the SVG charts go (default reports/replay/backtest/ENV-START/)
  --dry-run        --from-cloudwatch: print the plan and its cost, read nothing
  --help           this text

credentials: --from-cloudwatch uses the AWS default credential chain (AWS_PROFILE, environment
variables, SSO, or an instance role) and needs cloudwatch:GetMetricData in the environment's region.`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

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

const OPTIONS = {
  'from-cloudwatch': { type: 'boolean' },
  'from-file': { type: 'string' },
  env: { type: 'string' },
  days: { type: 'string' },
  end: { type: 'string' },
  out: { type: 'string' },
  charts: { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseReplayArgs(argv: readonly string[]): ReplayCommand {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(oneLine(error as Error));
  }
  const { values, positionals } = parsed;
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
      if (values[name] !== undefined)
        throw new UsageError(`--${name} needs --from-cloudwatch or --from-file`);
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
      if (values[name] !== undefined)
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

/** node:util's messages, cut to their first sentence and pointed at --help. */
function oneLine(error: Error): string {
  const code = (error as { code?: string }).code;
  const option = /'([^']+)'/.exec(error.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    return `unknown option ${option ?? error.message} (--help lists the options)`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return `${error.message.split('\n')[0]} (--help lists the options)`;
  return error.message.split('\n')[0] ?? error.message;
}
