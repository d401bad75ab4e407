import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverSettings, loadSettings, ShardwiseError } from '../src/index.js';
import { tempDir } from '../../../test/support/temp-dir.js';

function settingsFile(text: string): string {
  const dir = tempDir('sw-toml-');
  writeFileSync(join(dir, 'shardwise.toml'), text);
  return join(dir, 'shardwise.toml');
}

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ShardwiseError) return e.issues;
    throw e;
  }
  throw new Error('expected a ShardwiseError');
}

describe('shardwise.toml', () => {
  it('reads a valid file', () => {
    const file = settingsFile(
      `[opencompass]\nroot = "../opencompass"\n\n[sizes.datasets]\ngsm8k = 1319\n\n[[merge.rules]]\nevaluator = "MyEval"\nkey = "acc*"\nrule = "A"\n`,
    );
    const { settings } = loadSettings(file);
    expect(settings.opencompass?.root).toBe('../opencompass');
    expect(settings.sizes?.datasets?.['gsm8k']).toBe(1319);
    expect(settings.merge?.rules?.[0]?.rule).toBe('A');
  });

  it('reports a TOML syntax error with its line', () => {
    const file = settingsFile(`[opencompass]\nroot = "x"\nbroken = = 3\n`);
    const [first] = issuesOf(() => loadSettings(file));
    expect(first).toMatchObject({ code: 'SW_TOML_SYNTAX', file, line: 3 });
  });

  it('names the key and line of every schema violation', () => {
    const file = settingsFile(
      `[sizes.datasets]\ngsm8k = -1\n\n[[merge.rules]]\nevaluator = "A"\nkey = "x"\nrule = "A"\n\n[[merge.rules]]\nevaluator = "B"\nkey = "y"\nrule = "average"\n\n[typo]\nx = 1\n`,
    );
    const issues = issuesOf(() => loadSettings(file));
    expect(issues.map((i) => [i.code, i.message.split(' ')[0], i.line])).toEqual(
      expect.arrayContaining([
        ['SW_TOML_SCHEMA', 'sizes.datasets.gsm8k', 2],
        ['SW_TOML_SCHEMA', 'merge.rules.1.rule', 12],
        ['SW_TOML_SCHEMA', 'typo', 14],
      ]),
    );
  });

  it('is found in a parent folder, and absent means defaults', () => {
    const file = settingsFile(`[env]\nTOKENIZER_MODEL = "gpt-4"\n`);
    const nested = join(file, '..', 'a', 'b');
    mkdirSync(nested, { recursive: true });
    expect(discoverSettings(nested).settings.env).toEqual({ TOKENIZER_MODEL: 'gpt-4' });
    expect(discoverSettings(tempDir('sw-none-')).settings).toEqual({});
  });
});
