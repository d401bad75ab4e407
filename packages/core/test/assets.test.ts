import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSET_LAYOUT, assetPath, assetRoot, type AssetName } from '../src/assets.js';

describe('the asset locator in a checkout', () => {
  it('finds the checkout from the code, not from the working directory', () => {
    const before = process.cwd();
    process.chdir('/');
    try {
      expect(assetRoot()).toEqual({ dir: join(import.meta.dirname, '..', '..', '..'), checkout: true });
    } finally {
      process.chdir(before);
    }
  });

  it.each(Object.keys(ASSET_LAYOUT) as AssetName[])('%s exists where it says', (name) => {
    expect(existsSync(assetPath(name))).toBe(true);
  });
});
