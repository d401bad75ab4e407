import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_CASES } from './bench-cases.js';
import { median, runChild, type ChildRun } from './child-measure.js';
import { OPENCOMPASS_BASELINE_HEADING } from './results-section.js';
import type { CachedRun } from './run-cache.js';
import { summarizerInputs } from './synthetic-run.js';

/**
 * shardwise against what a user would run instead (issue 15), on one run, in the same bench run: OpenCompass's
 * summarizer with PR #2451 as a Python process (bench/oc_summarizer_baseline.py: json.load of every result file,
 * details included, shards weighted by len(details)), and the physical floor (a bare Node process reading the
 * bytes of the files, no decoding or parsing). Repetitions are interleaved (python, check, merge, summarize,
 * floors; again …) so a change of machine load touches every side alike.
 */
export interface BaselineCase {
  name: string;
  ms: number;
  /** Median CPU time, user + sys. */
  cpuMs: number;
  rssMb: number;
  /** The physical floor of the files this command must read. */
  floorMs: number;
  floorFiles: number;
}

export interface BaselineResult {
  run: CachedRun;
  pythonMs: number;
  pythonCpuMs: number;
  pythonRssMb: number;
  /** Reading the bytes of every result file (what any summarizer must read). */
  resultsFloorMs: number;
  cases: BaselineCase[];
  /** Load average (1 min) at the start of each interleaved round, and after the last. */
  load: number[];
  /** Bare runtimes for scale: `node -e 0` and `python -c pass`, median ms and peak RSS MB. */
  bare: { node: [number, number]; python: [number, number] };
}

/** Done-when of issue 15: minimum speed-up over the Python baseline per command; RSS at most this × Python's. */
const MIN_SPEEDUP: Record<string, number> = { summarize: 4, check: 2, merge: 2 };
const SUMMARIZE_TARGET = 8;
const RSS_SLACK = 1.5;

export function compareWithOpenCompass(run: CachedRun, bin: string, floorScript: string, python: string, runs: number): BaselineResult {
  const inputs = join(run.dir, 'oc-summarizer-inputs.json');
  writeFileSync(inputs, JSON.stringify(summarizerInputs(run.shape)));
  const script = join(import.meta.dirname, 'oc_summarizer_baseline.py');
  const pyArgs = [script, run.runDir, inputs, join(run.dir, 'oc-summary-out'), '20250101_000000'];
  const floorList = (name: string, files: string[]) => {
    const list = join(run.dir, `bytes-floor-${name}.txt`);
    writeFileSync(list, files.join('\n') + '\n');
    return list;
  };
  const cases = BENCH_CASES.filter((c) => c.pipeline);
  const floors = new Map(cases.map((c) => [c.name, c.reads.flatMap((g) => run.groups[g])]));
  const resultsList = floorList('results', [...run.groups.config, ...run.groups.results]);
  const lists = new Map(cases.map((c) => [c.name, floorList(c.name, floors.get(c.name)!)]));
  // Warm the page cache for every side.
  for (const list of lists.values()) runChild([floorScript, list, '--bytes'], run.dir);
  const load: number[] = [];
  const samples = new Map<string, ChildRun[]>();
  const sample = (name: string, r: ChildRun) => {
    if (r.status !== 0 && r.status !== 1) throw new Error(`${name} exited ${r.status}:\n${r.stderr.slice(-2000)}`);
    samples.set(name, [...(samples.get(name) ?? []), r]);
  };
  for (let i = 0; i < runs; i++) {
    load.push(loadavg()[0]!);
    sample('python', runChild(pyArgs, run.dir, false, python));
    sample('bare:python', runChild(['-c', 'pass'], run.dir, false, python));
    sample('bare:node', runChild(['-e', '0'], run.dir));
    for (const c of cases) sample(c.name, runChild([bin, ...c.argv(run)], run.dir));
    sample('floor:results', runChild([floorScript, resultsList, '--bytes'], run.dir));
    for (const c of cases) sample(`floor:${c.name}`, runChild([floorScript, lists.get(c.name)!, '--bytes'], run.dir));
  }
  load.push(loadavg()[0]!);
  const ms = (name: string) => median(samples.get(name)!.map((r) => r.ms));
  const cpu = (name: string) => median(samples.get(name)!.map((r) => r.cpuMs));
  const rss = (name: string) => Math.max(...samples.get(name)!.map((r) => r.rssMb));
  return {
    run,
    pythonMs: ms('python'),
    pythonCpuMs: cpu('python'),
    pythonRssMb: rss('python'),
    resultsFloorMs: ms('floor:results'),
    cases: cases.map((c) => ({
      name: c.name,
      ms: ms(c.name),
      cpuMs: cpu(c.name),
      rssMb: rss(c.name),
      floorMs: ms(`floor:${c.name}`),
      floorFiles: floors.get(c.name)!.length,
    })),
    load,
    bare: { node: [ms('bare:node'), rss('bare:node')], python: [ms('bare:python'), rss('bare:python')] },
  };
}

