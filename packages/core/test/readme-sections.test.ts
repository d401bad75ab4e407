import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeSections } from '../scripts/readme-inputs.js';
import { renderTomlReference, updateReadme } from '../scripts/readme-sections.js';

const root = join(import.meta.dirname, '..', '..', '..');

describe('README sections generated from schemas and rule data', () => {
  it('are up to date (run `pnpm gen:docs` after changing a schema or merge-rules.json)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toBe(updateReadme(readme, readmeSections(root)));
  });

  it('list every key of shardwise.toml', () => {
    const table = readmeSections(root)['toml-reference']!;
    for (const key of [
      'opencompass.root',
      'opencompass.max_num_workers',
      'sizes.cache',
      'sizes.datasets',
      'merge.rules',
      'merge.[[rules]].evaluator',
    ]) {
      expect(table).toContain(`\`${key}\``);
    }
  });

  it('follow a schema change', () => {
    const changed = renderTomlReference({ type: 'object', properties: { newkey: { type: 'string', description: 'brand new' } } });
    expect(changed).toContain('| `newkey` | string | brand new |');
  });

  it('refuse a README without markers', () => {
    expect(() => updateReadme('# no markers', { x: 'y' })).toThrow(/markers/);
  });
});
