import { describe, expect, it } from 'vitest';
import {
  type Command,
  defineCommand,
  dispatch,
  type OptionSpecs,
  type Program,
} from '../../tools/cli/command';
import { CREDENTIALS_HINT, explainError, UsageError } from '../../tools/cli/errors';

const options = {
  env: { type: 'string', value: 'NAME', help: 'the environment' },
  hold: { type: 'string', value: 'SECONDS', default: '30', help: 'hold time' },
  yes: { type: 'boolean', help: 'confirm' },
} as const satisfies OptionSpecs;

const seen: unknown[] = [];
const fire = defineCommand<null, typeof options>({
  name: 'drill fire',
  summary: 'fires a drill',
  usage: '--env NAME [--hold SECONDS] [--yes]',
  options,
  async run({ values }) {
    seen.push(values);
    return values.yes ? 0 : 3;
  },
});
const status: Command<null> = defineCommand<null, OptionSpecs>({
  name: 'status',
  summary: 'shows status',
  usage: '',
  options: {},
  async run() {
    return 0;
  },
});
const program: Program<null> = {
  invocation: 'npm run t --',
  summary: 'Test tool.',
  commands: [fire, status],
};

function run(argv: string[]) {
  const lines: string[] = [];
  return dispatch(program, argv, null, (l) => lines.push(l)).then((code) => ({
    code,
    out: lines.join('\n'),
  }));
}

describe('dispatch', () => {
  it('lists every command for no arguments, --help and help', async () => {
    for (const argv of [[], ['--help'], ['help'], ['-h']]) {
      const { code, out } = await run(argv);
      expect(code).toBe(0);
      expect(out).toContain('usage: npm run t -- COMMAND [options]');
      expect(out).toMatch(/drill fire\s+fires a drill/);
      expect(out).toMatch(/status\s+shows status/);
    }
  });

  it("prints a command's options for --help and runs nothing", async () => {
    seen.length = 0;
    const { code, out } = await run(['drill', 'fire', '--help']);
    expect(code).toBe(0);
    expect(out).toContain('usage: npm run t -- drill fire --env NAME [--hold SECONDS] [--yes]');
    expect(out).toMatch(/--hold SECONDS\s+hold time \(default 30\)/);
    expect(out).toMatch(/--help\s+show this help/);
    expect(seen).toEqual([]);
  });

  it('passes typed values with defaults and returns the exit code', async () => {
    seen.length = 0;
    expect((await run(['drill', 'fire', '--env', 'dev'])).code).toBe(3);
    expect((await run(['drill', 'fire', '--env', 'dev', '--yes', '--hold', '5'])).code).toBe(0);
    expect(seen).toEqual([
      { env: 'dev', hold: '30', yes: false },
      { env: 'dev', hold: '5', yes: true },
    ]);
  });

  it('turns unknown options, missing values and stray words into one-line usage errors', async () => {
    await expect(run(['drill', 'fire', '--bogus'])).rejects.toThrowError(
      new UsageError(
        "Unknown option '--bogus'; usage: npm run t -- drill fire --env NAME [--hold SECONDS] [--yes] (add --help for the options)",
      ),
    );
    await expect(run(['drill', 'fire', '--env'])).rejects.toThrowError(
      /^Option '--env <value>' argument missing; usage:/,
    );
    await expect(run(['status', 'extra'])).rejects.toThrowError(
      /^Unexpected argument 'extra'. This command does not take positional arguments; usage: npm run t -- status/,
    );
  });

  it('names the known commands for an unknown one, and the usage of a known group', async () => {
    await expect(run(['launch'])).rejects.toThrowError(
      'unknown command "launch"; commands: drill fire, status (npm run t -- --help)',
    );
    await expect(run(['drill', 'water'])).rejects.toThrowError(
      'usage: npm run t -- drill fire --env NAME [--hold SECONDS] [--yes]',
    );
  });
});

describe('explainError', () => {
  const named = (name: string, message = 'm') => Object.assign(new Error(message), { name });

  it('says how to configure credentials for the SDK credential errors, in one line', () => {
    for (const name of ['CredentialsProviderError', 'ExpiredTokenException', 'InvalidClientTokenId']) {
      expect(explainError(named(name, 'Could not load credentials from any providers\n    at x'))).toEqual({
        line: CREDENTIALS_HINT,
        exitCode: 1,
      });
    }
    expect(CREDENTIALS_HINT).not.toContain('\n');
  });

  it('keeps usage errors to their first line with exit code 2, and config errors whole', () => {
    expect(explainError(new UsageError('bad --env\nmore'))).toEqual({ line: 'bad --env', exitCode: 2 });
    expect(explainError(named('RecoveryUsageError', 'no token'))).toEqual({ line: 'no token', exitCode: 2 });
    expect(explainError(named('ConfigError', 'Invalid configuration (2 problems):\n  - a\n  - b'))).toEqual({
      line: 'Invalid configuration (2 problems):\n  - a\n  - b',
      exitCode: 2,
    });
  });

  it('separates permission and network failures from anything else, never printing a stack', () => {
    expect(
      explainError(named('AccessDeniedException', 'not authorized to perform: sns:ListTopics\nat')).line,
    ).toBe(
      'AWS denied the call (AccessDeniedException): the credentials lack a permission. not authorized to perform: sns:ListTopics',
    );
    const offline = Object.assign(new Error('getaddrinfo'), { cause: { code: 'ENOTFOUND' } });
    expect(explainError(offline).line).toBe('cannot reach AWS (ENOTFOUND): check the network and the region');
    const other = explainError(new TypeError('x is not a function\n    at foo (bar.ts:1:1)'));
    expect(other).toEqual({
      line: 'TypeError: x is not a function (OPS_DEBUG=1 prints the stack)',
      exitCode: 1,
    });
  });
});
