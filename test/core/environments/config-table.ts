/** Builders for the table-driven config tests: a valid example with dotted keys replaced. */
import { stringify } from 'yaml';
import { exampleRaw } from '../../helpers/synth';

export type Raw = Record<string, unknown>;

/** A copy of `base` with each dotted path (`a.b.0.c`) set; `undefined` deletes the key. */
export function withKeys(base: Raw, changes: Record<string, unknown>): Raw {
  const raw = structuredClone(base);
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    let node: Record<string, unknown> = raw;
    for (const key of keys.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    const last = keys.at(-1) as string;
    if (value === undefined) delete node[last];
    else node[last] = value;
  }
  return raw;
}

/** example-prod (valid) with changes. */
export const prod = (changes: Record<string, unknown> = {}) => withKeys(exampleRaw('example-prod'), changes);

export const text = (raw: Raw | string) => (typeof raw === 'string' ? raw : stringify(raw));

/** A second environment in another account that owns no budget or monitor, for cross-file cases. */
export const neighbour = (changes: Record<string, unknown> = {}) =>
  prod({
    'budget.manageBudget': false,
    'budget.anomalyMonitor': false,
    'app.logGroups': [{ name: '/ticketing/other/app' }],
    ...changes,
  });
