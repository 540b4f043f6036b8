import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../lib/core/environments/load';
import { addEnvironments } from '../../../lib/stacks/ops-app';
import { configFrom, exampleRaw, newApp, problemsOf } from '../../helpers/synth';

function pagingOf(example: string): Record<string, unknown> {
  return (exampleRaw(example) as { paging: Record<string, unknown> }).paging;
}

describe('synth refuses pages that reach nobody', () => {
  it('lists every environment and severity with what publishes to it, in one error', () => {
    // The original examples: example-dev had no P0 subscriber, example-prod an SMS in Seoul.
    const dev = configFrom('example-dev', {
      paging: { P1: [{ type: 'email', address: 'dev@example.com' }] },
    });
    const prod = configFrom('example-prod', {
      paging: {
        ...pagingOf('example-prod'),
        P0: [{ type: 'sms', number: '+821000000000' }],
        smsPrices: [{ prefix: '+82', usdPerMessage: 0.02, source: 'a test price, not read from AWS' }],
      },
    });
    let error: unknown;
    try {
      addEnvironments(newApp(), [dev, prod]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => `${p.file}: ${p.path}`);
    expect(problems).toEqual([
      'config/example-dev.yaml: paging.P0',
      'config/example-dev.yaml: paging.P2',
      'config/example-dev.yaml: paging.P3',
      'config/example-prod.yaml: paging.P0.0',
      'config/example-prod.yaml: paging.P0',
    ]);
    const message = (error as Error).message;
    expect(message).toContain(
      'config/example-dev.yaml: paging.P0: P0 of example-dev reaches nobody, but alarm service-down and the recovery workflow publish to it.',
    );
    expect(message).toContain(
      'config/example-prod.yaml: paging.P0.0: SMS on P0 of example-prod is never delivered: Amazon SNS does not send SMS from ap-northeast-2',
    );
  });
  it('the example configs all pass', () => {
    const stacks = addEnvironments(
      newApp(),
      ['example-dev', 'example-staging', 'example-prod'].map((n) => configFrom(n)),
    );
    expect(stacks.flatMap((s) => s.pagingProblems)).toEqual([]);
  });
});

describe('paging config: silent severities and maintenance windows', () => {
  const base = exampleRaw('example-dev');
  const withPaging = (paging: Record<string, unknown>) => ({
    ...base,
    paging: { ...pagingOf('example-dev'), ...paging },
  });
  const window = {
    name: 'w',
    cron: 'cron(0 3 * * SUN)',
    durationMinutes: 60,
    severities: ['P3'],
    reason: 'r',
  };
  it('accepts the documented forms', () => {
    expect(problemsOf(withPaging({ maintenance: { windows: [window], deploy: { minutes: 15 } } }))).toEqual(
      [],
    );
  });
  it.each([
    [{ silent: { P3: 'no' } }, 'paging.silent.P3: say why nobody needs these pages (at least 10 characters)'],
    [{ silent: { P7: 'a long enough reason' } }, 'paging.silent: unknown key: "P7"'],
    [
      { maintenance: { windows: [{ ...window, cron: 'cron(0 3 ? * SUN *)' }] } },
      'paging.maintenance.windows.0.cron: expected cron(Minutes Hours Day-of-month Month Day-of-week)',
    ],
    [
      { maintenance: { windows: [{ ...window, timeZone: 'Mars/Olympus' }] } },
      'paging.maintenance.windows.0.timeZone: expected a tz database time zone',
    ],
    [
      { maintenance: { windows: [{ ...window, durationMinutes: 0 }] } },
      'paging.maintenance.windows.0.durationMinutes',
    ],
    [
      { maintenance: { windows: [{ ...window, durationMinutes: 21601 }] } },
      'a mute lasts at most 15 days (21600 minutes)',
    ],
    [
      { maintenance: { windows: [{ ...window, severities: [] }] } },
      'a window mutes something: give severities, signals or both',
    ],
    [{ maintenance: { deploy: { minutes: 15, severities: [] } } }, 'paging.maintenance.deploy.severities'],
  ])('refuses %j', (paging, message) => {
    expect(problemsOf(withPaging(paging)).join('\n')).toContain(message);
  });
  it('a window naming an unknown signal fails synth', () => {
    const config = configFrom('example-dev', {
      paging: {
        ...pagingOf('example-dev'),
        maintenance: { windows: [{ ...window, severities: [], signals: ['rds-cpu-hgih'] }] },
      },
    });
    expect(() => addEnvironments(newApp(), [config])).toThrow(
      'config/example-dev.yaml: paging.maintenance.windows.0.signals: unknown signal "rds-cpu-hgih"',
    );
  });
});
