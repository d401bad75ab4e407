import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMergeRuleTable, renderTomlReference, type MergeRulesData } from './readme-sections.js';

/** The README's generated sections as they should be now, from the files in `root`. */
export function readmeSections(root: string): Record<string, string> {
  const json = (name: string) => JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8'));
  return {
    'toml-reference': renderTomlReference(json('shardwise-toml.schema.json')),
    'merge-rules': renderMergeRuleTable(json('merge-rules.json') as MergeRulesData),
  };
}
