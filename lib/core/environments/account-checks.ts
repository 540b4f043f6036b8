/**
 * Checks across every config file of the directory, whichever environments are selected: what
 * one account (or one billing family) holds is only known from all of them, so `-c env=a` still
 * counts `b.yaml` in the same account.
 */
import { accountOf, billingFamilyOf } from '../config/billing-family';
import type { EnvironmentConfig } from '../config/schema';
import { FREE_ALLOWANCES } from '../config/sections/free-tier';

export interface LoadedEnvironment {
  readonly file: string;
  readonly config: EnvironmentConfig;
}

export interface CrossFileProblem {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

const NOUN = {
  alarmMetricShare: 'alarm metrics',
  customMetricShare: 'custom metrics',
  dashboardShare: 'dashboards',
} as const;

export function checkAccounts(envs: readonly LoadedEnvironment[]): CrossFileProblem[] {
  return [
    ...checkPayers(envs),
    ...checkFamilies(envs),
    ...checkOnePerAccount(envs),
    ...checkLogGroupOwners(envs),
  ];
}

function groupBy<K>(
  envs: readonly LoadedEnvironment[],
  key: (e: LoadedEnvironment) => K,
): Map<K, LoadedEnvironment[]> {
  const groups = new Map<K, LoadedEnvironment[]>();
  for (const e of envs) groups.set(key(e), [...(groups.get(key(e)) ?? []), e]);
  return groups;
}

const names = (envs: readonly LoadedEnvironment[]) => envs.map((e) => e.config.name).join(', ');
const files = (envs: readonly LoadedEnvironment[]) => envs.map((e) => e.file).join(', ');

/** An account belongs to one organization at a time, so its environments name one payer. */
function checkPayers(envs: readonly LoadedEnvironment[]): CrossFileProblem[] {
  const problems: CrossFileProblem[] = [];
  for (const [account, members] of groupBy(envs, (e) => accountOf(e.config))) {
    const payers = new Set(members.map((e) => e.config.billing.payerAccount ?? '(none)'));
    if (payers.size > 1) {
      problems.push({
        file: files(members),
        path: 'billing.payerAccount',
        message: `environments ${names(members)} share account ${account} but name different payers (${[...payers].join(', ')}); an account is billed by one payer`,
      });
    }
  }
  return problems;
}

/**
 * Free allowances are counted per billing family. Free and standard environments in one family
 * spend the same allowance, which the free environments' guard cannot promise to keep, so that
 * mix must be accepted in every file of the family.
 */
function checkFamilies(envs: readonly LoadedEnvironment[]): CrossFileProblem[] {
  const problems: CrossFileProblem[] = [];
  for (const members of groupBy(envs, (e) => billingFamilyOf(e.config).id).values()) {
    const family = billingFamilyOf((members[0] as LoadedEnvironment).config).label;
    const free = members.filter((e) => e.config.profile === 'free');
    const standard = members.filter((e) => e.config.profile === 'standard');
    if (free.length > 0 && standard.length > 0) {
      const unaccepted = members.filter((e) => !e.config.freeTier.mixedProfiles);
      if (unaccepted.length > 0) {
        problems.push({
          file: files(unaccepted),
          path: 'freeTier.mixedProfiles',
          message: `${family} holds free (${names(free)}) and standard (${names(standard)}) environments: the standard ones spend the same free allowances, so the free profile can no longer promise $0.00. Move one to another account, or set freeTier.mixedProfiles: true in every environment of the family to accept it`,
        });
      }
    }
    // One free environment alone cannot overspend: the schema caps each share at the allowance.
    for (const key of Object.keys(FREE_ALLOWANCES) as (keyof typeof FREE_ALLOWANCES)[]) {
      const allowance = FREE_ALLOWANCES[key];
      const total = free.reduce((sum, e) => sum + e.config.freeTier[key], 0);
      if (total > allowance) {
        problems.push({
          file: files(free),
          path: `freeTier.${key}`,
          message: `environments ${names(free)} share ${family} and its ${allowance} free ${NOUN[key]}, but their shares add up to ${total}; lower freeTier.${key} so the sum is at most ${allowance}`,
        });
      }
    }
  }
  return problems;
}

/** AWS allows one SERVICE anomaly monitor per account, and two budgets would alert twice. */
function checkOnePerAccount(envs: readonly LoadedEnvironment[]): CrossFileProblem[] {
  const problems: CrossFileProblem[] = [];
  for (const key of ['manageBudget', 'anomalyMonitor'] as const) {
    const owners = envs.filter((e) => e.config.budget[key]);
    for (const [account, members] of groupBy(owners, (e) => accountOf(e.config))) {
      if (members.length > 1) {
        problems.push({
          file: files(members),
          path: `budget.${key}`,
          message: `environments ${names(members)} share account ${account}, but only one may set budget.${key} (the others set it to false)`,
        });
      }
    }
  }
  return problems;
}

/** Two environments setting the retention of one log group would overwrite each other. */
function checkLogGroupOwners(envs: readonly LoadedEnvironment[]): CrossFileProblem[] {
  const owners = new Map<string, LoadedEnvironment[]>();
  for (const e of envs) {
    for (const name of new Set(e.config.app.logGroups.map((g) => g.name))) {
      const key = `${accountOf(e.config)} ${e.config.region} ${name}`;
      owners.set(key, [...(owners.get(key) ?? []), e]);
    }
  }
  return [...owners.entries()]
    .filter(([, members]) => members.length > 1)
    .map(([key, members]) => {
      const [account, region, name] = key.split(' ');
      return {
        file: files(members),
        path: 'app.logGroups',
        message: `environments ${names(members)} both manage log group ${name} in account ${account}, ${region}; list it in one of them`,
      };
    });
}
