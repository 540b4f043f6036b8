import { describe, expect, it } from 'vitest';
import type { OpsStack } from '../../lib/stacks/ops-stack';
import { triggerBurst } from '../../tools/drill/concurrency';
import { FAULT_KINDS, type FaultCell, faultMatrix, siteLabel } from '../../tools/drill/faults';
import { configFrom, synthStacks } from '../helpers/synth';

const stackOf = (env: string) => synthStacks([configFrom(env)]).stacks[0] as OpsStack;

/** A cell as one line, so a failure names the call, the fault and what happened. */
const describeCell = (c: FaultCell) =>
  `${siteLabel(c.site)} × ${c.fault}: ${c.outcome}, restores ${c.restores}, pages ${c.pages}${c.halfDone ? `, ${c.halfDone}` : ''}`;

// Each environment covers one switch strategy: rename (dev), CNAME (staging), SSM parameter with
// approval and an ECS restart (prod).
describe.each(['example-dev', 'example-staging', 'example-prod'])(
  'fault matrix of %s (npm run drill -- faults)',
  (env) => {
    const cells = faultMatrix(stackOf(env));

    it("has a cell for every fault at every AWS call, the failure page's own publish included", async () => {
      const all = await cells;
      const sites = new Set(all.map((c) => siteLabel(c.site)));
      expect(sites.size).toBeGreaterThan(15);
      expect(sites).toContain('Restore › rds RestoreDBInstanceToPointInTime');
      expect(sites).toContain('PageFailure › sns Publish');
      for (const site of sites) {
        expect(
          all.filter((c) => siteLabel(c.site) === site).map((c) => c.fault),
          site,
        ).toEqual([...FAULT_KINDS]);
      }
    }, 120_000);

    it('no cell is silent, half-done or restores twice', async () => {
      const bad = (await cells).filter((c) => c.outcome === 'SILENT' || c.halfDone || c.restores > 1);
      expect(bad.map(describeCell)).toEqual([]);
    }, 120_000);

    it('transient faults on the path recover with exactly one restore; access denied pages P0 naming the state', async () => {
      for (const c of await cells) {
        if (c.site.state === 'PageFailure') continue;
        if (c.fault === 'access-denied') {
          expect(c.outcome, describeCell(c)).toBe('paged');
          expect(c.pageTitle, describeCell(c)).toContain(`failed at ${c.site.state}`);
        } else {
          expect({ outcome: c.outcome, restores: c.restores }, describeCell(c)).toEqual({
            outcome: 'recovered',
            restores: 1,
          });
        }
      }
    }, 120_000);

    it('when the failure page itself cannot be sent, the execution watch pages', async () => {
      const denied = (await cells).find((c) => c.site.state === 'PageFailure' && c.fault === 'access-denied');
      expect(denied).toMatchObject({ outcome: 'paged', pagedBy: ['execution watch'] });
    }, 120_000);
  },
);

describe('trigger bursts (real trigger code; Step Functions execution names are the atomic claim)', () => {
  it('ten triggers at once on both sides of an hour start one execution and one restore; redeliveries none', async () => {
    const [burst, redelivery] = await triggerBurst(stackOf('example-dev'));
    expect(burst).toMatchObject({ triggers: 10, started: 1, restores: 1 });
    expect(burst?.notes).toContain(
      'not started ticketing-dev-db-recovery-1: a concurrent trigger already started this recovery',
    );
    expect(redelivery).toMatchObject({ triggers: 4, started: 0, restores: 0 });
  }, 60_000);
});
