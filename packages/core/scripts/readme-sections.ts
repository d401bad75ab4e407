import type { KeyRule, MergeRules } from '../src/generated/merge-rules.generated.js';
import type { JsonSchema } from './render-types.js';

/**
 * README sections rendered from data, so the docs cannot drift from what the code reads:
 * the shardwise.toml reference (from its JSON Schema) and the merge-rule table (from schemas/merge-rules.json).
 * Each lives between `<!-- BEGIN generated:NAME -->` and `<!-- END generated:NAME -->`.
 */
export function renderTomlReference(schema: JsonSchema): string {
  const lines = ['| Key | Type | Meaning |', '|---|---|---|'];
  const walk = (s: JsonSchema, path: string[]) => {
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      const key = [...path, name];
      const resolved = prop.$ref ? (schema.$defs?.[prop.$ref.replace('#/$defs/', '')] ?? prop) : prop;
      if (resolved.type === 'object' && resolved.properties) {
        if (resolved.description) lines.push(`| \`[${key.join('.')}]\` | table | ${cell(resolved.description)} |`);
        walk(resolved, key);
      } else {
        lines.push(`| \`${key.join('.')}\` | ${typeText(resolved, schema)} | ${cell(resolved.description ?? '')} |`);
        if (resolved.type === 'array' && resolved.items?.$ref) {
          const item = schema.$defs?.[resolved.items.$ref.replace('#/$defs/', '')];
          if (item) walk(item, [...key.slice(0, -1), `[[${key.at(-1)}]]`]);
        }
      }
    }
  };
  walk(schema, []);
  return lines.join('\n');
}

function typeText(s: JsonSchema, root: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (s.type === 'array') {
    const item = s.items?.$ref ? root.$defs?.[s.items.$ref.replace('#/$defs/', '')] : s.items;
    if (s.items?.$ref) return 'array of tables';
    return `array of ${item ? typeText(item, root) : 'values'}`;
  }
  if (s.type === 'object') {
    const value = typeof s.additionalProperties === 'object' ? typeText(s.additionalProperties, root) : 'value';
    return `table of ${value}`;
  }
  return String(s.type ?? 'value');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMergeRuleTable(rules: MergeRules): string {
  const lines = ['| Evaluator | Keys → rule |', '|---|---|'];
  for (const e of rules.evaluators) {
    const name = e.postprocessor ? `${e.evaluator} + \`${e.postprocessor}\`` : e.evaluator;
    const keys = e.shardEvalInvalid
      ? `R (shard eval invalid: ${e.shardEvalInvalid})`
      : e.keys.map((k) => `\`${k.key}\` ${k.rule}${ruleDetail(k)}`).join(', ');
    const refuse = e.refuseIfConfigHas?.length
      ? `; R when the evaluator config has ${e.refuseIfConfigHas.map((k) => `\`${k}\``).join(', ')}`
      : '';
    lines.push(`| ${cell(name)} | ${cell(keys + refuse)} |`);
  }
  lines.push(
    '',
    'Keys no evaluator entry names fall back to these patterns (any other key of a known evaluator is left out of the merge, the covered keys merged; every key of an unknown evaluator is **R**: re-evaluate):',
    '',
  );
  lines.push('| Key pattern | Rule | Why |', '|---|---|---|');
  for (const f of rules.fallback) lines.push(`| \`${cell(f.key)}\` | ${f.rule} | ${cell(f.reason ?? '')} |`);
  return lines.join('\n');
}

function ruleDetail(k: KeyRule): string {
  if (k.recompute) return ` (${k.recompute})`;
  if (k.countFormula) return ` (count: \`${k.countFormula}\`)`;
  if (k.weight) return ` (w = ${k.weight.source}${k.weight.key ? ` ${k.weight.key}` : ''}${k.weight.field ? ` ${k.weight.field}` : ''})`;
  return '';
}

/** Replaces every generated section of `readme` with `sections[name]`; throws on a missing marker pair. */
export function updateReadme(readme: string, sections: Record<string, string>): string {
  let out = readme;
  for (const [name, body] of Object.entries(sections)) {
    const begin = `<!-- BEGIN generated:${name} -->`;
    const end = `<!-- END generated:${name} -->`;
    const a = out.indexOf(begin);
    const b = out.indexOf(end);
    if (a < 0 || b < a) throw new Error(`README.md lacks the markers ${begin} … ${end}`);
    out = `${out.slice(0, a + begin.length)}\n${body}\n${out.slice(b)}`;
  }
  return out;
}
