/**
 * `pnpm bench`: times the real built CLI against OpenCompass's summarizer (a Python process) and the physical floor
 * on one run (bench/opencompass-baseline.ts), then on synthetic split runs of 3 sizes against the floor (a bare
 * Node process reading and JSON.parse-ing the same files), and writes bench/RESULTS.md.
 * Options: --baseline 8x150x8 (models×datasets×shards, or none) --baseline-rows 85 --python python3
 * --sizes 125,250,500 (datasets, or none) --models 20 --shards 8 --rows 20 --runs 3 --out bench/RESULTS.md
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BENCH_CASES } from './bench-cases.js';
import { measure, runChild } from './child-measure.js';
import { compareWithOpenCompass, renderBaseline } from './opencompass-baseline.js';
import { renderResults, type CaseResult, type SizeResult } from './results-markdown.js';
import { cachedRun } from './run-cache.js';
import {
  CONFIG_INTERPRETER_HEADING,
  OPENCOMPASS_BASELINE_HEADING,
  sectionOf,
  STARTUP_HEADING,
  SUMMARIZE_PROFILE_HEADING,
  withSection,
} from './results-section.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repo, 'packages', 'cli', 'dist', 'bin.js');
const floorScript = join(repo, 'bench', 'floor-read.mjs');
const readStrategiesScript = join(repo, 'bench', 'read-strategies.mjs');
/** Concurrency limits tried for bounded parallel reads (issue 8), against plain sequential reads. */
const READ_CONCURRENCY = [4, 8, 16];

const { values: opt } = parseArgs({
  options: {
    baseline: { type: 'string', default: '8x150x8' },
    'baseline-rows': { type: 'string', default: '85' },
    python: { type: 'string', default: 'python3' },
    sizes: { type: 'string', default: '125,250,500' },
    models: { type: 'string', default: '20' },
    shards: { type: 'string', default: '8' },
    rows: { type: 'string', default: '20' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: join(repo, 'bench', 'RESULTS.md') },
  },
});
const runs = Number(opt.runs);
const workDir = join(repo, '.bench-work');
mkdirSync(workDir, { recursive: true });

const started = Date.now();
console.log('building (tsc -b) so the bin is current…');
execFileSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], { cwd: repo, stdio: 'inherit' });
const configCommand = configCommandOf();

