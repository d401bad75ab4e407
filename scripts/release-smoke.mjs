#!/usr/bin/env node
// The release as a user gets it: packs release/shardwise-<version>.tgz, copies it out of the repo, installs it
// with `npm i -g --offline --prefix <tmp>`, and runs the installed `shardwise` from folders outside the repo
// next to the workspace build (node packages/cli/dist/bin.js) on the same inputs: the demo, then check, merge
// (dry run), summarize, gen, config and plan on a copy of the demo run and on an OpenCompass-style config
// with read_base (test/fixtures/release/read-base-config). Exit code, stdout, stderr and every file a
// command writes must be byte-identical (both sides run in the same launch folder, one after the other),
// once shardwise's own folder (the repo, the installed package) is written <shardwise> and a time stamp of
// this very run (the demo's summary time) <now>; the installed side must never mention the repo. Any
// difference fails with the first lines that differ. Used by .ci/run.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUN = 'outputs/demo/20250101_120000';
const CONFIG = 'read-base-config/eval_small.py';

/** Each case runs in a fresh launch folder (a copy of the demo run plus the read_base config) on both sides. */
const CASES = [
  ['demo', '--out', 'demo-copy'],
  ['demo', '--out', 'demo-copy-json', '--json'],
  ['check', RUN],
  ['check', RUN, '--json'],
  ['merge', RUN],
  ['merge', RUN, '--json'],
  ['summarize', RUN, '--out', 'summary', '--time-str', '20250102_000000'],
  ['gen', RUN, '--out', 'shardwise_out'],
  ['status', RUN, '--json'],
  ['record', RUN, '--out', 'run.record.json'],
  ['config', CONFIG],
  ['config', CONFIG, '--json'],
  ['plan', CONFIG, '--size', 'gsm8k=1319', '--json'],
  ['--version'],
  ['--help'],
  ['nonsense'],
  // Schema errors in a shardwise.toml: the release's validators are precompiled, the workspace's compiled by ajv.
  [
    'merge',
    RUN,
    '--json',
    { 'shardwise.toml': '[merge]\nrules = [{ evaluator = "X", key = "accuracy", rule = "bogus" }]\nunknown_key = 1\n' },
  ],
];

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'shardwise-smoke-')));
const started = Date.now();
let failures = 0;
try {
  execFileSync(process.execPath, [join(repo, 'scripts', 'release-pack.mjs')], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  const [tgz] = readdirSync(join(repo, 'release'));
  const away = join(scratch, 'download');
  mkdirSync(away);
  cpSync(join(repo, 'release', tgz), join(away, tgz));
  const prefix = join(scratch, 'prefix');
  execFileSync('npm', ['i', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(away, tgz)], {
    cwd: away,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const installed = { command: [join(prefix, 'bin', 'shardwise')], home: join(prefix, 'lib', 'node_modules', 'shardwise') };
  const workspace = { command: [process.execPath, join(repo, 'packages', 'cli', 'dist', 'bin.js')], home: repo };

  // The read-ahead worker only starts on runs of 1000+ files, and a missing one would only slow a command
  // down: every asset the locator can ask for must be where the installed package's layout says.
  const { ASSET_LAYOUT } = await import(join(repo, 'packages', 'core', 'dist', 'assets.js'));
  for (const [name, place] of Object.entries(ASSET_LAYOUT)) {
    if (!existsSync(join(installed.home, place.package))) {
      console.log(`FAIL  asset ${name}: ${place.package} is missing from the installed package`);
      failures++;
    }
  }

  CASES.forEach((args, i) => {
    const a = runCase(installed, args, i);
    const b = runCase(workspace, args, i);
    const problems = compare(a, b);
    if (a.raw.includes(repo)) problems.push(`the installed shardwise mentions the repo (${repo})`);
    // Exit 0 clean, 1 findings, 2 bad input (the unknown command, the bad shardwise.toml); 3 is a crash.
    if (a.status !== 0 && a.status !== 1 && a.status !== 2) problems.push(`exit ${a.status}: shardwise crashed`);
    console.log(
      `${problems.length ? 'FAIL' : 'ok  '}  shardwise ${args.filter((a) => typeof a === 'string').join(' ')}  (exit ${a.status}, ${a.files.size} file(s) written)`,
    );
    for (const p of problems) console.log(`      ${p}`);
    failures += problems.length ? 1 : 0;
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (failures) {
  console.error(`release smoke: ${failures} failure(s): the installed release differs from the workspace build`);
  process.exit(1);
}
console.log(`release smoke: all ${CASES.length} commands identical`);

/** Runs one command in a fresh launch folder; returns what it printed and every file it wrote, normalised. */
function runCase({ command, home }, argv, i) {
  const files = typeof argv.at(-1) === 'object' ? argv.at(-1) : {};
  const args = argv.filter((a) => typeof a === 'string');
  const launch = join(scratch, 'launch', String(i));
  rmSync(launch, { recursive: true, force: true });
  mkdirSync(launch, { recursive: true });
  cpSync(join(repo, 'examples', 'demo', '.cache'), join(launch, '.cache'), { recursive: true });
  cpSync(join(repo, 'examples', 'demo', 'outputs'), join(launch, 'outputs'), { recursive: true });
  cpSync(join(repo, 'test', 'fixtures', 'release', 'read-base-config'), join(launch, 'read-base-config'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(launch, name), text);
  const before = snapshot(launch);
  const env = { ...process.env, NO_COLOR: '1' };
  const r = spawnSync(command[0], [...command.slice(1), ...args], { cwd: launch, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  const norm = (s) =>
    s
      .split(home)
      .join('<shardwise>')
      .replace(/(?<!\d)\d{8}_\d{6}(?!\d)/g, (stamp) => (isNow(stamp) ? '<now>' : stamp));
  const written = new Map();
  let raw = r.stdout + r.stderr;
  for (const [rel, text] of snapshot(launch)) {
    if (before.get(rel) === text) continue;
    written.set(norm(rel), norm(text));
    raw += text;
  }
  return { status: r.status, stdout: norm(r.stdout), stderr: norm(r.stderr), files: written, raw };
}

/** A YYYYMMDD_HHMMSS stamp (local time, as OpenCompass writes them) from while this script runs. */
function isNow(stamp) {
  const m = /^(\d{4})(\d\d)(\d\d)_(\d\d)(\d\d)(\d\d)$/.exec(stamp);
  const t = new Date(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]).getTime();
  return t >= started - 1000 && t <= Date.now();
}

/** Every file under `dir`: relative path → content. */
function snapshot(dir) {
  const out = new Map();
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

function compare(a, b) {
  const problems = [];
  if (a.status !== b.status) problems.push(`exit ${a.status} (installed) vs ${b.status} (workspace)`);
  for (const stream of ['stdout', 'stderr']) {
    const d = firstDifference(a[stream], b[stream]);
    if (d) problems.push(`${stream} differs: ${d}`);
  }
  for (const name of new Set([...a.files.keys(), ...b.files.keys()])) {
    if (!a.files.has(name) || !b.files.has(name))
      problems.push(`${name} written only by the ${a.files.has(name) ? 'installed' : 'workspace'} build`);
    else {
      const d = firstDifference(a.files.get(name), b.files.get(name));
      if (d) problems.push(`${name} differs: ${d}`);
    }
  }
  return problems;
}

function firstDifference(x, y) {
  if (x === y) return undefined;
  const xs = x.split('\n');
  const ys = y.split('\n');
  const at = xs.findIndex((line, i) => line !== ys[i]);
  const line = at === -1 ? xs.length : at;
  return `line ${line + 1}\n        installed: ${JSON.stringify(xs[line])}\n        workspace: ${JSON.stringify(ys[line])}`;
}
