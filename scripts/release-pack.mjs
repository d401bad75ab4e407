#!/usr/bin/env node
// Builds the installable `shardwise` package: release/shardwise-<version>.tgz, with no runtime dependencies.
// The CLI and every library it imports (workspace packages and npm ones alike) are bundled by esbuild from
// the built bin, so a new workspace package the CLI imports is picked up with no change here; the files
// that are not code are copied where core's asset locator (packages/core/src/assets.ts) looks for them in
// an installed package. Usage: npx -y pnpm@10 run release:pack
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { precompiledValidators } from './precompiled-validators.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'release');
const cli = JSON.parse(readFileSync(join(root, 'packages', 'cli', 'package.json'), 'utf8'));
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The bundled entry inside the package; bin and the asset locator's walk up start from dist/. */
const BIN = 'dist/shardwise.js';
/** Files of the examples/demo folder the demo copies (the .ts files there generate it from a checkout). */
const DEMO_PARTS = ['.cache', 'outputs', 'README.md'];

execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], { cwd: root, stdio: 'inherit' });
const { ASSET_LAYOUT, assetPath } = await import(join(root, 'packages', 'core', 'dist', 'assets.js'));
// The shipped rule table is not validated at run time (core's loadMergeRules): never ship one that fails its schema.
const { mergeRulesPath, validateAgainst } = await import(join(root, 'packages', 'core', 'dist', 'index.js'));
const ruleProblems = validateAgainst('merge-rules.schema.json', JSON.parse(readFileSync(mergeRulesPath(), 'utf8')));
if (ruleProblems.length)
  throw new Error(
    `${mergeRulesPath()} fails its schema:\n${ruleProblems.map((p) => `  ${p.pointer || '(top level)'} ${p.message}`).join('\n')}`,
  );

const stage = mkdtempSync(join(tmpdir(), 'shardwise-release-'));
try {
  const result = await build({
    entryPoints: { shardwise: join(root, 'packages', 'cli', 'dist', 'bin.js') },
    bundle: true,
    // Each command is its own chunk (run-cli imports them dynamically): --version loads none of them.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.11',
    outdir: join(stage, dirname(BIN)),
    // Chunks sit next to the entry: cli's version.ts reads ../package.json relative to its chunk.
    chunkNames: '[name]-[hash]',
    minify: true,
    // Readable names in the stack trace an internal error prints.
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    // The CommonJS libraries (handlebars, commander, ajv's runtime helpers) call require(); ESM chunks have none.
    banner: {
      js: "import { createRequire as __shardwiseRequire } from 'node:module'; const require = __shardwiseRequire(import.meta.url);",
    },
    logLevel: 'warning',
    plugins: [precompiledValidators(root)],
  });

  for (const [name, place] of Object.entries(ASSET_LAYOUT)) {
    const from = assetPath(name);
    const to = join(stage, place.package);
    mkdirSync(dirname(to), { recursive: true });
    if (name === 'demo') for (const part of DEMO_PARTS) cpSync(join(from, part), join(to, part), { recursive: true });
    else cpSync(from, to, { recursive: true });
  }
  cpSync(join(root, 'README.md'), join(stage, 'README.md'));
  writeFileSync(join(stage, 'THIRD_PARTY_LICENSES.txt'), thirdPartyLicenses(Object.keys(result.metafile.inputs)));

  const manifest = {
    name: 'shardwise',
    version: cli.version,
    description: rootManifest.description,
    type: 'module',
    bin: { shardwise: BIN },
    engines: rootManifest.engines,
    files: ['dist', 'worker', 'wasm', 'schemas', 'templates', 'examples', 'THIRD_PARTY_LICENSES.txt'],
  };
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: stage, stdio: ['ignore', 'ignore', 'inherit'] });
  const packed = readdirSync(out);
  if (packed.length !== 1 || packed[0] !== `shardwise-${cli.version}.tgz`)
    throw new Error(`release/ holds ${packed.join(', ')}, expected shardwise-${cli.version}.tgz`);
  console.log(relative(process.cwd(), join(out, packed[0])));
} finally {
  rmSync(stage, { recursive: true, force: true });
}

/** The license text of every npm package the bundle holds code of (they ship inside shardwise's dist/). */
function thirdPartyLicenses(inputs) {
  const packages = new Map();
  for (const input of inputs) {
    const m = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
    if (m) packages.set(m[2], join(root, m[1]));
  }
  for (const wasm of ['web-tree-sitter', 'tree-sitter-python']) {
    packages.set(wasm, dirname(assetPath(`${wasm}.wasm`)));
  }
  return [...packages]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, dir]) => {
      const { version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
      return `${name}@${version} (${license})\n\n${file ? readFileSync(join(dir, file), 'utf8').trim() : '(no license file in the package)'}\n`;
    })
    .join('\n' + '-'.repeat(72) + '\n\n');
}
