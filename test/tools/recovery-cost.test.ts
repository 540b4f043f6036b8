import { describe, expect, it } from 'vitest';
import { type EnvironmentFacts, FACTS_KEY } from '../../lib/core/guard/facts';
import { ASSUMED_RUNS_PER_MONTH, TRANSITIONS_PER_RUN } from '../../lib/core/recovery/cost';
import type { OpsStack } from '../../lib/stacks/ops-stack';
import { dbOutageDrill } from '../../tools/drill/scenario';
import { configFrom, synthStacks } from '../helpers/synth';

const EXAMPLES = ['example-dev', 'example-staging', 'example-prod'];

describe('Step Functions transitions the guard prices (lib/core/recovery/cost.ts)', () => {
  it.each(EXAMPLES)(
    '%s: a drilled recovery takes no more transitions than the priced constant',
    async (env) => {
      const stack = synthStacks([configFrom(env)]).stacks[0] as OpsStack;
      // As `npm run drill -- db-outage --env NAME` runs it (approval after 5 minutes).
      const drill = await dbOutageDrill(stack, { approval: { approved: true, afterMinutes: 5 } });
      expect(drill.run.status).toBe('succeeded');
      expect(drill.run.transitions).toBeGreaterThan(0);
      expect(drill.run.transitions).toBeLessThanOrEqual(TRANSITIONS_PER_RUN);
      const facts = stack.templateOptions.metadata?.[FACTS_KEY] as EnvironmentFacts;
      expect(facts.workflows).toEqual([
        { name: 'db-recovery', transitionsPerRun: TRANSITIONS_PER_RUN, runsPerMonth: ASSUMED_RUNS_PER_MONTH },
      ]);
    },
  );
});
