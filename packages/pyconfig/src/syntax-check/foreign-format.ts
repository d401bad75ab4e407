import { extname } from 'node:path';
import type { SourceFile } from '../syntax-node.js';

/** Extensions mmengine's Config.fromfile loads as data, not as Python. */
export const DATA_CONFIG_EXTENSIONS: Readonly<Record<string, string>> = {
  '.json': 'JSON',
  '.yaml': 'YAML',
  '.yml': 'YAML',
  '.toml': 'TOML',
};

const YAML_LINE = /^\s*(?:-\s+\S|-$|[\w.-]+:(?:\s+\S.*)?$|---\s*$|#)/;
const JSON_START = /^\s*[[{]/;

/** What the text looks like when it is not Python: YAML, JSON or TOML, else undefined. */
export function foreignFormat(source: SourceFile): string | undefined {
  const byExtension = DATA_CONFIG_EXTENSIONS[extname(source.path).toLowerCase()];
  if (byExtension) return byExtension;
  const lines = source.text.split('\n').filter((l) => l.trim() !== '');
  if (!lines.length) return undefined;
  if (JSON_START.test(source.text) && isJson(source.text)) return 'JSON';
  if (/^\s*\[[\w.-]+\]\s*$/.test(lines[0]!) && lines.slice(1).some((l) => /^\s*[\w.-]+\s*=\s*\S/.test(l))) return 'TOML';
  const yamlish = lines.filter((l) => YAML_LINE.test(l)).length;
  return yamlish / lines.length >= 0.8 && lines.some((l) => /^\s*(?:-\s|[\w.-]+:\s*$)/.test(l)) ? 'YAML' : undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The hint of a syntax error in a file that is really YAML, JSON or TOML. */
export function notPythonHint(source: SourceFile): string | undefined {
  const format = foreignFormat(source);
  return format
    ? `this looks like ${format}, not a Python config: shardwise reads the OpenCompass Python config (.py) that OpenCompass runs, e.g. configs/eval_*.py or a run's configs/<timestamp>_<pid>.py`
    : undefined;
}
