/**
 * `npm run synth [-- --env NAME[,NAME]]`: synthesizes the environments (default: every
 * config/example-*) with `cdk synth` and prints the free-tier report the synth wrote.
 * `--report-only` prints the report of the last synth without synthesizing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FreeTierReport } from '../lib/core/guard/free-tier';
import { formatFreeTierReport } from '../lib/core/guard/report-table';
import { commandHelp, defineCommand, type OptionSpecs, type Program } from '../tools/cli/command';
import { runMain } from '../tools/cli/errors';

const options = {
  env: {
    type: 'string',
    value: 'NAME[,NAME]',
    help: 'environments to synthesize (default: every example-*)',
  },
  out: { type: 'string', value: 'DIR', default: 'cdk.out', help: 'the cloud assembly folder' },
  'report-only': { type: 'boolean', help: 'print the report of the last synth, do not synthesize' },
} as const satisfies OptionSpecs;

const synth = defineCommand<null, typeof options>({
  name: '',
  summary:
    "Synthesizes the environments and prints their free-tier report (the report's exit code is 1 when over).",
  usage: '[--env NAME[,NAME]] [--out DIR] [--report-only]',
  options,
  async run({ values }) {
    if (!values['report-only']) {
      const args = [
        'cdk',
        'synth',
        '-q',
        '-o',
        values.out,
        ...(values.env ? ['-c', `env=${values.env}`] : []),
      ];
      const result = spawnSync('npx', args, { stdio: 'inherit' });
      if (result.status !== 0) return result.status ?? 1;
    }
    const file = join(values.out, 'free-tier-report.json');
    const report = JSON.parse(readFileSync(file, 'utf8')) as FreeTierReport;
    process.stdout.write(`${formatFreeTierReport(report)}\n\nWritten to ${file}\n`);
    return report.ok ? 0 : 1;
  },
});

const program: Program<null> = { invocation: 'npm run synth --', summary: synth.summary, commands: [synth] };
const argv = process.argv.slice(2);
runMain(async () => {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${commandHelp(program, synth)}\n`);
    return 0;
  }
  return synth.run(argv, null, 'npm run synth -- [--env NAME[,NAME]] [--out DIR] [--report-only]');
});
