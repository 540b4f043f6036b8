/** What an RDS instance's state means for recovery. Pure. */
export type Verdict = 'healthy' | 'wait' | 'fix' | 'restore';

export interface Assessment {
  readonly verdict: Verdict;
  readonly state: string;
  readonly reason: string;
}

/**
 * DB instance statuses ("Viewing Amazon RDS DB instance status", RDS user guide). A `switch`, not a
 * lookup table: each case is code the tests run (module-level tables are never mutated at runtime,
 * so a mutation test could not tell whether a state is checked).
 */
function isTransient(state: string): boolean {
  switch (state) {
    case 'rebooting':
    case 'maintenance':
    case 'modifying':
    case 'upgrading':
    case 'backing-up':
    case 'renaming':
    case 'stopping':
    case 'starting':
    case 'configuring-enhanced-monitoring':
    case 'configuring-iam-database-auth':
    case 'configuring-log-exports':
    case 'converting-to-vpc':
    case 'moving-to-vpc':
    case 'resetting-master-credentials':
    case 'storage-optimization':
      return true;
    default:
      return false;
  }
}

/** States that a restore would not fix, with the first thing to do instead. */
function fixFor(state: string): string | undefined {
  switch (state) {
    case 'storage-full':
      return 'Storage is full: increase AllocatedStorage with ModifyDBInstance; a restore would fill up too.';
    case 'incompatible-parameters':
      return 'The parameter group is incompatible: fix or reset the parameter group and reboot; a restore would inherit it.';
    case 'incompatible-network':
      return 'The subnet group or network is broken: fix the subnet group or ENIs; the restore needs the same network.';
    case 'inaccessible-encryption-credentials':
      return 'The KMS key is disabled or its grant was revoked: re-enable the key; the data and backups are encrypted with it.';
    case 'inaccessible-encryption-credentials-recoverable':
      return 'The KMS key is inaccessible but recoverable: re-enable the key within 7 days and start the instance.';
    case 'stopped':
      return 'The instance was stopped by someone: start it (aws rds start-db-instance).';
    case 'insufficient-capacity':
      return 'No capacity for the instance class in this AZ: modify to another class or AZ.';
    default:
      return undefined;
  }
}

const needsRestore = (state: string) =>
  state === 'failed' || state === 'incompatible-restore' || state === 'restore-error' || state === 'deleting';

/** `state` is undefined when the instance no longer exists (deleted: RDS-EVENT-0003). */
export function assessInstance(state: string | undefined): Assessment {
  if (state === undefined) {
    return {
      verdict: 'restore',
      state: 'not found',
      reason: 'the instance is gone; restore from its retained backups',
    };
  }
  if (state === 'available') return { verdict: 'healthy', state, reason: 'the instance is available' };
  if (isTransient(state))
    return { verdict: 'wait', state, reason: `${state} is transient; waiting before deciding` };
  const fix = fixFor(state);
  if (fix) return { verdict: 'fix', state, reason: fix };
  if (needsRestore(state))
    return { verdict: 'restore', state, reason: `${state}: RDS recommends a point-in-time restore` };
  return {
    verdict: 'fix',
    state,
    reason: `unknown state "${state}": check the instance by hand before restoring`,
  };
}
