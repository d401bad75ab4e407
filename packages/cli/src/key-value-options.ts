import { issue, ShardwiseError } from '@shardwise/core';

/** Repeatable `--flag KEY=VALUE` options as [key, value] pairs; a malformed one is a usage error (exit 2). */
export function parseKeyValues<T>(raw: readonly string[], flag: string, shape: string, value: (v: string, raw: string) => T): [string, T][] {
  return raw.map((r) => {
    const eq = r.indexOf('=');
    if (eq <= 0) throw new ShardwiseError(issue('SW_USAGE', `${flag} ${r}: expected ${shape}`, { hint: `write ${flag} ${shape}` }));
    return [r.slice(0, eq), value(r.slice(eq + 1), r)];
  });
}

/** `--env KEY=VALUE …` as the environment map configs see. */
export function parseEnvOptions(raw: readonly string[]): Record<string, string> {
  return Object.fromEntries(parseKeyValues(raw, '--env', 'KEY=VALUE', (v) => v));
}
