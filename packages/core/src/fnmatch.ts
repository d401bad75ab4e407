/** Compiled patterns: rule lookup matches the same few hundred patterns against every result key. */
const compiled = new Map<string, RegExp>();

/**
 * Python's `fnmatch.fnmatchcase` (case-sensitive, as on POSIX): `*`, `?`, `[seq]`, `[!seq]`, translated as CPython's
 * `fnmatch.translate` does (`[]…]` and `[!]…]` hold a literal `]`; a `[` without its `]` is literal). The one glob of
 * shardwise: SizePartitioner's heavy-abbr patterns and the merge-rule table's evaluator and key patterns (the
 * generated Python matches the latter with `fnmatch.fnmatchcase` itself).
 */
export function fnmatch(name: string, pattern: string): boolean {
  let re = compiled.get(pattern);
  if (re === undefined) compiled.set(pattern, (re = translate(pattern)));
  return re.test(name);
}

function translate(pattern: string): RegExp {
  let re = '';
  const n = pattern.length;
  for (let i = 0; i < n;) {
    const c = pattern[i++]!;
    if (c === '*') {
      if (!re.endsWith('[\\s\\S]*')) re += '[\\s\\S]*';
    } else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      let j = i;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < n && pattern[j] !== ']') j++;
      if (j >= n) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i, j).replace(/\\/g, '\\\\');
      i = j + 1;
      if (body === '!') re += '[\\s\\S]';
      else {
        if (body.startsWith('!')) body = '^' + body.slice(1);
        else if (body.startsWith('^') || body.startsWith('[')) body = '\\' + body;
        re += `[${body.replace(/\]/g, '\\]')}]`;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  try {
    return new RegExp(`^(?:${re})$`);
  } catch {
    // A set Python accepts but a JS class does not (a reversed range such as [z-a], which CPython drops): never matches.
    return /(?!)/;
  }
}
