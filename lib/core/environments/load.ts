/**
 * Loads and validates environment config files. Every problem of every selected file is collected
 * before anything is thrown, so one synth run lists all of them with their file and path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { signalIds } from '../catalog/resolve';
import { type EnvironmentConfig, environmentSchema } from '../config/schema';

export interface ConfigProblem {
  /** File the problem is in, or `(selection)` / `(accounts)` for cross-file problems. */
  readonly file: string;
  /** Dotted path inside the file, e.g. `slo.availability`; empty for the whole file. */
  readonly path: string;
  readonly message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems
        .map((p) => `  - ${p.file}${p.path ? `: ${p.path}` : ''}: ${p.message}`)
        .join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

const CONFIG_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
export const EXAMPLE_PREFIX = 'example-';

/** Environment names (file names without extension) found in a config directory. */
export function listEnvironments(configDir: string): string[] {
  return readdirSync(configDir)
    .filter((f) => CONFIG_EXTENSIONS.has(extname(f)) && f !== 'schema.json')
    .map((f) => basename(f, extname(f)))
    .sort();
}

/**
 * Loads the environments named in `selection` (comma separated; `undefined` selects every
 * `example-*` environment). Throws `ConfigError` listing every problem.
 */
export function loadEnvironments(configDir: string, selection?: string): EnvironmentConfig[] {
  const known = listEnvironments(configDir);
  const wanted =
    selection === undefined || selection.trim() === ''
      ? known.filter((n) => n.startsWith(EXAMPLE_PREFIX))
      : selection.split(',').map((s) => s.trim());
  const unknown = wanted.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new ConfigError(
      unknown.map((n) => ({
        file: '(selection)',
        path: 'env',
        message: `unknown environment "${n}"; known environments: ${known.join(', ') || '(none)'}`,
      })),
    );
  }
  if (wanted.length === 0) {
    throw new ConfigError([{ file: '(selection)', path: 'env', message: `no environments in ${configDir}` }]);
  }

  const problems: ConfigProblem[] = [];
  const configs: EnvironmentConfig[] = [];
  for (const name of wanted) {
    const file = fileOf(configDir, name);
    const result = parseEnvironment(name, readFileSync(join(configDir, file), 'utf8'), `config/${file}`);
    if ('problems' in result) problems.push(...result.problems);
    else configs.push(result.config);
  }
  problems.push(...checkAccountShares(configs));
  if (problems.length > 0) throw new ConfigError(problems);
  return configs;
}

/** Parses and validates one file's text. */
export function parseEnvironment(
  name: string,
  text: string,
  file: string,
): { config: EnvironmentConfig } | { problems: ConfigProblem[] } {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(name)) {
    return {
      problems: [
        {
          file,
          path: '',
          message: 'the file name must be lowercase letters, digits and dashes (at most 40)',
        },
      ],
    };
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        file,
        path: '',
        message: `not valid YAML/JSON at line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const raw: unknown = doc.toJS();
  const parsed = environmentSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => ({
        file,
        path: issue.path.join('.'),
        message: withReceived(issue.message, issue.code, raw, issue.path),
      })),
    };
  }
  const config: EnvironmentConfig = { ...parsed.data, name };
  const problems = checkAgainstCatalog(config, file);
  return problems.length > 0 ? { problems } : { config };
}

function checkAgainstCatalog(config: EnvironmentConfig, file: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ids = signalIds();
  for (const id of Object.keys(config.thresholds)) {
    if (!ids.includes(id)) {
      problems.push({
        file,
        path: `thresholds.${id}`,
        message: `unknown signal id; expected one of ${ids.join(', ')}`,
      });
    }
  }
  if (config.slo.precise && config.profile === 'free') {
    problems.push({
      file,
      path: 'slo.precise',
      message:
        'the composite alarm of precise burn-rate alerting costs $0.50/month; set profile: standard to accept paid alarms',
    });
  }
  return problems;
}

const SHARES = [
  ['alarmMetricShare', 10],
  ['customMetricShare', 10],
  ['dashboardShare', 3],
] as const;
const SHARE_NOUN = {
  alarmMetricShare: 'alarm metrics',
  customMetricShare: 'custom metrics',
  dashboardShare: 'dashboards',
} as const;

/** Environments in one account share its free allowances. */
function checkAccountShares(configs: readonly EnvironmentConfig[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const byAccount = new Map<string, EnvironmentConfig[]>();
  for (const c of configs) {
    if (c.profile !== 'free') continue;
    const key = c.account ?? '(default credentials)';
    byAccount.set(key, [...(byAccount.get(key) ?? []), c]);
  }
  problems.push(...checkOnePerAccount(configs));
  for (const [account, envs] of byAccount) {
    if (envs.length < 2) continue;
    for (const [key, allowance] of SHARES) {
      const total = envs.reduce((sum, e) => sum + e.freeTier[key], 0);
      if (total > allowance) {
        problems.push({
          file: '(accounts)',
          path: `freeTier.${key}`,
          message: `environments ${envs.map((e) => e.name).join(', ')} share account ${account} and its ${allowance} free ${SHARE_NOUN[key]}, but their shares add up to ${total}; lower freeTier.${key} so the sum is at most ${allowance}`,
        });
      }
    }
  }
  return problems;
}

/** AWS allows one SERVICE anomaly monitor per account, and two budgets would page twice. */
function checkOnePerAccount(configs: readonly EnvironmentConfig[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const key of ['manageBudget', 'anomalyMonitor'] as const) {
    const owners = new Map<string, string[]>();
    for (const c of configs) {
      if (!c.budget[key]) continue;
      const account = c.account ?? '(default credentials)';
      owners.set(account, [...(owners.get(account) ?? []), c.name]);
    }
    for (const [account, names] of owners) {
      if (names.length > 1) {
        problems.push({
          file: '(accounts)',
          path: `budget.${key}`,
          message: `environments ${names.join(', ')} share account ${account}, but only one may set budget.${key} (the others set it to false)`,
        });
      }
    }
  }
  return problems;
}

function withReceived(message: string, code: string, raw: unknown, path: readonly PropertyKey[]): string {
  if (code === 'unrecognized_keys') return message.replace(/^Unrecognized key/, 'unknown key');
  let value: unknown = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return message;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  if (value === undefined) return message.includes('received undefined') ? 'required' : message;
  return `${message} (got ${JSON.stringify(value)})`;
}

function fileOf(configDir: string, name: string): string {
  const match = readdirSync(configDir).find(
    (f) => CONFIG_EXTENSIONS.has(extname(f)) && basename(f, extname(f)) === name,
  );
  if (!match) throw new Error(`config file for ${name} disappeared`);
  return match;
}
