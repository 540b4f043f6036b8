/** What every `npm run ops` command gets injected: tests pass mocks, the CLI passes real clients. */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { EnvironmentConfig } from '../../lib/core/config/schema';
import { listEnvironments, loadEnvironments } from '../../lib/core/environments/load';
import { UsageError } from '../cli/errors';
import type { DoctorClients } from './doctor';
import type { RecoveryCliDeps } from './recovery';

export interface CliDeps {
  readonly configDir: string;
  readonly cloudwatch: (region: string) => CloudWatchClient;
  readonly recovery?: (region: string) => Omit<RecoveryCliDeps, 'log' | 'now'>;
  readonly doctor?: (region: string) => DoctorClients;
  readonly log: (line: string) => void;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
  /** Who runs the command, for what it records. @default - unknown */
  readonly user?: string;
}

/** The one environment `--env` names, or a one-line usage error saying how to get one. */
export function environmentOf(configDir: string, env: string | undefined): EnvironmentConfig {
  if (!env) throw new UsageError('--env is required: the environment (config file name without .yaml)');
  const known = listEnvironments(configDir);
  if (!known.includes(env)) {
    throw new UsageError(
      `unknown environment "${env}" (known: ${known.join(', ') || 'none'}); create it with: npm run ops -- init --env ${env} --account ID --region REGION`,
    );
  }
  const [config] = loadEnvironments(configDir, env);
  if (!config) throw new UsageError(`unknown environment "${env}"`);
  return config;
}
