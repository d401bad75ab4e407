#!/usr/bin/env node
// Optional: shardwise as a Node single executable application, for machines with no Node at all.
// Writes release-sea/shardwise-<version>-<platform>-<arch>.tar.gz: the released package's folder (from
// release:pack) with bin/shardwise, a copy of this Node with the CLI injected (postject). It is one program,
// not one file: the assets stay in the folder beside bin/, where core's asset locator finds them (it walks
// up from the executable). Node 20's executables run one CommonJS script with no dynamic import(), so the
// CLI is bundled a second time as one CommonJS file. Usage: npx -y pnpm@10 run release:sea
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { precompiledValidators } from './precompiled-validators.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'release-sea');
/** The fuse postject flips so Node runs the injected script (Node's documented sentinel). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

execFileSync(process.execPath, [join(root, 'scripts', 'release-pack.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const version = JSON.parse(readFileSync(join(root, 'packages', 'cli', 'package.json'), 'utf8')).version;
const name = `shardwise-${version}-${process.platform}-${process.arch}`;
const work = mkdtempSync(join(tmpdir(), 'shardwise-sea-'));
try {
  const entry = join(work, 'sea-entry.mjs');
  writeFileSync(
    entry,
    `import { processIo, runCli } from ${JSON.stringify(join(root, 'packages', 'cli', 'dist', 'index.js'))};\nprocess.exitCode = 0;\nrunCli(process.argv.slice(2), processIo()).then((code) => { process.exitCode = code; });\n`,
  );
  const script = join(work, 'shardwise.cjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20.11',
    outfile: script,
    minify: true,
    keepNames: true,
    logLevel: 'warning',
    plugins: [precompiledValidators(root), builtinImports()],
    // import.meta.url is the executable's own path: the asset locator and the version walk up from there.
    define: { 'import.meta.url': '__shardwiseUrl' },
    banner: {
      js: "const __shardwiseRequire = require; const __shardwiseUrl = require('node:url').pathToFileURL(require('node:sea').isSea() ? process.execPath : __filename).href;",
    },
  });
  writeFileSync(
    join(work, 'sea-config.json'),
    JSON.stringify({ main: script, output: join(work, 'sea.blob'), disableExperimentalSEAWarning: true, useCodeCache: true }),
  );
  execFileSync(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')], {
    cwd: work,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  execFileSync('tar', ['xzf', join(root, 'release', `shardwise-${version}.tgz`), '-C', work]);
  const folder = join(work, name);
  execFileSync('mv', [join(work, 'package'), folder]);
  rmSync(join(folder, 'dist'), { recursive: true });
  mkdirSync(join(folder, 'bin'));
  const exe = join(folder, 'bin', 'shardwise');
  copyFileSync(process.execPath, exe);
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'postject', 'dist', 'cli.js'), exe, 'NODE_SEA_BLOB', join(work, 'sea.blob'), '--sentinel-fuse', SEA_FUSE],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  execFileSync('tar', ['czf', join(out, `${name}.tar.gz`), '-C', work, name]);
  console.log(relative(process.cwd(), join(out, readdirSync(out)[0])));
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** web-tree-sitter imports two builtins with import(), which Node 20's executables cannot run: require them. */
function builtinImports() {
  return {
    name: 'builtin-imports',
    setup(b) {
      b.onLoad({ filter: /web-tree-sitter\.js$/ }, (args) => ({
        contents: readFileSync(args.path, 'utf8').replace(
          /\bimport\(("(?:fs\/promises|module)")\)/g,
          'Promise.resolve(__shardwiseRequire($1))',
        ),
        loader: 'js',
      }));
    },
  };
}
