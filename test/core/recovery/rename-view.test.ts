/**
 * The rename sequence from what the describes observed: which identifiers exist, and the exact
 * reason the switch waits or refuses (the failure page quotes it to the on-call engineer).
 */
import { describe, expect, it } from 'vitest';
import type { ObservedInstance } from '../../../lib/core/recovery/failure-report';
import { nextRenameStep, renameView } from '../../../lib/core/recovery/rename';

const seen = (id: string, status: string, more: Partial<ObservedInstance> = {}): ObservedInstance => ({
  id,
  status,
  ...more,
});
const ORIGINAL = 'ticketing-dev-db';
const RENAMED = 'ticketing-dev-db-failed-2026112210';
const TARGET = 'ticketing-dev-db-r-2026112210';
const missing = (id: string) => seen(id, 'missing');

describe('renameView', () => {
  it('leaves out what RDS says is missing, and keeps status, tag and endpoint of what exists', () => {
    expect(renameView(missing(ORIGINAL), missing(RENAMED), missing(TARGET))).toEqual({});
    expect(
      renameView(
        seen(ORIGINAL, 'available', { endpoint: 'db.example:3306' }),
        seen(RENAMED, 'stopped', { ours: true }),
        seen(TARGET, 'backing-up', { ours: true }),
      ),
    ).toEqual({
      original: { status: 'available', ours: false, endpoint: 'db.example:3306' },
      renamed: { status: 'stopped' },
      target: { status: 'backing-up', ours: true },
    });
  });

  it('an instance whose describe failed is present, as unknown and not ours', () => {
    expect(renameView(seen(ORIGINAL, 'unknown'), missing(RENAMED), seen(TARGET, 'unknown'))).toEqual({
      original: { status: 'unknown', ours: false },
      target: { status: 'unknown', ours: false },
    });
  });
});

describe('nextRenameStep: the reasons it waits or refuses', () => {
  const step = (original: ObservedInstance, renamed: ObservedInstance, target: ObservedInstance) =>
    nextRenameStep(renameView(original, renamed, target));
  const ours = { ours: true };

  it.each([
    [
      'the restored instance is under the name but not available yet',
      [seen(ORIGINAL, 'modifying', ours), seen(RENAMED, 'available'), missing(TARGET)],
      { act: 'wait', why: 'the restored instance is modifying under the original name' },
    ],
    [
      'the restored instance is available under the name but has no endpoint yet',
      [seen(ORIGINAL, 'available', ours), seen(RENAMED, 'available'), missing(TARGET)],
      { act: 'wait', why: 'the restored instance is available under the original name' },
    ],
    [
      'the failed source is being renamed',
      [seen(ORIGINAL, 'renaming'), missing(RENAMED), seen(TARGET, 'available', ours)],
      { act: 'wait', why: 'the failed source is being renamed' },
    ],
    [
      'a stranger took the name after the source moved',
      [seen(ORIGINAL, 'available'), seen(RENAMED, 'available'), seen(TARGET, 'available', ours)],
      {
        act: 'refuse',
        why: "an instance without this incident's tag holds the original name, and the failed source was already renamed",
      },
    ],
    [
      'the target exists without the tag, while the source still holds the name',
      [seen(ORIGINAL, 'failed'), missing(RENAMED), seen(TARGET, 'available')],
      { act: 'refuse', why: "the restore target exists but does not carry this incident's tag" },
    ],
    [
      'no target while the source still holds the name',
      [seen(ORIGINAL, 'failed'), missing(RENAMED), missing(TARGET)],
      { act: 'refuse', why: 'the restore target does not exist' },
    ],
    [
      'the target is still being created while the source holds the name',
      [seen(ORIGINAL, 'failed'), missing(RENAMED), seen(TARGET, 'creating', ours)],
      { act: 'wait', why: 'the restore target is creating' },
    ],
    [
      'nothing holds the name and no target: it is being renamed',
      [missing(ORIGINAL), seen(RENAMED, 'available'), missing(TARGET)],
      { act: 'wait', why: 'nothing holds the original name and the target is being renamed' },
    ],
    [
      'nothing holds the name and the target is not ours',
      [missing(ORIGINAL), seen(RENAMED, 'available'), seen(TARGET, 'available')],
      { act: 'refuse', why: "the restore target does not carry this incident's tag" },
    ],
    [
      'nothing holds the name and the target is still backing up',
      [missing(ORIGINAL), seen(RENAMED, 'available'), seen(TARGET, 'backing-up', ours)],
      { act: 'wait', why: 'the restore target is backing-up' },
    ],
  ] as const)('%s', (_case, [original, renamed, target], expected) => {
    expect(step(original, renamed, target)).toEqual(expected);
  });

  it('renames the source once the target is ready, the target once the name is free, and is done with the endpoint', () => {
    expect(step(seen(ORIGINAL, 'failed'), missing(RENAMED), seen(TARGET, 'available', ours))).toEqual({
      act: 'rename-source',
    });
    expect(step(missing(ORIGINAL), seen(RENAMED, 'available'), seen(TARGET, 'available', ours))).toEqual({
      act: 'rename-target',
    });
    expect(
      step(
        seen(ORIGINAL, 'available', { ours: true, endpoint: 'db.example:3306' }),
        seen(RENAMED, 'available'),
        missing(TARGET),
      ),
    ).toEqual({ act: 'done', endpoint: 'db.example:3306' });
  });
});
