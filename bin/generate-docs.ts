/** Writes the generated documents (`npm run docs`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedDocuments } from '../lib/core/docs/generate';

const root = join(__dirname, '..');
for (const [path, text] of Object.entries(generatedDocuments(root))) {
  writeFileSync(join(root, path), text);
  process.stdout.write(`wrote ${path}\n`);
}
