import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The architecture's import rules (.dependency-cruiser.cjs) run over fixture trees, so a rule that
// stops catching what it names fails here rather than silently letting the real tree drift.
const root = join(__dirname, '..');
const fixtures = join(__dirname, 'fixtures', 'dependency-rules');

function cruise(tree: string): { status: number | null; output: string } {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'depcruise'),
    ['--config', join(root, '.dependency-cruiser.cjs'), 'lib', 'lambdas'],
    { cwd: join(fixtures, tree), encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('dependency rules', () => {
  const bad = cruise('bad');

  it('fail on the bad tree', () => {
    expect(bad.status).not.toBe(0);
  });

  it.each([
    ['a cycle', 'no-circular: lib/core/catalog/signals.ts'],
    [
      'config importing the catalog',
      'core-config-layer: lib/core/config/schema.ts → lib/core/catalog/signals.ts',
    ],
    [
      'pure logic importing a construct',
      'core-is-pure: lib/core/guard/count.ts → lib/constructs/monitoring/alarms.ts',
    ],
    ['pure logic importing aws-cdk-lib', 'core-is-pure: lib/core/guard/stack.ts'],
    [
      'a construct importing function code',
      'constructs-not-stacks-or-functions: lib/constructs/monitoring/alarms.ts → lambdas/notifier/format.ts',
    ],
    [
      'one function importing another',
      'functions-not-each-other: lambdas/notifier/format.ts → lambdas/probe/probe.ts',
    ],
  ])('name %s', (_what, line) => {
    expect(bad.output).toContain(line);
  });

  it('pass a tree that follows them', () => {
    const good = cruise('good');
    expect(good.output).toContain('no dependency violations found');
    expect(good.status).toBe(0);
  });

  it('pass the project itself', () => {
    const result = spawnSync(
      join(root, 'node_modules', '.bin', 'depcruise'),
      ['--config', '.dependency-cruiser.cjs', 'lib', 'lambdas', 'bin', 'tools', 'bench'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(`${result.stdout}${result.stderr}`).toContain('no dependency violations found');
  });
});