let baseline: string[] = [];
if (opt.baseline !== 'none') {
  const [models, datasets, shards] = opt.baseline.split('x').map(Number) as [number, number, number];
  const run = cachedRun(workDir, { models, datasets, shards, rowsPerShard: Number(opt['baseline-rows']), sizeCache: false }, configCommand);
  console.log(
    `\nagainst OpenCompass's summarizer: ${models} × ${datasets} × ${shards}, ${run.files} files, ${(run.bytes / 1e6).toFixed(0)} MB`,
  );
  // The interpreter itself: a version manager's shim (pyenv's is a bash script) costs the Python side seconds under load.
  const python = execFileSync(opt.python, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  const b = compareWithOpenCompass(run, bin, floorScript, python, runs);
  baseline = renderBaseline(b, runs);
  console.log(baseline.join('\n'));
}

const sizes: SizeResult[] = [];
let readStrategies: { files: number; ms: Record<string, number> } | undefined;
for (const datasets of opt.sizes === 'none' ? [] : opt.sizes.split(',').map(Number)) {
  const shape = { models: Number(opt.models), datasets, shards: Number(opt.shards), rowsPerShard: Number(opt.rows) };
  const t0 = Date.now();
  const run = cachedRun(workDir, shape, configCommand);
  console.log(
    `\n${shape.models} models × ${datasets} datasets × ${shape.shards} shards: ${run.files} files, ${(run.bytes / 1e6).toFixed(0)} MB (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const cases: CaseResult[] = [];
  for (const c of BENCH_CASES) {
    const list = join(run.dir, `floor-${c.name}.txt`);
    const files = c.reads.flatMap((g) => run.groups[g]);
    writeFileSync(list, files.join('\n') + '\n');
    runChild([floorScript, list], run.dir); // warm the page cache so neither side pays the first read
    const floor = measure(`floor of ${c.name}`, [floorScript, list], run.dir, runs);
    let cmd: { ms: number; rssMb: number; failure?: string };
    try {
      cmd = measure(c.name, [bin, ...c.argv(run)], run.dir, runs);
    } catch (e) {
      // Recorded, not fatal: an out-of-memory crash at the largest size is itself a result.
      cmd = { ms: NaN, rssMb: NaN, failure: (e as Error).message.split('\n')[0]! };
      console.log(`  ${c.name}: FAILED ${cmd.failure}`);
    }
    const r: CaseResult = {
      name: c.name === 'config' ? `config (${configCommand})` : c.name,
      pipeline: c.pipeline,
      files: files.length,
      ms: cmd.ms,
      rssMb: cmd.rssMb,
      floorMs: floor.ms,
      floorRssMb: floor.rssMb,
      ...(cmd.failure ? { failure: cmd.failure } : {}),
    };
    cases.push(r);
    console.log(
      `  ${r.name.padEnd(16)} ${fmt(r.ms)} ms  floor ${fmt(r.floorMs)} ms  ×${(r.ms / r.floorMs).toFixed(2)}  peak RSS ${r.rssMb.toFixed(0)} MB (floor ${r.floorRssMb.toFixed(0)} MB)`,
    );
  }
  sizes.push({ shape, files: run.files, bytes: run.bytes, cases });
  if (!readStrategies) {
    // Once, on the smallest size: whether bounded parallel reads would beat the sequential reads merge uses.
    const list = join(run.dir, 'floor-merge.txt');
    const r = runChild([readStrategiesScript, list, READ_CONCURRENCY.join(',')], run.dir, true);
    readStrategies = {
      files: run.groups.predictions.length + run.groups.results.length,
      ms: JSON.parse(r.stdout) as Record<string, number>,
    };
    console.log(
      `  reads of the merge files: ${Object.entries(readStrategies.ms)
        .map(([k, v]) => `${k} ${v} ms`)
        .join(', ')}`,
    );
  }
}

const markdown = renderResults(sizes, runs, (Date.now() - started) / 1000, readStrategies, baseline);
// Sections other benches own are kept as they were: start-up (`pnpm bench:startup`) and the config interpreter
// (bench/pyconfig/interpreter.ts --update), and the summarize profile (by hand); so is what this run did not measure: with --sizes none the file is kept
// but for the OpenCompass baseline's section, with --baseline none that section is kept.
let kept = markdown;
if (!sizes.length && baseline.length && existsSync(opt.out))
  kept = withSection(readFileSync(opt.out, 'utf8'), OPENCOMPASS_BASELINE_HEADING, baseline.join('\n'));
else {
  for (const heading of [
    STARTUP_HEADING,
    CONFIG_INTERPRETER_HEADING,
    SUMMARIZE_PROFILE_HEADING,
    ...(baseline.length ? [] : [OPENCOMPASS_BASELINE_HEADING]),
  ]) {
    const section = sectionOf(opt.out, heading);
    if (section) kept = withSection(kept, heading, section);
  }
}
writeFileSync(opt.out, kept);
console.log(`\n${markdown.split('\n## Targets')[1] ? '## Targets' + markdown.split('\n## Targets')[1] : ''}\nwrote ${opt.out}`);

/** `config` once it is built; until then `plan` evaluates the same config (and plans it). */
function configCommandOf(): string {
  const probe = join(workDir, 'probe_config.py');
  writeFileSync(probe, 'models = []\ndatasets = []\n');
  const r = runChild([bin, 'config', probe, '--json'], workDir, true);
  return /SW_NOT_IMPLEMENTED/.test(r.stdout + r.stderr) ? 'plan' : 'config';
}

function fmt(ms: number): string {
  return ms.toFixed(0).padStart(7);
}
