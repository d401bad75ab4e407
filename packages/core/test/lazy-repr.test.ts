import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PyLazy, pyRepr, pyStr } from '@shardwise/core';
import { readConfig } from '@shardwise/pyconfig';
import { tempDir } from '../../../test/support/temp-dir.js';

const dir = tempDir('sw-lazy-repr-');

describe("repr/str of lazy imports: one behaviour, mmengine's", () => {
  it('LazyObject prints the imported name or the module as bound, LazyAttr its name', () => {
    expect(pyStr(new PyLazy('mmy.z', 'Thing'))).toBe('Thing');
    expect(pyStr(new PyLazy('mmy.z', 'Thing.attr'))).toBe('attr');
    expect(pyRepr([new PyLazy('torch.nn', ''), new PyLazy('mmx', '')])).toBe('[torch.nn, mmx]');
  });

  it("core's repr of the values a config holds equals the config's own repr() of them", async () => {
    const file = join(dir, 'lazy.py');
    writeFileSync(
      file,
      'import torch.nn as nn\nimport mmx.models\nfrom mmy.z import Thing\nx = [nn, mmx, Thing, nn.Linear, Thing.attr]\nshown = repr(x)\nas_str = str(mmx)\ndel nn, mmx, Thing\n',
    );
    const read = await readConfig(file, { env: {}, cwd: dir });
    expect(read.issues).toEqual([]);
    expect(read.namespace!.get('shown')).toBe('[torch.nn, mmx, Thing, Linear, attr]');
    // The same imports as core values (what the interpreter binds) print the same through core's pyRepr.
    const bound = [
      new PyLazy('torch.nn', ''),
      new PyLazy('mmx', ''),
      new PyLazy('mmy.z', 'Thing'),
      new PyLazy('torch.nn', 'Linear'),
      new PyLazy('mmy.z', 'Thing.attr'),
    ];
    expect(pyRepr(bound)).toBe(read.namespace!.get('shown'));
    expect(read.namespace!.get('as_str')).toBe('mmx');
  });
});
