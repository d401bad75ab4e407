import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files shardwise reads at run time that are not code. */
export type AssetName = 'schemas' | 'templates' | 'demo' | 'read-ahead-worker' | 'web-tree-sitter.wasm' | 'tree-sitter-python.wasm';

/** Where an asset is in a checkout: a path under the repo root, or a module that npm installed for a package. */
type CheckoutPlace = { path: string } | { module: string; from: string };

/**
 * The two layouts shardwise runs from. A checkout (sources under vitest, dist/ after `tsc -b`) has the
 * assets where the repo keeps them; the installed `shardwise` package (scripts/release-pack.mjs builds it
 * from this table) has them all under its own folder, next to the bundled code in dist/.
 */
export const ASSET_LAYOUT: Record<AssetName, { checkout: CheckoutPlace; package: string }> = {
  schemas: { checkout: { path: 'schemas' }, package: 'schemas' },
  templates: { checkout: { path: 'templates' }, package: 'templates' },
  demo: { checkout: { path: 'examples/demo' }, package: 'examples/demo' },
  'read-ahead-worker': { checkout: { path: 'packages/core/worker/read-ahead-worker.cjs' }, package: 'worker/read-ahead-worker.cjs' },
  'web-tree-sitter.wasm': {
    checkout: { module: 'web-tree-sitter/web-tree-sitter.wasm', from: 'packages/pyconfig' },
    package: 'wasm/web-tree-sitter.wasm',
  },
  'tree-sitter-python.wasm': {
    checkout: { module: 'tree-sitter-python/tree-sitter-python.wasm', from: 'packages/pyconfig' },
    package: 'wasm/tree-sitter-python.wasm',
  },
};

/** A checkout's root holds this file; the installed package never does. */
const CHECKOUT_MARKER = 'pnpm-workspace.yaml';

let root: { dir: string; checkout: boolean } | undefined;

/**
 * The folder holding `schemas/`: found by walking up from this code, so it is the checkout's root or
 * the installed package's folder whichever file this is (src, dist, or a bundle chunk), never the cwd.
 */
export function assetRoot(): { dir: string; checkout: boolean } {
  if (root) return root;
  const here = fileURLToPath(import.meta.url);
  let dir = dirname(here);
  while (!existsSync(join(dir, 'schemas', 'issue.schema.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('shardwise: cannot find its schemas/ folder above ' + here);
    dir = up;
  }
  return (root = { dir, checkout: existsSync(join(dir, CHECKOUT_MARKER)) });
}

/** Absolute path of one of shardwise's own files or folders, in a checkout and in the installed package alike. */
export function assetPath(name: AssetName): string {
  const { dir, checkout } = assetRoot();
  const place = ASSET_LAYOUT[name];
  if (!checkout) return join(dir, place.package);
  const c = place.checkout;
  return 'path' in c ? join(dir, c.path) : createRequire(join(dir, c.from, 'package.json')).resolve(c.module);
}

export const schemasDir = (): string => assetPath('schemas');
export const templatesDir = (): string => assetPath('templates');
