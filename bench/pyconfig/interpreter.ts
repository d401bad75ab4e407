import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LIMITS, readConfig, toPyJson, type EvalLimits } from '@shardwise/pyconfig';
import { median, runChild } from '../child-measure.js';
import { generateExperiment } from './generate.js';

/**
 * `npx tsx bench/pyconfig/interpreter.ts [--oc-root <OpenCompass checkout>] [--baseline <built checkout>] [--update]`: the config
 * interpreter's step rate, how soon its default bounds refuse hostile configs, how many steps the
 * largest real configs take, and `config --json` against a bare `node -e 0`. Times are CPU time where
 * the machine's load would distort wall time. `--update` writes the section into bench/RESULTS.md
 * (between its markers; bench/run.ts rewrites the rest of that file). `--baseline` measures the step rate
 * of another built checkout too (e.g. a `git worktree` of an older commit after `npx tsc -b packages/pyconfig`).
 */
const { values: opt } = parseArgs({
  options: {
    'oc-root': { type: 'string' },
    baseline: { type: 'string' },
    update: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
  },
});
const repo = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(repo, 'packages', 'cli', 'dist', 'bin.js');
const corpus = join(repo, 'packages', 'pyconfig', 'test', 'corpus', '_error_');
const runs = Number(opt.runs);
const dir = mkdtempSync(join(tmpdir(), 'shardwise-bench-interpreter-'));
const lines: string[] = [];
const say = (s = '') => {
  lines.push(s);
  console.log(s);
};

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

async function measure(file: string, limits: Partial<EvalLimits>, ocRoot?: string) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const r = await readConfig(file, { cwd: dir, limits, ...(ocRoot ? { ocRoot } : {}) });
  return { cpu: cpuMs(cpu), wall: performance.now() - wall, steps: r.steps, issue: r.issues[0], datasets: r.namespace?.get('datasets') };
}

function wallOf(argv: string[]): number {
  const start = performance.now();
  spawnSync(process.execPath, argv, { stdio: 'ignore' });
  return performance.now() - start;
}