export function renderBaseline(b: BaselineResult, runs: number): string[] {
  const { shape } = b.run;
  const results = b.run.groups.results.length;
  const lines = [
    `${OPENCOMPASS_BASELINE_HEADING}: ${shape.models} models × ${shape.datasets} datasets × ${shape.shards} shards, both stages split, no size cache`,
    '',
    `${results} result files, ${b.run.groups.predictions.length} prediction files, ${(b.run.bytes / 1e6).toFixed(0)} MB. Python baseline: bench/oc_summarizer_baseline.py`,
    `(DefaultSummarizer with PR #2451: json.load of every result file, details included, weighted mean by len(details); ${b.pythonMs.toFixed(0)} ms, CPU ${b.pythonCpuMs.toFixed(0)} ms, peak RSS ${b.pythonRssMb.toFixed(0)} MB).`,
    `Physical floor: reading the bytes of the files a command must read, no decoding or parsing (the result files alone: ${b.resultsFloorMs.toFixed(0)} ms).`,
    `Bare runtimes for scale: \`node -e 0\` ${b.bare.node[0].toFixed(0)} ms, ${b.bare.node[1].toFixed(0)} MB; \`python -c pass\` ${b.bare.python[0].toFixed(0)} ms, ${b.bare.python[1].toFixed(0)} MB.`,
    `Median wall and CPU (user + sys, GNU time) of ${runs} interleaved runs; load average (1 min) at each round's start and at the end: ${b.load.map((l) => l.toFixed(1)).join(', ')} (2 cores: above 2, every side waits for the CPU).`,
    '',
    '| command | median ms | CPU ms | × faster than Python | × less CPU | floor ms (files) | × floor | peak RSS MB | RSS ÷ Python |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const c of b.cases) {
    lines.push(
      `| ${c.name} | ${c.ms.toFixed(0)} | ${c.cpuMs.toFixed(0)} | ${(b.pythonMs / c.ms).toFixed(2)} | ${(b.pythonCpuMs / c.cpuMs).toFixed(2)} | ${c.floorMs.toFixed(0)} (${c.floorFiles}) | ${(c.ms / c.floorMs).toFixed(2)} | ${c.rssMb.toFixed(0)} | ${(c.rssMb / b.pythonRssMb).toFixed(2)} |`,
    );
  }
  lines.push(
    `| python baseline | ${b.pythonMs.toFixed(0)} | ${b.pythonCpuMs.toFixed(0)} | 1.00 | 1.00 | ${b.resultsFloorMs.toFixed(0)} (${results + 1}) | ${(b.pythonMs / b.resultsFloorMs).toFixed(2)} | ${b.pythonRssMb.toFixed(0)} | 1.00 |`,
    '',
  );
  lines.push('Targets (issue 15):', '');
  for (const c of b.cases) {
    const speedup = b.pythonMs / c.ms;
    const min = MIN_SPEEDUP[c.name]!;
    const extra = c.name === 'summarize' ? ` (target ${SUMMARIZE_TARGET}×${speedup >= SUMMARIZE_TARGET ? ', met' : ''})` : '';
    lines.push(
      `- ${c.name} ≥ ${min}× faster than the Python baseline: ${speedup.toFixed(2)}× — ${speedup >= min ? 'met' : 'MISSED'}${extra}`,
    );
  }
  const worst = Math.max(...b.cases.map((c) => c.rssMb));
  lines.push(
    `- peak RSS ≤ ${RSS_SLACK}× the Python baseline's (${(RSS_SLACK * b.pythonRssMb).toFixed(0)} MB): ${worst.toFixed(0)} MB — ${worst <= RSS_SLACK * b.pythonRssMb ? 'met' : 'MISSED'}`,
    '',
    'Bounds in this run, whatever the program:',
    '',
    `- a process that only reads the result files' bytes (the floor above) is ${(b.pythonMs / b.resultsFloorMs).toFixed(2)}× faster than the Python baseline: no summarize, which must also read its config and merge, can be faster than that;`,
    `- a bare \`node -e 0\` peaks at ${b.bare.node[1].toFixed(0)} MB, ${(b.bare.node[1] / b.pythonRssMb).toFixed(2)}× the Python baseline's peak.`,
    '',
  );
  return lines;
}
