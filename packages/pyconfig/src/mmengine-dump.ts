import { compareCodePoints, PyDict, PyTuple, pyRepr, type PyKey, type PyValue } from '@shardwise/core';

/**
 * mmengine `Config.pretty_text` with `format_python_code=False` (docs/opencompass.md §5.2): keys sorted by
 * `str(key)` at every level, `key=dict(` blocks, one list item per line each followed by a comma,
 * mapping syntax `{'k': v}` when a key is not an identifier, 4-space indents applied per nesting level.
 * This is the text `Config.dump` writes to `configs/<ts>_<pid>.py` (no trailing newline).
 */
export function mmengineDump(config: PyDict): string {
  return formatDict(config, true);
}

const INDENT = 4;

function indent(text: string, spaces = INDENT): string {
  const lines = text.split('\n');
  if (lines.length === 1) return text;
  const [first, ...rest] = lines;
  return [first, ...rest.map((l) => ' '.repeat(spaces) + l)].join('\n');
}

/** `str.isidentifier()` (Unicode XID_Start / XID_Continue, approximated by general categories). */
const isIdentifier = (k: PyKey): boolean => typeof k === 'string' && /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(k);

/** mmengine quotes a string key as `'{k}'` without escaping (a key holding `'` or `\` dumps as broken Python there too). */
const keyText = (k: PyKey, mapping: boolean): string => (mapping ? (typeof k === 'string' ? `'${k}'` : pyRepr(k)) : String(k));

function formatDict(dict: PyDict, outest = false): string {
  const mapping = [...dict.keys()].some((k) => !isIdentifier(k));
  const entries = [...dict].sort(([a], [b]) => compareCodePoints(String(a), String(b)));
  const lines = entries.map(([k, v], idx) => {
    const end = outest || idx === entries.length - 1 ? '' : ',';
    const sep = mapping ? ': ' : '=';
    if (v instanceof PyDict) return indent(`${keyText(k, mapping)}${sep}dict(\n${formatDict(v)}`) + ')' + end;
    if (Array.isArray(v) || v instanceof PyTuple) return formatSequence(keyText(k, mapping) + sep, v) + end;
    return indent(`${keyText(k, mapping)}${sep}${pyRepr(v)}`) + end;
  });
  const body = lines.join('\n');
  return mapping ? `{${body}}` : body;
}

function formatSequence(prefix: string | undefined, v: PyValue[] | PyTuple): string {
  const [left, right] = Array.isArray(v) ? ['[', ']'] : ['(', ')'];
  let text = `${left}\n`;
  for (const item of Array.isArray(v) ? v : v.items) {
    if (item instanceof PyDict) text += `dict(${indent(formatDict(item))}),\n`;
    else if (Array.isArray(item) || item instanceof PyTuple) text += `${indent(formatSequence(undefined, item))},\n`;
    else if (typeof item === 'string') text += `${indent(pyRepr(item))},\n`;
    else text += `${pyRepr(item)},\n`;
  }
  if (prefix === undefined) return indent(text) + right;
  return indent(prefix + text) + right;
}
