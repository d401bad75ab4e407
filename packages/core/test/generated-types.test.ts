import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedTypeFiles } from '../scripts/generated-type-files.js';
import { renderTypes, type JsonSchema } from '../scripts/render-types.js';

const root = join(import.meta.dirname, '..', '..', '..');
const generatedDir = join(root, 'packages', 'core', 'src', 'generated');

describe('types generated from schemas/', () => {
  const fresh = generatedTypeFiles(join(root, 'schemas'));

  it.each([...fresh.keys()])('%s matches its schema (run `pnpm gen:types` after changing a schema)', (name) => {
    expect(readFileSync(join(generatedDir, name), 'utf8')).toBe(fresh.get(name));
  });

  it('has no generated file without a schema', () => {
    const onDisk = readdirSync(generatedDir).filter((f) => f.endsWith('.generated.ts'));
    expect(onDisk.sort()).toEqual([...fresh.keys()].sort());
  });

  it('notices a changed schema', () => {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', 'issue.schema.json'), 'utf8')) as JsonSchema & {
      properties: Record<string, JsonSchema>;
    };
    schema.properties.extra = { type: 'integer', description: 'new field' };
    const changed = renderTypes('issue.schema.json', schema, () => 'X');
    expect(changed).toContain('extra?: number;');
    expect(changed).not.toBe(fresh.get('issue.generated.ts'));
  });
});
