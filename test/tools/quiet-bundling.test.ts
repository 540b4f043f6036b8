import { describe, expect, it } from 'vitest';
import { quietBundling } from '../../tools/cli/quiet-bundling';

function fakeStream() {
  const written: unknown[] = [];
  return {
    written,
    write: (chunk: unknown) => {
      written.push(chunk);
      return true;
    },
  };
}

describe('quietBundling', () => {
  it("drops CDK's per-asset bundling line and keeps everything else", () => {
    const stream = fakeStream();
    quietBundling(stream as never);
    stream.write(
      'Bundling asset example-prod/OpsStack-example-prod/HealthProbe/Probe/Function/Code/Stage...\n',
    );
    stream.write('✘ [ERROR] Could not resolve "x"\n');
    stream.write('Bundling asset is what this sentence says, not a path\n');
    expect(stream.written).toEqual([
      '✘ [ERROR] Could not resolve "x"\n',
      'Bundling asset is what this sentence says, not a path\n',
    ]);
  });
  it('calls the write callback of a line it drops', async () => {
    const stream = fakeStream();
    quietBundling(stream as never);
    await new Promise<void>((resolve) => {
      (stream.write as (chunk: string, done: () => void) => boolean)('Bundling asset A/B...\n', resolve);
    });
    expect(stream.written).toEqual([]);
  });
});
