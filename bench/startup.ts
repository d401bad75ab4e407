/**
 * `pnpm bench:startup`: start-up of the installed `shardwise` (release/shardwise-<version>.tgz, packed and
 * installed with `npm i -g --offline` into a temp prefix) next to a bare `node -e 0`, in one run: the
 * commands are spawned in interleaved rounds (so a change of machine load hits every one alike) and each
 * gets the median wall time. Writes the "Start-up" section of bench/RESULTS.md (the rest is bench/run.ts's).
 * Options: --rounds 30 --out bench/RESULTS.md
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { STARTUP_HEADING, withSection } from './results-section.js';

/** The target of issue 16: `shardwise --version` within this many times a bare Node start. */
const VERSION_TARGET = 1.5;

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    rounds: { type: 'string', default: '30' },
    out: { type: 'string', default: join(repo, 'bench', 'RESULTS.md') },
  },
});
const rounds = Number(opt.rounds);

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'shardwise-startup-')));
try {
  console.log('packing and installing the release…');
  execFileSync(process.execPath, [join(repo, 'scripts', 'release-pack.mjs')], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = join(repo, 'release', readdirSync(join(repo, 'release'))[0]!);
  const prefix = join(scratch, 'prefix');
  execFileSync('npm', ['i', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tgz], {
    cwd: scratch,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const shardwise = join(prefix, 'bin', 'shardwise');
  const workspaceBin = join(repo, 'packages', 'cli', 'dist', 'bin.js');
  // A small OpenCompass-style config: two read_base imports, one model, one dataset.
  cpSync(join(repo, 'test', 'fixtures', 'release', 'read-base-config'), join(scratch, 'cfg'), { recursive: true });
  cpSync(join(repo, 'examples', 'demo', '.cache'), join(scratch, '.cache'), { recursive: true });
  cpSync(join(repo, 'examples', 'demo', 'outputs'), join(scratch, 'outputs'), { recursive: true });

  const cases: { label: string; cmd: string; args: string[] }[] = [
    { label: '`node -e 0` (bare Node)', cmd: process.execPath, args: ['-e', '0'] },
    { label: '`shardwise --version`', cmd: shardwise, args: ['--version'] },
    { label: '`shardwise --help`', cmd: shardwise, args: ['--help'] },
    { label: '`shardwise config cfg/eval_small.py`', cmd: shardwise, args: ['config', 'cfg/eval_small.py'] },
    { label: '`shardwise status` (the demo run)', cmd: shardwise, args: ['status', 'outputs/demo/20250101_120000'] },
    { label: '`shardwise check` (the demo run)', cmd: shardwise, args: ['check', 'outputs/demo/20250101_120000'] },
    { label: 'workspace `node packages/cli/dist/bin.js --version`', cmd: process.execPath, args: [workspaceBin, '--version'] },
  ];
  const loadBefore = loadavg();
  const times = cases.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    cases.forEach((c, i) => {
      const start = process.hrtime.bigint();
      const r = spawnSync(c.cmd, c.args, { cwd: scratch, stdio: 'ignore' });
      times[i]!.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (r.status !== 0 && r.status !== 1) throw new Error(`${c.label} exited ${r.status}`);
    });
  }
  const loadAfter = loadavg();
  const medians = times.map(median);
  const node = medians[0]!;
  const version = medians[1]! / node;
  const rows = cases.map((c, i) => `| ${c.label} | ${medians[i]!.toFixed(1)} | ${(medians[i]! / node).toFixed(2)} |`);
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
  const section = [
    `${STARTUP_HEADING} (installed release, \`pnpm bench:startup\`)`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by bench/startup.ts: the packed release installed with \`npm i -g --offline\`, each command spawned ${rounds} times`,
    `in interleaved rounds, median wall time (spawn to exit). Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'},`,
    `${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}; load average ${load(loadBefore)} before, ${load(loadAfter)} after (other work on the machine inflates every row alike).`,
    '',
    '| command | median ms | × bare node |',
    '|---|---:|---:|',
    ...rows,
    '',
    `- \`shardwise --version\` ≤ ${VERSION_TARGET}× a bare node: ${version.toFixed(2)}× — ${version <= VERSION_TARGET ? 'met' : 'MISSED'}`,
    '',
  ].join('\n');
  const previous = readFileSync(opt.out, 'utf8');
  writeFileSync(opt.out, withSection(previous, STARTUP_HEADING, section));
  console.log(section + `\nwrote ${opt.out}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
