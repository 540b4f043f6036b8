/**
 * The README's generated parts: blocks between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`
 * are rewritten by `npm run docs` from their one source, and the drift test fails when they differ.
 */
import { responseTime, SEVERITIES, SEVERITY_DEFINITIONS } from '../severity/severities';

export function severityTable(): string {
  return [
    '| severity | respond | for (seed 002 s4.2) |',
    '| --- | --- | --- |',
    ...SEVERITIES.map(
      (s) =>
        `| ${s} ${SEVERITY_DEFINITIONS[s].label} | ${responseTime(s)} | ${SEVERITY_DEFINITIONS[s].purpose} |`,
    ),
  ].join('\n');
}

export const README_BLOCKS: Readonly<Record<string, () => string>> = {
  severities: severityTable,
};

/** Replaces each generated block's body; a block named in the text but unknown is an error. */
export function spliceGenerated(text: string, blocks: Readonly<Record<string, () => string>>): string {
  return text.replace(
    /(<!-- generated:([a-z-]+) -->)[\s\S]*?(<!-- \/generated:\2 -->)/g,
    (_match, open: string, name: string, close: string) => {
      const render = blocks[name];
      if (!render) throw new Error(`README block "${name}" has no generator in README_BLOCKS`);
      return `${open}\n${render()}\n${close}`;
    },
  );
}
