/** Prints the free-tier report as plain-text tables, one per account. */
import type { AccountReport, FreeTierReport } from './free-tier';

export function formatFreeTierReport(report: FreeTierReport): string {
  const out: string[] = [`Free-tier and cost report (prices as of ${report.pricesAsOf})`];
  out.push(
    '',
    'Billing families (free allowances are shared by every account one bill pays for):',
    ...table(
      ['family', 'accounts', 'environments', 'profile', 'USD/month'],
      report.accounts.map((a) => [
        a.familyLabel,
        a.account,
        a.environments.join(', '),
        a.enforced ? 'free' : 'standard present',
        `$${a.monthlyUsd.toFixed(2)}`,
      ]),
    ),
  );
  for (const account of report.accounts) out.push('', ...formatAccount(account));
  out.push('', report.ok ? 'Result: within the free tier.' : 'Result: FREE TIER EXCEEDED (see above).');
  return out.join('\n');
}

function formatAccount(a: AccountReport): string[] {
  const profile = a.enforced ? 'free profile: enforced' : 'standard profile present: reported, not enforced';
  const lines = [
    `Billing family ${a.familyLabel} (accounts ${a.account}): ${a.environments.join(', ')} (${a.regions.join(', ')}; ${profile})`,
    ...table(
      ['item', 'used', 'free', 'unit price', 'USD/month'],
      a.cost.map((c) => [
        c.item,
        c.quantity.toLocaleString('en-US'),
        c.free.toLocaleString('en-US'),
        c.unitPriceUnknown ? 'unknown' : formatPrice(c.unitPriceUsd),
        `$${c.monthlyUsd.toFixed(2)}`,
      ]),
    ),
    ...a.cost.filter((c) => c.note).map((c) => `  ${c.item}: ${c.note}`),
    `  dashboards: ${a.dashboards.map((d) => `${d.stack}/${d.logicalId} ${d.metrics} metrics`).join('; ') || 'none'} (max 50 each)`,
    `  log groups without retention: ${a.logGroupsWithoutRetention.length}`,
    `  estimated monitoring cost: $${a.monthlyUsd.toFixed(2)}/month`,
  ];
  if (a.priceNote) lines.push(`  note: ${a.priceNote}`);
  if (a.violations.length > 0) {
    lines.push('  PROBLEMS:', ...a.violations.map((v) => `    - ${v}`));
    lines.push(
      '  What to drop (lowest severity first; or lower freeTier shares in config):',
      ...table(
        ['candidate', 'frees'],
        a.dropCandidates.map((d) => [d.what, d.frees]),
      ).map((l) => `  ${l}`),
    );
  }
  return lines;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const render = (r: readonly string[]) =>
    `  ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')}`;
  return [render(header), `  ${widths.map((w) => '-'.repeat(w)).join('  ')}`, ...rows.map(render)];
}

function formatPrice(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd >= 0.01) return `$${usd.toFixed(2)}`;
  if (usd >= 0.00001) return `$${(usd * 1000).toPrecision(3)}/1k`;
  return `$${(usd * 1e6).toPrecision(3)}/1M`;
}
