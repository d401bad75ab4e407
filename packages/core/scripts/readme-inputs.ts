import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MergeRules } from '../src/generated/merge-rules.generated.js';
import { renderMergeRuleTable, renderTomlReference } from './readme-sections.js';
import type { JsonSchema } from './render-types.js';

/** The README's generated sections as they should be now, from the files in `root`. */
export function readmeSections(root: string): Record<string, string> {
  const json = (name: string): unknown => JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8'));
  return {
    'toml-reference': renderTomlReference(json('shardwise-toml.schema.json') as JsonSchema),
    'merge-rules': renderMergeRuleTable(json('merge-rules.json') as MergeRules),
  };
}
