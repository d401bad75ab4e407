/**
 * Best-effort line of a key path (`['merge', 'rules', '0', 'rule']`) in TOML text, so schema errors
 * can point at a line. Tracks `[table]` and `[[array.of.tables]]` headers and dotted/inline keys
 * at the start of a line; returns undefined when the path is not written in one of those forms.
 */
export function locateTomlKey(text: string, path: string[]): number | undefined {
  const lines = text.split(/\r?\n/);
  const arrayCounts = new Map<string, number>();
  let table: string[] = [];
  let best: number | undefined;
  const target = path.join('.');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const header = /^\[\[\s*([^\]]+?)\s*\]\]/.exec(line) ?? /^\[\s*([^\]]+?)\s*\]/.exec(line);
    if (header) {
      const name = splitKey(header[1]!);
      if (line.startsWith('[[')) {
        const k = name.join('.');
        const n = arrayCounts.get(k) ?? 0;
        arrayCounts.set(k, n + 1);
        table = [...name, String(n)];
      } else {
        table = name;
      }
      if (table.join('.') === target || (target.startsWith(table.join('.') + '.') && best === undefined)) best = i + 1;
      return;
    }
    const assign = /^((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=/.exec(line);
    if (!assign) return;
    const full = [...table, ...splitKey(assign[1]!)].join('.');
    if (full === target || target.startsWith(full + '.')) best = i + 1;
  });
  return best;
}

function splitKey(key: string): string[] {
  return (key.match(/"[^"]*"|'[^']*'|[^.\s]+/g) ?? []).map((k) => k.replace(/^["']|["']$/g, ''));
}
