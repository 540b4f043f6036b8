/**
 * The CDK app. The only reader of the environment: `-c env=NAME[,NAME]` picks config files
 * (default: every config/example-*), `-c configDir=DIR` another config folder.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { ConfigError, loadEnvironments } from '../lib/core/environments/load';
import { formatFreeTierReport } from '../lib/core/guard/report-table';
import { addEnvironments, freeTierReportOf } from '../lib/stacks/ops-app';
import { quietBundling } from '../tools/cli/quiet-bundling';

function main(): void {
  quietBundling();
  const app = new App();
  const configDir = String(app.node.tryGetContext('configDir') ?? join(__dirname, '..', 'config'));
  const selection = app.node.tryGetContext('env') as string | undefined;
  try {
    // The deploy mute counts from now: `cdk deploy` synthesizes right before it deploys.
    addEnvironments(app, loadEnvironments(configDir, selection), { deployStartsAt: new Date() });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const assembly = app.synth();
  const report = freeTierReportOf(assembly.stacksRecursively);
  writeFileSync(join(assembly.directory, 'free-tier-report.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (!report.ok) {
    process.stderr.write(`${formatFreeTierReport(report)}\n`);
    process.exit(1);
  }
}

main();
