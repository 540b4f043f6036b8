import { describe, expect, it } from 'vitest';
import { type FailureFacts, failureReport } from '../../../lib/core/recovery/failure-report';
import { newIncident } from '../../../lib/core/recovery/incident';
import type { WorkflowState } from '../../../lib/core/recovery/step-contract';

const incident = newIncident(
  'ticketing-prod-db',
  '2026-11-22T10:00:00Z',
  'RDS-EVENT-0031',
  '2026-11-22T10:00:45Z',
);
const parameter = { strategy: 'parameter', parameterName: '/ticketing/prod/db/host' } as const;
const failure = (state: string, error: string, cause = '') => ({
  failedState: state,
  failure: { Error: error, Cause: cause },
});
const facts = (state: Partial<WorkflowState>, more: Partial<FailureFacts> = {}): FailureFacts => ({
  environment: 'prod',
  state: { incident, ...state } as WorkflowState,
  switch: parameter,
  instances: [],
  ...more,
});
const restore = {
  targetId: 'ticketing-prod-db-r-2026112210',
  startedAt: '2026-11-22T10:01:00Z',
  existing: false,
};

describe('the P0 page of a failed recovery', () => {
  it('names the state, the error and that nothing changed when it failed before the restore', () => {
    const page = failureReport(
      facts(failure('Plan', 'AccessDenied', 'not authorized to DescribeDBSnapshots')),
    );
    expect(page.title).toBe('DB recovery of ticketing-prod-db failed at Plan (AccessDenied): act now');
    expect(page.lines).toContain('Failed at Plan: AccessDenied: not authorized to DescribeDBSnapshots');
    expect(page.lines).toContain('Done: nothing changed yet');
    expect(page.lines).toContain(
      'Next 2: then rerun: npm run ops -- recovery start --env prod --failure-time 2026-11-22T10:00:00Z --yes (restores into ticketing-prod-db-r-2026112210), or restore by hand from the plan above',
    );
  });

  it('after the restore: which instances exist, where the app points, and the exact switch command', () => {
    const page = failureReport(
      facts(
        { ...failure('SwitchEndpoint', 'AccessDeniedException'), restore },
        {
          instances: [
            { id: 'ticketing-prod-db', status: 'failed' },
            { id: 'ticketing-prod-db-r-2026112210', status: 'available', endpoint: 'r.example', ours: true },
          ],
          pointer: 'ticketing-prod-db.example',
        },
      ),
    );
    expect(page.lines).toContain(
      'Instances now: ticketing-prod-db: failed | ticketing-prod-db-r-2026112210: available (r.example), restored by this incident',
    );
    expect(page.lines).toContain(
      'App endpoint: SSM parameter /ticketing/prod/db/host = ticketing-prod-db.example',
    );
    expect(page.lines).toContain(
      'Next 1: point the app at the restored instance: aws ssm put-parameter --name /ticketing/prod/db/host --value r.example --type String --overwrite',
    );
  });

  it('rename mode between the two renames: the exact rename that completes the sequence', () => {
    const page = failureReport(
      facts(
        { ...failure('SwitchEndpoint', 'AccessDenied'), restore },
        {
          switch: { strategy: 'rename' },
          instances: [
            { id: 'ticketing-prod-db', status: 'missing' },
            { id: 'ticketing-prod-db-r-2026112210', status: 'available', ours: true },
            { id: 'ticketing-prod-db-failed-2026112210', status: 'failed' },
          ],
        },
      ),
    );
    expect(page.lines).toContain('App endpoint: the app connects to ticketing-prod-db, which is missing');
    expect(page.lines).toContain(
      'Next 1: give the restored instance the original name: aws rds modify-db-instance --db-instance-identifier ticketing-prod-db-r-2026112210 --new-db-instance-identifier ticketing-prod-db --apply-immediately',
    );
  });

  it('after the switch: the app already points at the restored instance; restart it', () => {
    const page = failureReport(
      facts(
        {
          ...failure('Restart', 'AccessDeniedException'),
          restore,
          switched: {
            done: true,
            phase: 'x',
            at: '2026-11-22T10:40:00Z',
            instance: 'ticketing-prod-db-r-2026112210',
          },
        },
        { restart: { cluster: 'ticketing-prod', service: 'ticketing-api' } },
      ),
    );
    expect(page.lines).toContain(
      'Next 1: the app already points at ticketing-prod-db-r-2026112210: restart the app: aws ecs update-service --cluster ticketing-prod --service ticketing-api --force-new-deployment',
    );
    expect(page.lines.at(-1)).toBe('Nothing was deleted.');
  });

  it('keeps a long cause short', () => {
    const page = failureReport(facts(failure('Assess', 'Error', 'x'.repeat(5000))));
    expect(page.lines[1]?.length).toBeLessThan(700);
  });
});
