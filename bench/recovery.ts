/** From the local DB outage drill: automation overhead, state transitions per recovery, RPO achieved. */

import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { loadEnvironments } from '../lib/core/environments/load';
import { addEnvironments } from '../lib/stacks/ops-app';
import { dbOutageDrill } from '../tools/drill/scenario';

export interface RecoveryFigures {
  readonly environment: string;
  readonly overheadSeconds: number;
  readonly transitions: number;
  readonly rtoMinutes: number;
  readonly rpoSeconds: number;
}

export async function recoveryFigures(environments: readonly string[]): Promise<RecoveryFigures[]> {
  const out: RecoveryFigures[] = [];
  for (const env of environments) {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const [stack] = addEnvironments(app, loadEnvironments(join(__dirname, '..', 'config'), env));
    if (!stack) continue;
    const d = await dbOutageDrill(stack, { approval: { approved: true, afterMinutes: 5 } });
    const restore = d.rds.calls.find((c) => c.name.startsWith('RestoreDBInstance'));
    const report = d.aws.published().at(-1)?.title ?? '';
    out.push({
      environment: env,
      overheadSeconds: restore ? (Date.parse(restore.at) - Date.parse(d.signalTime)) / 1000 : Number.NaN,
      transitions: d.run.transitions,
      rtoMinutes: Number(/RTO (\d+) min/.exec(report)?.[1] ?? Number.NaN),
      rpoSeconds: Number(/RPO (\d+) min/.exec(report)?.[1] ?? Number.NaN) * 60,
    });
  }
  return out;
}
