/**
 * The fault drill: the synthesized recovery workflow run locally with one fault at each AWS call of
 * its path (throttling, a timeout after the call landed, a 5xx, access denied), and the outcome of
 * each run: recovered with one restore, or paged P0 naming the state; never silent, never leaving the
 * app pointed at an instance that is not available.
 */
import { renamedSourceId } from '../../lib/core/recovery/incident';
import { watchPages } from '../../lib/core/recovery/outcomes';
import type { OpsStack } from '../../lib/stacks/ops-stack';
import type { AwsService, Send } from './local-workflow';
import { dbOutageDrill, type OutageDrill } from './scenario';

export const FAULT_KINDS = ['throttling', 'timeout', '5xx', 'access-denied'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Each service's own error names (its API reference), written here independently of the classifier
 * under test, with their HTTP status. A timeout is thrown after the call landed: the worst case for
 * a retry.
 */
const SERVICE_ERRORS: Record<
  AwsService,
  Record<Exclude<FaultKind, 'timeout'>, [name: string, status: number]>
> = {
  rds: {
    throttling: ['Throttling', 400],
    '5xx': ['InternalFailure', 500],
    'access-denied': ['AccessDenied', 403],
  },
  sns: {
    throttling: ['ThrottledException', 400],
    '5xx': ['InternalErrorException', 500],
    'access-denied': ['AuthorizationErrorException', 403],
  },
  ssm: {
    throttling: ['ThrottlingException', 400],
    '5xx': ['InternalServerError', 500],
    'access-denied': ['AccessDeniedException', 400],
  },
  secrets: {
    throttling: ['ThrottlingException', 400],
    '5xx': ['InternalServiceError', 500],
    'access-denied': ['AccessDeniedException', 400],
  },
  route53: {
    throttling: ['PriorRequestNotComplete', 400],
    '5xx': ['ServiceUnavailable', 503],
    'access-denied': ['AccessDenied', 403],
  },
  ecs: {
    throttling: ['ThrottlingException', 400],
    '5xx': ['ServerException', 500],
    'access-denied': ['AccessDeniedException', 400],
  },
};

/** The SDK's client-side timeout is the same for every service and carries no HTTP status. */
function faultError(service: AwsService, fault: FaultKind): { name: string; status?: number } {
  if (fault === 'timeout') return { name: 'TimeoutError' };
  const [name, status] = SERVICE_ERRORS[service][fault];
  return { name, status };
}

/** Calls that change something: every occurrence is a site (the second rename is the one that matters). */
const MUTATING = /^(Restore|Modify|Reboot|Put|Change|Update|Publish)/;

export interface CallSite {
  readonly state: string;
  readonly service: AwsService;
  readonly command: string;
  /** Which call of that command in that state (1-based). */
  readonly occurrence: number;
}

export interface FaultCell {
  readonly site: CallSite;
  readonly fault: FaultKind;
  readonly outcome: 'recovered' | 'paged' | 'SILENT';
  readonly restores: number;
  readonly pages: number;
  readonly pagedBy: readonly ('workflow' | 'execution watch')[];
  /** What was left half-done, if anything: the app pointed at an instance that is not available. */
  readonly halfDone?: string;
  readonly pageTitle?: string;
}

export const siteLabel = (s: CallSite) =>
  `${s.state} › ${s.service} ${s.command}${s.occurrence > 1 ? ` #${s.occurrence}` : ''}`;

interface Tracker {
  state: string;
  readonly counts: Map<string, number>;
}

const key = (state: string, service: string, command: string) => `${state}|${service}|${command}`;
const commandName = (c: { constructor: { name: string } }) => c.constructor.name.replace(/Command$/, '');

/** Runs the happy path once and lists the AWS calls it makes, in order. */
export async function callSites(stack: OpsStack): Promise<CallSite[]> {
  const sites: CallSite[] = [];
  const t: Tracker = { state: '', counts: new Map() };
  await dbOutageDrill(stack, {
    onState: (state) => {
      t.state = state;
    },
    wrapSend: (service, send) => async (command) => {
      const command_ = commandName(command);
      const k = key(t.state, service, command_);
      const n = (t.counts.get(k) ?? 0) + 1;
      t.counts.set(k, n);
      if (n === 1 || MUTATING.test(command_))
        sites.push({ state: t.state, service, command: command_, occurrence: n });
      return send(command);
    },
  });
  return sites;
}

/** One run with `fault` at `site`; `alsoAt` adds a second fault (the failure page's own publish). */
export async function runWithFault(
  stack: OpsStack,
  site: CallSite,
  fault: FaultKind,
  alsoAt?: { readonly site: CallSite; readonly fault: FaultKind },
): Promise<FaultCell> {
  const t: Tracker = { state: '', counts: new Map() };
  const pending = [{ site, fault }, ...(alsoAt ? [alsoAt] : [])].map((f) => ({ ...f, fired: false }));
  const inject =
    (service: AwsService, send: Send): Send =>
    async (command) => {
      const name = commandName(command);
      const k = key(t.state, service, name);
      const n = (t.counts.get(k) ?? 0) + 1;
      t.counts.set(k, n);
      const hit = pending.find(
        (f) =>
          !f.fired &&
          f.site.state === t.state &&
          f.site.service === service &&
          f.site.command === name &&
          f.site.occurrence === n,
      );
      if (!hit) return send(command);
      hit.fired = true;
      const e = faultError(service, hit.fault);
      const error = Object.assign(new Error(`${e.name} (injected at ${siteLabel(hit.site)})`), {
        name: e.name,
        ...(e.status !== undefined ? { $metadata: { httpStatusCode: e.status } } : {}),
      });
      // A timeout loses the response of a call that landed.
      if (hit.fault === 'timeout') await send(command);
      throw error;
    };
  const drill = await dbOutageDrill(stack, {
    onState: (state) => {
      t.state = state;
    },
    wrapSend: inject,
  });
  return judge(drill, site, fault);
}

function judge(d: OutageDrill, site: CallSite, fault: FaultKind): FaultCell {
  // RDS keeps working after the execution ends: let renames and reboots settle before judging.
  d.clock.advance(20 * 60_000);
  d.rds.settle();
  // P0 pages about the failure; prod's approval request goes to P0 too but reports nothing.
  const p0 = d.aws
    .published()
    .filter((p) => p.topic.endsWith('P0') && !p.title.startsWith('Approve DB restore'));
  const watch = d.run.status === 'failed' && watchPages('FAILED', d.run.errorName);
  const pagedBy = [
    ...(p0.length > 0 ? (['workflow'] as const) : []),
    ...(watch ? (['execution watch'] as const) : []),
  ];
  const restores = d.rds.restored.length;
  const halfDone = pointerProblem(d);
  const recovered = d.run.status === 'succeeded' && restores === 1 && !halfDone;
  const paged = pagedBy.length > 0 && !halfDone;
  return {
    site,
    fault,
    outcome: recovered ? 'recovered' : paged ? 'paged' : 'SILENT',
    restores,
    pages: p0.length + (watch ? 1 : 0),
    pagedBy,
    ...(halfDone ? { halfDone } : {}),
    ...(p0[0] ? { pageTitle: p0.at(-1)?.title } : {}),
  };
}

/**
 * Where the app's endpoint points after the run, if the workflow moved it to an instance that is not
 * available. Untouched pointers (still the failed source) are the outage itself, not half-done work.
 */
function pointerProblem(d: OutageDrill): string | undefined {
  const s = d.settings;
  const statusOf = (id: string) => d.rds.instances.get(id)?.status ?? 'missing';
  const instanceOf = (endpoint: string | undefined) => endpoint?.split('.')[0];
  let moved: string | undefined;
  switch (s.switch.strategy) {
    case 'rename': {
      const renamed = renamedSourceId(s.instance, d.failureTime);
      if (statusOf(s.instance) === 'missing' && d.rds.instances.has(renamed)) {
        return `nothing is named ${s.instance} (the failed source is ${renamed})`;
      }
      return undefined;
    }
    case 'parameter':
      moved = instanceOf(d.aws.parameters.get(s.switch.parameterName));
      break;
    case 'secret':
      moved = instanceOf(typeof d.aws.secret.host === 'string' ? d.aws.secret.host : undefined);
      if (moved === 'old') moved = undefined;
      break;
    case 'cname':
      moved = instanceOf(d.aws.records.get(s.switch.recordName));
      break;
  }
  if (moved === undefined || moved === s.instance) return undefined;
  const status = statusOf(moved);
  return status === 'available' ? undefined : `the app points at ${moved}, which is ${status}`;
}

/** The whole matrix for one environment: every site × every fault, plus faults on the failure page. */
export async function faultMatrix(stack: OpsStack): Promise<FaultCell[]> {
  const sites = await callSites(stack);
  const cells: FaultCell[] = [];
  for (const site of sites)
    for (const fault of FAULT_KINDS) cells.push(await runWithFault(stack, site, fault));
  // The failure page itself failing: access denied on the restore, then each fault on the page's publish.
  const restore = sites.find((s) => s.state === 'Restore' && s.command.startsWith('RestoreDBInstance'));
  if (restore) {
    const pagePublish: CallSite = { state: 'PageFailure', service: 'sns', command: 'Publish', occurrence: 1 };
    for (const fault of FAULT_KINDS) {
      const cell = await runWithFault(stack, restore, 'access-denied', { site: pagePublish, fault });
      cells.push({ ...cell, site: pagePublish, fault });
    }
  }
  return cells;
}
