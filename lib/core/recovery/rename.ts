/**
 * Rename mode keeps the app's endpoint: the failed source becomes `<id>-failed-<hour>` and the
 * restored instance takes `<id>`. The two renames are a resumable sequence decided only from what
 * exists now, so a retry or a rerun continues where a failure stopped. The restored instance carries
 * this incident's tag, so it is never mistaken for the failed source and renamed away. Pure.
 */
import type { ObservedInstance } from './failure-report';

export interface RenameView {
  /** Whatever is named `<id>` now. */
  readonly original?: { readonly status: string; readonly ours: boolean; readonly endpoint?: string };
  /** `<id>-failed-<hour>`. */
  readonly renamed?: { readonly status: string };
  /** `<id>-r-<hour>`. */
  readonly target?: { readonly status: string; readonly ours: boolean };
}

export type RenameStep =
  | { readonly act: 'done'; readonly endpoint: string }
  | { readonly act: 'rename-source' }
  | { readonly act: 'rename-target' }
  | { readonly act: 'wait'; readonly why: string }
  | { readonly act: 'refuse'; readonly why: string };

/** The view of the three identifiers as observed; `missing` ones are absent. */
export function renameView(
  original: ObservedInstance,
  renamed: ObservedInstance,
  target: ObservedInstance,
): RenameView {
  const present = (i: ObservedInstance) => i.status !== 'missing';
  return {
    ...(present(original)
      ? {
          original: {
            status: original.status,
            ours: original.ours ?? false,
            ...(original.endpoint ? { endpoint: original.endpoint } : {}),
          },
        }
      : {}),
    ...(present(renamed) ? { renamed: { status: renamed.status } } : {}),
    ...(present(target) ? { target: { status: target.status, ours: target.ours ?? false } } : {}),
  };
}

export function nextRenameStep(v: RenameView): RenameStep {
  const { original, renamed, target } = v;
  if (original?.ours) {
    return original.status === 'available' && original.endpoint
      ? { act: 'done', endpoint: original.endpoint }
      : { act: 'wait', why: `the restored instance is ${original.status} under the original name` };
  }
  if (original) {
    if (original.status === 'renaming') return { act: 'wait', why: 'the failed source is being renamed' };
    if (renamed) {
      // Something else took the original name after the source was moved: never touch it.
      return {
        act: 'refuse',
        why: "an instance without this incident's tag holds the original name, and the failed source was already renamed",
      };
    }
    if (target && !target.ours) {
      return { act: 'refuse', why: "the restore target exists but does not carry this incident's tag" };
    }
    if (!target) return { act: 'refuse', why: 'the restore target does not exist' };
    if (target.status !== 'available') return { act: 'wait', why: `the restore target is ${target.status}` };
    return { act: 'rename-source' };
  }
  if (!target) return { act: 'wait', why: 'nothing holds the original name and the target is being renamed' };
  if (!target.ours) return { act: 'refuse', why: "the restore target does not carry this incident's tag" };
  if (target.status !== 'available') return { act: 'wait', why: `the restore target is ${target.status}` };
  return { act: 'rename-target' };
}

/** How long the switch loop may keep waiting (two renames take a few minutes each) before it pages. */
export const SWITCH_TIMEOUT_MINUTES = 30;
