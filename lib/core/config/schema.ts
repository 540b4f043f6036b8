/**
 * The environment configuration: one data file per environment under the config directory.
 *
 * Each section's schema lives in `sections/<section>.ts`; this file composes them. This schema is
 * the single place where config defaults live (zod `.default`); every optional key says its
 * default in its description, which also feeds the exported JSON Schema that editors use.
 * Checks that need the catalog or several files (threshold ranges, account shares) live in
 * `lib/core/environments`.
 */
import { z } from 'zod';
import { apiSection } from './sections/api';
import { appSection } from './sections/app';
import { billingSection } from './sections/billing';
import { budgetSection } from './sections/budget';
import { cacheSection } from './sections/cache';
import { accountId, region } from './sections/common';
import { databaseSection } from './sections/database';
import { freeTierSection } from './sections/free-tier';
import { pagingSection } from './sections/paging';
import { recoverySection } from './sections/recovery';
import { sloSection } from './sections/slo';
import { thresholdsSection } from './sections/thresholds';

export type { Subscription } from './sections/paging';

export const environmentSchema = z
  .strictObject({
    account: accountId
      .optional()
      .describe('Target account. @default - the account of the credentials that run `cdk deploy`'),
    region: region.default('us-east-1').describe('Target region. @default - us-east-1'),
    tier: z
      .enum(['dev', 'staging', 'prod'])
      .default('dev')
      .describe('Kind of environment; prod needs approvals and confirmations. @default - dev'),
    profile: z
      .enum(['free', 'standard'])
      .default('free')
      .describe(
        'free keeps the account inside the CloudWatch free tier; standard alarms on every signal. @default - free',
      ),
    billing: billingSection,
    freeTier: freeTierSection,
    api: apiSection,
    database: databaseSection,
    cache: cacheSection,
    app: appSection,
    slo: sloSection,
    thresholds: thresholdsSection,
    paging: pagingSection,
    recovery: recoverySection,
    budget: budgetSection,
  })
  .describe('ops-stack environment configuration');

/** What a config file may contain (defaults not yet applied). */
export type EnvironmentConfigInput = z.input<typeof environmentSchema>;
/** A validated config with every default applied, plus its name (the file name). */
export type EnvironmentConfig = z.output<typeof environmentSchema> & { readonly name: string };

/** JSON Schema of a config file, for editors (`config/schema.json` is generated from this). */
export function environmentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(environmentSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
}