try {
  const hostile = join(dir, 'hostile_comprehension.py');
  writeFileSync(hostile, 'x = [[[i*j*k for i in range(10**4)] for j in range(10**4)] for k in range(10**4)]\n');
  const loop = join(dir, 'loop.py');
  writeFileSync(loop, "n = 0\nd = dict(a=1)\nfor i in range(10**9):\n    n += i\n    d['a'] = d['a'] + 1\n");
  const heavy = join(dir, 'heavy_steps.py');
  writeFileSync(heavy, 'big = list(range(10**6))\nwhile True:\n    found = -1 in big\n');
  // Warm the parser and the evaluator once.
  await measure(loop, { maxSteps: 100_000 });

  say('## Config interpreter (bench/pyconfig/interpreter.ts)');
  say();
  say(
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; load average at the start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}.`,
  );
  say('CPU time is user + system of the evaluating process (the machine is shared: wall time is shown too).');
  say();
  const rateSteps = 3_000_000;
  say(`### Step rate (${rateSteps.toLocaleString('en')} steps, no CPU bound; median of ${runs})`);
  say();
  const baseline = opt.baseline
    ? ((await import(join(opt.baseline, 'packages', 'pyconfig', 'dist', 'index.js'))) as { readConfig: typeof readConfig }).readConfig
    : undefined;
  say(`| config | CPU ms | steps / s (CPU) | wall ms |${baseline ? ' baseline CPU ms | baseline steps / s |' : ''}`);
  say(`|---|---:|---:|---:|${baseline ? '---:|---:|' : ''}`);
  const rate = (ms: number) => `${(rateSteps / ms / 1000).toFixed(2)} M`;
  for (const [name, file] of [
    ['hostile triple comprehension', hostile],
    ['for loop with dict writes', loop],
  ] as const) {
    const ms = Array.from({ length: runs }, () => 0);
    const walls: number[] = [];
    for (let i = 0; i < runs; i++) {
      const m = await measure(file, { maxSteps: rateSteps, maxCpuMs: 1e9 });
      ms[i] = m.cpu;
      walls.push(m.wall);
    }
    let base = '';
    if (baseline) {
      await baseline(loop, { cwd: dir, limits: { maxSteps: 100_000 } });
      const bms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const cpu = process.cpuUsage();
        // An older build has no step count in its result: the refusal comes at maxSteps + 1.
        await baseline(file, { cwd: dir, limits: { maxSteps: rateSteps } });
        bms.push(cpuMs(cpu));
      }
      base = ` ${median(bms).toFixed(0)} | ${rate(median(bms))} |`;
    }
    say(`| ${name} | ${median(ms).toFixed(0)} | ${rate(median(ms))} | ${median(walls).toFixed(0)} |${base}`);
  }
  say();
  say(`### Default bounds (${DEFAULT_LIMITS.maxSteps.toLocaleString('en')} steps, ${DEFAULT_LIMITS.maxCpuMs} ms of evaluation CPU)`);
  say();
  say(
    `In process (evaluation only), and \`shardwise config <file>\` as a user runs it: the whole process, start to refusal (median of ${runs}; CPU = user + sys, the verdict's measure: wall time also counts the waits of a shared machine).`,
  );
  say();
  say('| hostile config | refusal | at | steps | eval CPU ms | eval wall ms | CLI wall ms | CLI CPU ms | within 2 s of CPU |');
  say('|---|---|---|---:|---:|---:|---:|---:|---|');
  const hostiles: [string, string][] = [
    ['triple comprehension (issue 15)', hostile],
    ['for loop with dict writes', loop],
    ['`-1 in big` forever (heavy steps)', heavy],
    ...['limit-infinite-loop', 'limit-recursion', 'limit-huge-string'].map((c): [string, string] => [
      `corpus _error_/${c}`,
      join(corpus, c, 'config.py'),
    ]),
  ];
  for (const [name, file] of hostiles) {
    const m = await measure(file, {});
    const where = m.issue ? `${m.issue.line ?? '-'}:${m.issue.col ?? '-'}` : '-';
    const cli = Array.from({ length: runs }, () => runChild([bin, 'config', file], dir, true));
    const bad = cli.find((r) => r.status !== 1 || !r.stdout.includes(m.issue?.code ?? 'no refusal'));
    if (bad)
      throw new Error(`shardwise config ${file} did not refuse as the library did (exit ${bad.status}):\n${bad.stdout}${bad.stderr}`);
    const [cliWall, cliCpu] = [median(cli.map((r) => r.ms)), median(cli.map((r) => r.cpuMs))];
    say(
      `| ${name} | ${m.issue ? `${m.issue.code}: ${m.issue.message.replace('evaluation bound hit: ', '')}` : 'none'} | ${where} | ${m.steps} | ${m.cpu.toFixed(0)} | ${m.wall.toFixed(0)} | ${cliWall.toFixed(0)} | ${cliCpu.toFixed(0)} | ${cliCpu <= 2000 ? 'yes' : 'NO'} |`,
    );
  }
  say();

  say('### Largest configs');
  say();
  say('| config | datasets | steps | readConfig CPU ms (parse, evaluation, to_dict) | wall ms |');
  say('|---|---:|---:|---:|---:|');
  const real = opt['oc-root']
    ? ['examples/eval_corebench_2409_longcontext.py', 'examples/eval_modelscope_datasets.py', 'examples/eval_llama3_instruct.py'].map(
        (f) => [f, join(opt['oc-root']!, f)] as const,
      )
    : [];
  for (const [name, file] of real) {
    const m = await measure(file, {}, opt['oc-root']);
    say(
      `| ${name} | ${Array.isArray(m.datasets) ? m.datasets.length : m.issue?.code} | ${m.steps} | ${m.cpu.toFixed(0)} | ${m.wall.toFixed(0)} |`,
    );
  }
  const synthetic = generateExperiment(join(dir, 'synthetic'));
  const s = await measure(synthetic.config, {}, synthetic.ocRoot);
  say(
    `| synthetic (bench/pyconfig/generate.ts) | ${Array.isArray(s.datasets) ? s.datasets.length : s.issue?.code} | ${s.steps} | ${s.cpu.toFixed(0)} | ${s.wall.toFixed(0)} |`,
  );
  say();

  if (opt['oc-root']) {
    const llama = join(opt['oc-root'], 'examples', 'eval_llama3_instruct.py');
    const bare = median(Array.from({ length: runs }, () => wallOf(['-e', '0'])));
    const cli = median(Array.from({ length: runs }, () => wallOf([bin, 'config', '--json', '--oc-root', opt['oc-root']!, llama])));
    // Where the time goes, in this process: parser wasm load (already loaded here), evaluation, JSON text.
    const cpu = process.cpuUsage();
    const r = await readConfig(llama, { ocRoot: opt['oc-root'], cwd: dir });
    const evalCpu = cpuMs(cpu);
    const jsonCpu = process.cpuUsage();
    const text = toPyJson(r.namespace!);
    say(
      `### \`config --json\` on examples/eval_llama3_instruct.py (${(r.namespace!.get('datasets') as unknown[]).length} datasets, ${r.files.length} files)`,
    );
    say();
    say(`| measure | ms |`);
    say('|---|---:|');
    say(`| \`node -e 0\` (median of ${runs}, wall) | ${bare.toFixed(0)} |`);
    say(`| \`shardwise config --json\` (median of ${runs}, wall) | ${cli.toFixed(0)} (${(cli / bare).toFixed(1)}× node -e 0) |`);
    say(`| in process: parse + evaluate (CPU) | ${evalCpu.toFixed(0)} |`);
    say(`| in process: JSON text, ${(text.length / 1e6).toFixed(1)} MB (CPU) | ${cpuMs(jsonCpu).toFixed(0)} |`);
    say();
  }
  say(
    `Load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}.`,
  );

  if (opt.update) {
    const results = join(repo, 'bench', 'RESULTS.md');
    const begin = '<!-- bench/pyconfig/interpreter.ts begin -->';
    const end = '<!-- bench/pyconfig/interpreter.ts end -->';
    const old = readFileSync(results, 'utf8');
    const section = `${begin}\n${lines.join('\n')}\n${end}`;
    const at = old.indexOf(begin);
    writeFileSync(
      results,
      at >= 0 ? old.slice(0, at) + section + old.slice(old.indexOf(end) + end.length) : `${old.trimEnd()}\n\n${section}\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
