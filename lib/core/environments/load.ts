/**
 * Loads and validates environment config files. Every file of the directory is read (the account
 * checks need all of them), every problem of every file is collected, and only then is one
 * `ConfigError` thrown, so one synth run lists all of them with their real file path and field.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { type EnvironmentConfig, environmentSchema } from '../config/schema';
import { checkAccounts, type LoadedEnvironment } from './account-checks';
import { checkEnvironment } from './checks';
import { formatValue, readConfigText } from './parse-file';

export interface ConfigProblem {
  /** File the problem is in (as found under the config directory), or `(selection)`. */
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

/** Config files by environment name (file name without extension); a name may have several. */
function configFiles(configDir: string): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const f of readdirSync(configDir).sort()) {
    if (!CONFIG_EXTENSIONS.has(extname(f)) || f === 'schema.json') continue;
    const name = basename(f, extname(f));
    byName.set(name, [...(byName.get(name) ?? []), f]);
  }
  return byName;
}

/** Environment names found in a config directory. */
export function listEnvironments(configDir: string): string[] {
  return [...configFiles(configDir).keys()].sort();
}

/**
 * Loads the environments named in `selection` (comma separated; `undefined` selects every
 * `example-*` environment) after checking every file of `configDir`. Throws `ConfigError`
 * listing every problem.
 */
export function loadEnvironments(configDir: string, selection?: string): EnvironmentConfig[] {
  if (!existsSync(configDir) || !statSync(configDir).isDirectory()) {
    throw new ConfigError([
      { file: configDir, path: '', message: 'the config directory does not exist (-c configDir=DIR)' },
    ]);
  }
  const files = configFiles(configDir);
  const known = [...files.keys()].sort();
  const wanted =
    selection === undefined || selection.trim() === ''
      ? known.filter((n) => n.startsWith(EXAMPLE_PREFIX))
      : selection.split(',').map((s) => s.trim());
  const unknown = wanted.filter((n) => !files.has(n));
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
  const loaded: LoadedEnvironment[] = [];
  for (const name of known) {
    const [first, ...more] = (files.get(name) ?? []).map((f) => join(configDir, f));
    if (first === undefined) continue;
    if (more.length > 0) {
      problems.push({
        file: [first, ...more].join(', '),
        path: '',
        message: `${more.length + 1} files define environment ${name}; keep exactly one`,
      });
      continue;
    }
    const result = parseEnvironment(name, readFileSync(first, 'utf8'), first);
    const selected = wanted.includes(name);
    if ('problems' in result) {
      // Unselected files are still needed for the account checks, so their problems count too.
      problems.push(
        ...result.problems.map((p) =>
          selected
            ? p
            : { ...p, message: `${p.message} (not selected, but read for the account-wide checks)` },
        ),
      );
    } else loaded.push({ file: first, config: result.config });
  }
  problems.push(...checkAccounts(loaded));
  if (problems.length > 0) throw new ConfigError(problems);
  return wanted.flatMap((n) => loaded.filter((e) => e.config.name === n).map((e) => e.config));
}

/** Parses and validates one file's text; `file` is the path printed in every problem. */
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
  const read = readConfigText(text);
  if ('problems' in read) return { problems: read.problems.map((p) => ({ file, ...p })) };
  const raw = read.raw;
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
  const problems = checkEnvironment(config).map((p) => ({ file, ...p }));
  return problems.length > 0 ? { problems } : { config };
}

function withReceived(message: string, code: string, raw: unknown, path: readonly PropertyKey[]): string {
  if (code === 'unrecognized_keys') return message.replace(/^Unrecognized key/, 'unknown key');
  let value: unknown = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return message;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  if (value === undefined) return message.includes('received undefined') ? 'required' : message;
  if (typeof value === 'number' && !Number.isFinite(value))
    return `expected a finite number (got ${formatValue(value)})`;
  return `${message} (got ${formatValue(value)})`;
}
