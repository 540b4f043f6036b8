/** Every generated document, by path: `npm run docs` writes them and a test fails when they drift. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { environmentJsonSchema } from '../config/schema';
import { loadEnvironments } from '../environments/load';
import { renderAlarmsDoc } from './alarms-doc';
import { renderMetricsDoc } from './metrics-doc';
import { README_BLOCKS, spliceGenerated } from './readme-blocks';

export const REFERENCE_ENVIRONMENT = 'example-prod';

export function generatedDocuments(root: string): Record<string, string> {
  const examples = loadEnvironments(join(root, 'config'));
  const reference = examples.find((c) => c.name === REFERENCE_ENVIRONMENT);
  if (!reference)
    throw new Error(`config/${REFERENCE_ENVIRONMENT}.yaml is the docs' reference and must exist`);
  return {
    'docs/alarms.md': renderAlarmsDoc(reference, examples),
    'docs/metrics.md': renderMetricsDoc(examples),
    'README.md': spliceGenerated(readFileSync(join(root, 'README.md'), 'utf8'), README_BLOCKS),
    'config/schema.json': `${JSON.stringify(environmentJsonSchema(), null, 2)}\n`,
  };
}
