/**
 * A small command framework over `node:util` parseArgs: every command declares its options once,
 * which gives both strict parsing (an unknown option is a one-line usage error) and its `--help`.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './errors';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** Shown in help after the option, e.g. `NAME`. */
  readonly value?: string;
  readonly help: string;
  /** @default - booleans false, strings undefined */
  readonly default?: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean'
  ? boolean
  : S extends { default: string }
    ? string
    : string | undefined;

export type ValuesOf<O extends OptionSpecs> = { -readonly [K in keyof O]: ValueOf<O[K]> };

export interface ParsedCommand<O extends OptionSpecs> {
  readonly values: ValuesOf<O>;
  readonly positionals: string[];
}

interface CommandInfo<O extends OptionSpecs> {
  /** One or more words, e.g. `drill paging`. */
  readonly name: string;
  readonly summary: string;
  /** What follows the name, e.g. `--env NAME [--dry-run]`. */
  readonly usage: string;
  readonly options: O;
  /** Whether words may follow the name (e.g. `recovery plan`). @default - false */
  readonly positionals?: boolean;
  /** Longer text shown under the usage in `--help`. */
  readonly details?: readonly string[];
}

export type ExitCode = number;

export interface CommandDefinition<O extends OptionSpecs, D> extends CommandInfo<O> {
  /** Gets the parsed arguments; returns the exit code. */
  run(args: ParsedCommand<O>, deps: D): Promise<ExitCode>;
}

export interface Command<D> extends CommandInfo<OptionSpecs> {
  /** Parses argv (the words after the name) strictly and runs the command. */
  run(argv: readonly string[], deps: D, usage: string): Promise<ExitCode>;
}

/** Keeps each command's option types while the program holds them in one table. */
export function defineCommand<D, O extends OptionSpecs>(definition: CommandDefinition<O, D>): Command<D> {
  return {
    ...definition,
    run: (argv, deps, usage) =>
      definition.run(parseCommand(usage, definition.options, argv, definition.positionals ?? false), deps),
  };
}

export interface Program<D> {
  /** How a user invokes it, e.g. `npm run ops --`. */
  readonly invocation: string;
  readonly summary: string;
  readonly commands: readonly Command<D>[];
}

const HELP = { type: 'boolean', help: 'show this help' } as const;

export function isHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** Strict parse: unknown options, missing values and stray positionals become one-line usage errors. */
export function parseCommand<O extends OptionSpecs>(
  usage: string,
  options: O,
  argv: readonly string[],
  allowPositionals = false,
): ParsedCommand<O> {
  const config = Object.fromEntries(
    Object.entries(options).map(([name, o]) => [
      name,
      o.type === 'boolean'
        ? { type: 'boolean' as const, default: false }
        : { type: 'string' as const, ...(o.default === undefined ? {} : { default: o.default }) },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: config,
      strict: true,
      allowPositionals,
    });
    return { values: values as ValuesOf<O>, positionals };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      const reason = (error as Error).message.split('\n')[0]?.replace(/\. To specify .*$/, '') ?? '';
      throw new UsageError(`${reason}; usage: ${usage} (add --help for the options)`);
    }
    throw error;
  }
}

export function commandUsage<D>(program: Program<D>, command: Command<D>): string {
  return [program.invocation, command.name, command.usage].filter((part) => part !== '').join(' ');
}

export function commandHelp<D>(program: Program<D>, command: Command<D>): string {
  const width = Math.max(
    ...Object.entries({ ...command.options, help: HELP }).map(([n, o]) => optionLabel(n, o).length),
  );
  return [
    `usage: ${commandUsage(program, command)}`,
    '',
    command.summary,
    ...(command.details ? ['', ...command.details] : []),
    '',
    'options:',
    ...Object.entries({ ...command.options, help: HELP }).map(
      ([name, o]) =>
        `  ${optionLabel(name, o).padEnd(width)}  ${o.help}${'default' in o && o.default !== undefined ? ` (default ${o.default})` : ''}`,
    ),
  ].join('\n');
}

function optionLabel(name: string, o: OptionSpec): string {
  return `--${name}${o.value ? ` ${o.value}` : ''}`;
}

export function programHelp<D>(program: Program<D>): string {
  const width = Math.max(...program.commands.map((c) => c.name.length));
  return [
    `usage: ${program.invocation} COMMAND [options]`,
    '',
    program.summary,
    '',
    'commands:',
    ...program.commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `${program.invocation} COMMAND --help shows a command's options.`,
  ].join('\n');
}

/** The command whose words start argv (longest name first), and the arguments after its name. */
function findCommand<D>(program: Program<D>, argv: readonly string[]): [Command<D>, string[]] | undefined {
  const byLength = [...program.commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of byLength) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return [command, argv.slice(words.length)];
  }
  return undefined;
}

/**
 * Runs the command argv names. `--help` (anywhere) prints help; no command prints the list of
 * commands; an unknown command is a usage error naming the known ones.
 */
export async function dispatch<D>(
  program: Program<D>,
  argv: readonly string[],
  deps: D,
  log: (line: string) => void,
): Promise<number> {
  const words = argv.filter((a) => !a.startsWith('-'));
  const found = findCommand(program, argv);
  if (!found) {
    if (words.length === 0 || argv[0] === 'help' || argv[0]?.startsWith('-')) {
      log(programHelp(program));
      return 0;
    }
    const group = program.commands.filter((c) => c.name.split(' ')[0] === argv[0]);
    if (group.length > 0)
      throw new UsageError(group.map((c) => `usage: ${commandUsage(program, c)}`).join(' | '));
    throw new UsageError(
      `unknown command "${words.join(' ')}"; commands: ${program.commands.map((c) => c.name).join(', ')} (${program.invocation} --help)`,
    );
  }
  const [command, rest] = found;
  if (isHelp(rest)) {
    log(commandHelp(program, command));
    return 0;
  }
  return command.run(rest, deps, commandUsage(program, command));
}
