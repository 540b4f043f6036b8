import { describe, expect, it } from 'vitest';
import { nextRenameStep } from '../../../lib/core/recovery/rename';

const available = { status: 'available' };

describe('rename mode: a resumable sequence decided from what exists now', () => {
  it('moves the failed source away once the target is ready, then gives the target the name', () => {
    expect(
      nextRenameStep({ original: { status: 'failed', ours: false }, target: { ...available, ours: true } }),
    ).toEqual({
      act: 'rename-source',
    });
    expect(nextRenameStep({ renamed: { status: 'failed' }, target: { ...available, ours: true } })).toEqual({
      act: 'rename-target',
    });
    expect(
      nextRenameStep({
        original: { ...available, ours: true, endpoint: 'db.example' },
        renamed: { status: 'failed' },
      }),
    ).toEqual({ act: 'done', endpoint: 'db.example' });
  });

  it('never renames the restored instance away: an instance with the incident tag under the original name is ours', () => {
    const step = nextRenameStep({ original: { status: 'renaming', ours: true } });
    expect(step).toMatchObject({ act: 'wait' });
    expect(nextRenameStep({ original: { status: 'available', ours: true } })).toMatchObject({ act: 'wait' });
  });

  it('source deleted (RDS-EVENT-0003): the target takes the name directly', () => {
    expect(nextRenameStep({ target: { ...available, ours: true } })).toEqual({ act: 'rename-target' });
  });

  it('waits while a rename or the target is in progress', () => {
    expect(
      nextRenameStep({ original: { status: 'renaming', ours: false }, target: { ...available, ours: true } }),
    ).toMatchObject({ act: 'wait' });
    expect(
      nextRenameStep({
        original: { status: 'failed', ours: false },
        target: { status: 'backing-up', ours: true },
      }),
    ).toMatchObject({ act: 'wait' });
    expect(
      nextRenameStep({ renamed: { status: 'failed' }, target: { status: 'renaming', ours: true } }),
    ).toMatchObject({ act: 'wait' });
    expect(nextRenameStep({ renamed: { status: 'failed' } })).toMatchObject({ act: 'wait' });
  });

  it("refuses to touch instances that are not this incident's", () => {
    expect(
      nextRenameStep({ original: { status: 'available', ours: false }, renamed: { status: 'failed' } }),
    ).toMatchObject({ act: 'refuse' });
    expect(
      nextRenameStep({ original: { status: 'failed', ours: false }, target: { ...available, ours: false } }),
    ).toMatchObject({ act: 'refuse' });
    expect(nextRenameStep({ target: { ...available, ours: false } })).toMatchObject({ act: 'refuse' });
    expect(nextRenameStep({ original: { status: 'failed', ours: false } })).toMatchObject({ act: 'refuse' });
  });
});
