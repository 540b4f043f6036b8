/** Prints the free-tier report the last synth wrote (`npm run synth` ends with this). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FreeTierReport } from '../lib/core/guard/free-tier';
import { formatFreeTierReport } from '../lib/core/guard/report-table';

const file = join(process.argv[2] ?? 'cdk.out', 'free-tier-report.json');
const report = JSON.parse(readFileSync(file, 'utf8')) as FreeTierReport;
process.stdout.write(`${formatFreeTierReport(report)}\n\nWritten to ${file}\n`);
