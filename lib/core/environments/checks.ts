/**
 * Checks of one environment that read several sections or the catalog, run after the schema
 * accepted the file.
 */

import { RDS_IDENTIFIER_MAX } from '../config/rules/names';
import type { EnvironmentConfig } from '../config/schema';
import { SMS_PRICING_PAGE, smsPriceFor } from '../config/sections/paging';
import { SEVERITIES } from '../severity/severities';
import { checkThresholds, type FieldProblem } from './thresholds';

/**
 * The recovery workflow names the restore target `<id>-r-<yyyymmddhh>` and, with the rename
 * switch, the failed source `<id>-failed-<yyyymmddhh>` (lib/core/recovery/incident.ts); IAM allows
 * exactly `<id>-r-*` and `<id>-failed-*`. Both names must fit RDS's 63 characters untruncated, or
 * the restore is denied mid-outage. A test checks these lengths against the recovery functions.
 */
const STAMP = 'yyyymmddhh'.length;
export const RESTORE_TARGET_ROOM = RDS_IDENTIFIER_MAX - '-r-'.length - STAMP;
export const RENAMED_SOURCE_ROOM = RDS_IDENTIFIER_MAX - '-failed-'.length - STAMP;

export function checkEnvironment(config: EnvironmentConfig): FieldProblem[] {
  return [
    ...checkRecoveryNames(config),
    ...checkLogGroups(config),
    ...checkProfile(config),
    ...checkSmsPrices(config),
    ...checkThresholds(config),
  ];
}

function checkRecoveryNames(config: EnvironmentConfig): FieldProblem[] {
  const recovery = config.recovery;
  if (!recovery?.enabled) return [];
  const id = config.database.instanceIdentifier;
  const rename = recovery.switch.strategy === 'rename';
  const max = rename ? RENAMED_SOURCE_ROOM : RESTORE_TARGET_ROOM;
  if (id.length <= max) return [];
  const reason = rename
    ? `the rename switch renames it to <id>-failed-<yyyymmddhh> (18 more characters)`
    : `recovery restores it as <id>-r-<yyyymmddhh> (13 more characters)`;
  return [
    {
      path: 'database.instanceIdentifier',
      message: `at most ${max} characters with recovery (got ${id.length}): ${reason}, RDS allows ${RDS_IDENTIFIER_MAX}, and a shortened name would not match the IAM pattern the restore is allowed`,
    },
  ];
}

function checkLogGroups(config: EnvironmentConfig): FieldProblem[] {
  return repeats(
    config.app.logGroups.map((g) => g.name),
    (name, index, earlier) => ({
      path: `app.logGroups.${index}.name`,
      message: `${name} is already listed at app.logGroups.${earlier}; list each log group once`,
    }),
  );
}

/** One problem for each value that an earlier index of the list already holds. */
function repeats(
  values: readonly string[],
  problem: (value: string, index: number, earlier: number) => FieldProblem,
): FieldProblem[] {
  const first = new Map<string, number>();
  return values.flatMap((value, index) => {
    const earlier = first.get(value);
    if (earlier !== undefined) return [problem(value, index, earlier)];
    first.set(value, index);
    return [];
  });
}

function checkProfile(config: EnvironmentConfig): FieldProblem[] {
  if (config.slo.precise && config.profile === 'free') {
    return [
      {
        path: 'slo.precise',
        message:
          'the composite alarm of precise burn-rate alerting costs $0.50/month; set profile: standard to accept paid alarms',
      },
    ];
  }
  return [];
}

/** SMS is never free and its price varies by country: every SMS page must be priced before deploy. */
function checkSmsPrices(config: EnvironmentConfig): FieldProblem[] {
  const prices = config.paging.smsPrices;
  const problems = repeats(
    prices.map((p) => p.prefix),
    (prefix, index, earlier) => ({
      path: `paging.smsPrices.${index}.prefix`,
      message: `${prefix} is already priced at paging.smsPrices.${earlier}; give each calling code one price`,
    }),
  );
  for (const severity of SEVERITIES) {
    config.paging[severity].forEach((subscription, index) => {
      if (subscription.type !== 'sms' || smsPriceFor(subscription.number, prices)) return;
      problems.push({
        path: `paging.${severity}.${index}.number`,
        message: `no SMS price for ${subscription.number}: SMS is never free and its price depends on the country, so add paging.smsPrices with its calling code (+82 for Korea), the USD per message from ${SMS_PRICING_PAGE} and where you read it`,
      });
    });
  }
  return problems;
}
