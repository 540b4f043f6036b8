/**
 * `npm ci` prints EBADENGINE for every locked package whose `engines.node` the running Node does not
 * satisfy. This repeats npm's check over the lockfile, so a dependency that drops this Node fails
 * here, not as a warning a newcomer meets first.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const { satisfies } = createRequire(__filename)('semver') as {
  satisfies(version: string, range: string): boolean;
};

interface Locked {
  readonly engines?: { readonly node?: string } | readonly string[];
  readonly resolved?: string;
}
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, Locked>;
};
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};

function nodeRange(p: Locked): string | undefined {
  return p.engines && !Array.isArray(p.engines) ? (p.engines as { node?: string }).node : undefined;
}

describe('engines: npm ci on this Node warns about nothing', () => {
  it(`this Node (${process.version}) is one package.json's engines accept`, () => {
    expect(satisfies(process.version, manifest.engines.node)).toBe(true);
  });

  it('every locked package accepts this Node', () => {
    const refused = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, p]) => {
        const range = nodeRange(p);
        return range !== undefined && !satisfies(process.version, range)
          ? [`${path} wants node ${range}`]
          : [];
      });
    expect(refused).toEqual([]);
  });

  it('the check can fail: Node 20 is refused by the registry copy of aws-local-stepfunctions', () => {
    expect(satisfies('v20.20.2', '>=22.0.0')).toBe(false);
    expect(satisfies('v20.20.2', '^20.19.0 || >=22.12.0')).toBe(true);
  });

  it('aws-local-stepfunctions comes from the vendored copy, which differs from the registry only in engines', () => {
    expect(manifest.devDependencies['aws-local-stepfunctions']).toBe(
      'file:vendor/aws-local-stepfunctions-3.0.0-node20.tgz',
    );
    const vendored = lock.packages['node_modules/aws-local-stepfunctions'];
    expect(vendored?.resolved).toBe('file:vendor/aws-local-stepfunctions-3.0.0-node20.tgz');
    expect(nodeRange(vendored ?? {})).toBe('>=20.0.0');
  });
});
