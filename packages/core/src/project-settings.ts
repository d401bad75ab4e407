import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import TOML from '@iarna/toml';
import type { ShardwiseToml } from './generated/shardwise-toml.generated.js';
import { issue, ShardwiseError } from './issue.js';
import { validateAgainst } from './schema-registry.js';
import { locateTomlKey } from './toml-locate.js';

export const SETTINGS_FILE = 'shardwise.toml';

export interface ProjectSettings {
  /** The file read, or undefined when none was found (all defaults). */
  file?: string;
  settings: ShardwiseToml;
}

/** Finds the nearest shardwise.toml at or above `startDir`. */
export function findSettingsFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, SETTINGS_FILE);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Reads and validates shardwise.toml. Syntax or schema problems throw a ShardwiseError naming key and line. */
export function loadSettings(file: string): ProjectSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ShardwiseError(issue('SW_FILE_UNREADABLE', `cannot read ${file}: ${(e as Error).message}`, { file }));
  }
  let data: unknown;
  try {
    data = TOML.parse(text);
  } catch (e) {
    const err = e as Error & { line?: number; col?: number };
    const firstLine = err.message.split('\n')[0] ?? err.message;
    throw new ShardwiseError(
      issue('SW_TOML_SYNTAX', `${firstLine.replace(/ at row \d+, col \d+, pos \d+:?$/, '')}`, {
        file,
        ...(err.line !== undefined ? { line: err.line + 1, col: (err.col ?? 0) + 1 } : {}),
        hint: 'fix the TOML syntax at that position',
      }),
    );
  }
  const problems = validateAgainst('shardwise-toml.schema.json', data);
  if (problems.length) {
    throw new ShardwiseError(
      problems.map((p) => {
        const path = p.pointer.split('/').slice(1).map(decodePointer);
        const key = path.length ? path.join('.') : '(top level)';
        const line = locateTomlKey(text, path);
        return issue('SW_TOML_SCHEMA', `${key} ${p.message}`, {
          file,
          ...(line ? { line } : {}),
          hint: `see the shardwise.toml reference in README.md`,
        });
      }),
    );
  }
  return { file, settings: data as ShardwiseToml };
}

/** Nearest settings at or above `startDir`, or defaults. */
export function discoverSettings(startDir: string): ProjectSettings {
  const file = findSettingsFile(startDir);
  return file ? loadSettings(file) : { settings: {} };
}

function decodePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}
