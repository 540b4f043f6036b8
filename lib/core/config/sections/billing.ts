/**
 * `billing`: which consolidated billing family the account belongs to.
 *
 * "For billing purposes, AWS treats all of the accounts in the organization as if they were one
 * account" (AWS Billing User Guide, "Effective billing date, account activity, and volume
 * discounts"), and a Billing Conductor billing group's "pro forma usage is computed as its own
 * consolidated billing family ... an Always Free Tier offering" (AWS Billing Conductor User Guide,
 * "Billing groups"): one Always Free offering per family, so the free CloudWatch allowances are
 * shared by every account the payer pays for, and environment shares are counted per family.
 */
import { z } from 'zod';
import { accountId } from './common';

export const billingSection = z
  .strictObject({
    payerAccount: accountId
      .optional()
      .describe(
        'Management (payer) account of the AWS Organization whose consolidated bill includes this account. Every account it pays for shares one set of free allowances, so shares are counted over all of them. @default - the account pays its own bill and has the allowances to itself',
      ),
    billingGroup: z
      .string()
      .regex(/^[a-zA-Z0-9_+=.@-]{1,128}$/, {
        error: 'expected a Billing Conductor billing group name (1-128 letters, digits, _+=.@-)',
      })
      .optional()
      .describe(
        'AWS Billing Conductor billing group the account belongs to (needs payerAccount); its pro forma bill is a family of its own in the cost report. @default - none',
      ),
  })
  .prefault({})
  .refine((b) => b.billingGroup === undefined || b.payerAccount !== undefined, {
    error: 'a billing group lives inside an AWS Organization: set billing.payerAccount too',
    path: ['billingGroup'],
  })
  .describe(
    'Consolidated billing: which payer the account belongs to. @default - the account pays its own bill',
  );
