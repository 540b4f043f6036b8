/**
 * Drops the "Bundling asset PATH..." line that aws-cdk-lib's AssetStaging writes to stderr for every
 * bundled function, whatever NodejsFunction's logLevel says (aws/aws-cdk#23092: no option turns it
 * off). Every other write, esbuild's errors included, passes through unchanged.
 */

const BUNDLING_LINE = /^Bundling asset \S+\.\.\.\r?\n?$/;
const QUIETED = Symbol.for('ops-stack.quiet-bundling');

type Writable = Pick<NodeJS.WriteStream, 'write'> & { [QUIETED]?: true };

/** Filters `stream` (default stderr) from now on; calling it again changes nothing. */
export function quietBundling(stream: Writable = process.stderr): void {
  if (stream[QUIETED]) return;
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' && BUNDLING_LINE.test(chunk)) {
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      if (done) process.nextTick(done);
      return true;
    }
    return write(chunk, ...rest);
  }) as Writable['write'];
  stream[QUIETED] = true;
}
