/** `npm run drill -- faults`: the fault matrix and the trigger bursts, printed. */
import type { OpsStack } from '../../lib/stacks/ops-stack';
import { triggerBurst } from './concurrency';
import { FAULT_KINDS, type FaultCell, faultMatrix, siteLabel } from './faults';

export async function printFaultDrill(
  stack: OpsStack,
  env: string,
  log: (line: string) => void,
): Promise<number> {
  log(`Fault drill for ${env}: the synthesized recovery workflow, run locally, one fault per run`);
  const cells = await faultMatrix(stack);
  const rows = new Map<string, FaultCell[]>();
  for (const c of cells) rows.set(siteLabel(c.site), [...(rows.get(siteLabel(c.site)) ?? []), c]);
  const width = Math.max(...[...rows.keys()].map((k) => k.length));
  log(`${'call'.padEnd(width)}  ${FAULT_KINDS.map((f) => f.padEnd(13)).join(' ')}`);
  for (const [label, row] of rows) {
    const cell = (f: string) => {
      const c = row.find((x) => x.fault === f);
      if (!c) return '-';
      const by =
        c.outcome === 'paged'
          ? ` (${c.pagedBy.map((p) => (p === 'workflow' ? 'wf' : 'watch')).join('+')})`
          : '';
      return `${c.outcome}${by}`;
    };
    log(`${label.padEnd(width)}  ${FAULT_KINDS.map((f) => cell(f).padEnd(13)).join(' ')}`);
  }
  const silent = cells.filter((c) => c.outcome === 'SILENT');
  const halfDone = cells.filter((c) => c.halfDone);
  const extraRestores = cells.filter((c) => c.restores > 1);
  const count = (o: FaultCell['outcome']) => cells.filter((c) => c.outcome === o).length;
  log(
    `\n${cells.length} runs: ${count('recovered')} recovered with one restore, ${count('paged')} paged P0, ${silent.length} silent; ` +
      `${halfDone.length} half-done; ${extraRestores.length} with more than one restore`,
  );
  for (const c of [...silent, ...halfDone, ...extraRestores])
    log(
      `  ${siteLabel(c.site)} × ${c.fault}: ${c.outcome}, restores ${c.restores}${c.halfDone ? `, ${c.halfDone}` : ''}`,
    );
  log('\nTrigger bursts (real trigger code, Step Functions names as the atomic claim):');
  const bursts = await triggerBurst(stack);
  for (const b of bursts) {
    log(`  ${b.label}: ${b.triggers} triggers, ${b.started} execution(s) started, ${b.restores} restore(s)`);
    for (const n of b.notes) log(`    ${n}`);
  }
  const burstOk = bursts.every((b, i) => b.started === (i === 0 ? 1 : 0) && b.restores === b.started);
  return silent.length === 0 && halfDone.length === 0 && extraRestores.length === 0 && burstOk ? 0 : 1;
}
