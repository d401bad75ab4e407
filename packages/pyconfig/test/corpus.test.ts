import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readConfig, toPyJson, type ReadConfigOptions } from '@shardwise/pyconfig';
import { pyconfigCodes } from '../../core/src/codes/pyconfig-codes.js';
import { mmengineNamespace, pythonNamespace, tagged } from './support/tagged-value.js';

/**
 * Table-driven corpus. Each `corpus/<case>/config.py` has an `expected.json` (the `--json` namespace).
 * Cases without read_base, lazy imports, __file__ or an environment run under real python3 as well
 * (plain mode), and must match it value for value, types included. read_base cases whose files use only
 * relative bases and `from <stdlib> import` run under python3 with mmengine's lazy mode and ConfigDict
 * emulated (support/mm_namespace.py). `_error_/<case>/expected.json` holds the code and position of a refusal
 * (and `config` when the file read is not config.py).
 */
const corpus = fileURLToPath(new URL('./corpus', import.meta.url));
const ocRoot = fileURLToPath(new URL('./fixtures/oc-root', import.meta.url));

const cases = readdirSync(corpus).filter((c) => c !== '_error_' && existsSync(join(corpus, c, 'config.py')));
const errorCases = readdirSync(join(corpus, '_error_'));

/** Per-case inputs: `env.json` (the injected environment), `options.json` (`limits`, `noOcRoot`). */
function optionsFor(dir: string): ReadConfigOptions {
  const read = (name: string): unknown => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), 'utf8')) : undefined);
  const env = read('env.json') as Record<string, string> | undefined;
  const extra = (read('options.json') ?? {}) as { limits?: ReadConfigOptions['limits']; noOcRoot?: boolean };
  return { cwd: dir, ...(extra.noOcRoot ? {} : { ocRoot }), ...(env ? { env } : {}), ...(extra.limits ? { limits: extra.limits } : {}) };
}

const needsMmengine = (text: string) => /read_base|opencompass|__file__|os\.environ|os\.getenv|^import torch/m.test(text);
const pyFilesOf = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .map((f) => readFileSync(join(dir, f), 'utf8'));
/** A read_base case the mmengine emulation can run: no OpenCompass, environment, `__file__` or `import x`. */
const emulable = (dir: string) =>
  /read_base/.test(readFileSync(join(dir, 'config.py'), 'utf8')) &&
  pyFilesOf(dir).every((t) => !/opencompass|__file__|os\.environ|os\.getenv|^\s*import /m.test(t));

describe('config corpus', () => {
  it('has at least 40 cases and an error case for every refusal code', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const covered = new Set(
      errorCases.map((c) => (JSON.parse(readFileSync(join(corpus, '_error_', c, 'expected.json'), 'utf8')) as { code: string }).code),
    );
    expect([...covered].sort()).toEqual(Object.keys(pyconfigCodes).sort());
  });

  it.each(cases)('%s', async (name) => {
    const dir = join(corpus, name);
    const result = await readConfig(join(dir, 'config.py'), optionsFor(dir));
    expect(result.issues).toEqual([]);
    expect(toPyJson(result.namespace!)).toBe(readFileSync(join(dir, 'expected.json'), 'utf8').trimEnd());
  });

  const plain = cases.filter((c) => !needsMmengine(readFileSync(join(corpus, c, 'config.py'), 'utf8')));
  it.each(plain)('%s: the same values and types as python3 running it', async (name) => {
    const config = join(corpus, name, 'config.py');
    const result = await readConfig(config, optionsFor(join(corpus, name)));
    expect(tagged(result.namespace!)).toEqual(pythonNamespace(config));
  });

  const withBases = cases.filter((c) => !plain.includes(c) && emulable(join(corpus, c)));
  it.each(withBases)("%s: the same values and types as python3 with mmengine's read_base emulated", async (name) => {
    const config = join(corpus, name, 'config.py');
    const result = await readConfig(config, optionsFor(join(corpus, name)));
    expect(tagged(result.namespace!)).toEqual(mmengineNamespace(config));
  });
});

describe('refusal corpus (_error_)', () => {
  it.each(errorCases)('%s', async (name) => {
    const dir = join(corpus, '_error_', name);
    // `config`: the file to read when it is not config.py (a JSON file, refused for its format).
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
      code: string;
      line: number | null;
      col: number | null;
      file?: string;
      config?: string;
    };
    const result = await readConfig(join(dir, expected.config ?? 'config.py'), optionsFor(dir));
    const found = result.issues.find((i) => i.code === expected.code);
    expect(result.issues.map((i) => i.code)).toContain(expected.code);
    expect({ line: found?.line, col: found?.col }).toEqual({ line: expected.line ?? undefined, col: expected.col ?? undefined });
    expect(found?.file).toBe(join(dir, expected.file ?? 'config.py'));
  });
});
