/** The consolidated billing family an environment's free allowances are counted in. */
import type { EnvironmentConfig } from './schema';

export interface BillingFamily {
  /** `org:<payer>` for an AWS Organization, `account:<id>` for an account that pays its own bill. */
  readonly id: string;
  /** For messages and the report, e.g. `organization of payer 123456789012`. */
  readonly label: string;
  /** Billing Conductor billing group (pro forma family inside the organization). @default - none */
  readonly billingGroup?: string;
}

/** An environment without `account` deploys with the CLI's credentials: one unknown account. */
export const DEFAULT_ACCOUNT = '(default credentials)';

export function accountOf(config: Pick<EnvironmentConfig, 'account'>): string {
  return config.account ?? DEFAULT_ACCOUNT;
}

export function billingFamilyOf(config: Pick<EnvironmentConfig, 'account' | 'billing'>): BillingFamily {
  const { payerAccount, billingGroup } = config.billing;
  if (payerAccount !== undefined) {
    return {
      id: `org:${payerAccount}`,
      label: `organization of payer ${payerAccount}`,
      ...(billingGroup === undefined ? {} : { billingGroup }),
    };
  }
  return { id: `account:${accountOf(config)}`, label: `account ${accountOf(config)}` };
}
