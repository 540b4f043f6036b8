/**
 * `npm run ops -- init`: writes config/NAME.yaml for an environment alone in its account, from
 * config/example-prod.yaml (the standalone example): the account's whole free allowance
 * (the freeTier section's defaults), the account budget and the anomaly monitor. Validates the
 * result before writing, and lists the placeholders left to fill in.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { freeTierSection } from '../../lib/core/config/sections/free-tier';
import { parseEnvironment } from '../../lib/core/environments/load';
import { UsageError } from '../cli/errors';

export const INIT_TEMPLATE = 'example-prod';

export interface InitArgs {
  readonly env: string;
  readonly account: string;
  readonly region: string;
  readonly api: 'rest' | 'http';
  readonly force: boolean;
}

/** Values of the template that name the example's resources, not yours. */
const PLACEHOLDER = /example|placeholder|\+8210000|ticketing-|\/ops-stack\/|abcde12345/;

export interface InitResult {
  readonly file: string;
  /** `path: value` of every placeholder left in the written file. */
  readonly fillIn: string[];
}

export function initEnvironment(configDir: string, args: InitArgs): InitResult {
  if (!/^\d{12}$/.test(args.account))
    throw new UsageError(`--account must be a 12-digit AWS account id, got "${args.account}"`);
  const file = join(configDir, `${args.env}.yaml`);
  if (existsSync(file) && !args.force)
    throw new UsageError(`${file} exists; edit it, or add --force to overwrite it`);
  // The example's own header comment would describe the example, not this environment.
  const template = readFileSync(join(configDir, `${INIT_TEMPLATE}.yaml`), 'utf8').replace(/^(#.*\n)+/, '');
  const doc = parseDocument(template);
  doc.commentBefore = ` yaml-language-server: $schema=./schema.json\n ${args.env}: alone in account ${args.account}, so it takes the account's whole free allowance,\n the account budget and the anomaly monitor. Written by \`npm run ops -- init\` from ${INIT_TEMPLATE}.yaml.\n Deploy: see README "Deploy".`;
  doc.set('account', args.account);
  doc.set('region', args.region);
  doc.set('freeTier', doc.createNode(freeTierSection.parse({})));
  if (args.api === 'http')
    doc.set('api', doc.createNode({ kind: 'http', id: 'abcde12345', stage: '$default' }));
  doc.setIn(['budget', 'manageBudget'], true);
  doc.setIn(['budget', 'anomalyMonitor'], true);
  const text = doc.toString();
  const parsed = parseEnvironment(args.env, text, `config/${args.env}.yaml`);
  if ('problems' in parsed) {
    throw new UsageError(
      `the new config would be invalid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  }
  writeFileSync(file, text);
  return { file, fillIn: placeholders(doc.contents, []) };
}

function placeholders(node: unknown, path: (string | number)[]): string[] {
  if (isScalar(node)) {
    const value = String(node.value);
    return PLACEHOLDER.test(value) ? [`${path.join('.')}: ${value}`] : [];
  }
  if (isMap(node) || (typeof node === 'object' && node !== null && 'items' in node)) {
    const items = (node as { items: unknown[] }).items;
    return items.flatMap((item, i) => {
      if (typeof item === 'object' && item !== null && 'key' in item && 'value' in item) {
        const { key, value } = item as { key: unknown; value: unknown };
        return placeholders(value, [...path, isScalar(key) ? String(key.value) : String(key)]);
      }
      return placeholders(item, [...path, i]);
    });
  }
  return [];
}
