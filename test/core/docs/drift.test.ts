import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedDocuments } from '../../../lib/core/docs/generate';

const root = join(__dirname, '..', '..', '..');

describe('generated documents', () => {
  it.each(Object.entries(generatedDocuments(root)))(
    '%s is up to date (run `npm run docs`)',
    (path, expected) => {
      expect(readFileSync(join(root, path), 'utf8')).toBe(expected);
    },
  );

  it('the alarm reference lists every alarm of the example prod environment with runbook and seed', () => {
    const doc = generatedDocuments(root)['docs/alarms.md'] ?? '';
    expect(doc).toContain('### `service-down`: Service down: health check failing');
    expect(doc).toContain('- Fires when: >= 7.2% in 1 of 1 periods of 1 h');
    expect(doc).toContain('about 35 minutes');
  });
});
