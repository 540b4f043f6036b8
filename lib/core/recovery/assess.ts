/** What an RDS instance's state means for recovery. Pure. */
export type Verdict = 'healthy' | 'wait' | 'fix' | 'restore';

export interface Assessment {
  readonly verdict: Verdict;
  readonly state: string;
  readonly reason: string;
}

const TRANSIENT = new Set([
  'rebooting',
  'maintenance',
  'modifying',
  'upgrading',
  'backing-up',
  'renaming',
  'stopping',
  'starting',
  'configuring-enhanced-monitoring',
  'configuring-iam-database-auth',
  'configuring-log-exports',
  'converting-to-vpc',
  'moving-to-vpc',
  'resetting-master-credentials',
  'storage-optimization',
]);

/** States that a restore would not fix, with the first thing to do instead. */
const NEEDS_FIX: Record<string, string> = {
  'storage-full':
    'Storage is full: increase AllocatedStorage with ModifyDBInstance; a restore would fill up too.',
  'incompatible-parameters':
    'The parameter group is incompatible: fix or reset the parameter group and reboot; a restore would inherit it.',
  'incompatible-network':
    'The subnet group or network is broken: fix the subnet group or ENIs; the restore needs the same network.',
  'inaccessible-encryption-credentials':
    'The KMS key is disabled or its grant was revoked: re-enable the key; the data and backups are encrypted with it.',
  'inaccessible-encryption-credentials-recoverable':
    'The KMS key is inaccessible but recoverable: re-enable the key within 7 days and start the instance.',
  stopped: 'The instance was stopped by someone: start it (aws rds start-db-instance).',
  'insufficient-capacity': 'No capacity for the instance class in this AZ: modify to another class or AZ.',
};

const RESTORE = new Set(['failed', 'incompatible-restore', 'restore-error', 'deleting']);

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
  if (TRANSIENT.has(state))
    return { verdict: 'wait', state, reason: `${state} is transient; waiting before deciding` };
  const fix = NEEDS_FIX[state];
  if (fix) return { verdict: 'fix', state, reason: fix };
  if (RESTORE.has(state))
    return { verdict: 'restore', state, reason: `${state}: RDS recommends a point-in-time restore` };
  return {
    verdict: 'fix',
    state,
    reason: `unknown state "${state}": check the instance by hand before restoring`,
  };
}
