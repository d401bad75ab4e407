import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readConfig } from '@shardwise/pyconfig';
import { generateExperiment } from './generate.js';

/**
 * `npx tsx bench/pyconfig/run.ts [runs]`: evaluates the synthetic ~2,700-dataset experiment several times
 * and prints the median wall time and the peak RSS. mmengine's Config.fromfile takes about 4.9 s on such
 * a config; the target is at least 10x faster.
 */
const runs = Number(process.argv[2] ?? 7);
const dir = mkdtempSync(join(tmpdir(), 'shardwise-bench-pyconfig-'));
try {
  const { config, ocRoot, expectedDatasets } = generateExperiment(dir);
  const times: number[] = [];
  // CPU time as well: on a shared machine the wall time of one run varies with the load.
  const cpuTimes: number[] = [];
  let files = 0;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const result = await readConfig(config, { ocRoot, cwd: dir });
    times.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuStart);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    if (process.env.BENCH_VERBOSE) console.log(`  run ${r + 1}: ${(performance.now() - start).toFixed(0)} ms`);
    const datasets = result.namespace?.get('datasets');
    if (result.issues.length || !Array.isArray(datasets) || datasets.length !== expectedDatasets) {
      throw new Error(`unexpected result: ${JSON.stringify(result.issues)} ${Array.isArray(datasets) ? datasets.length : 'no datasets'}`);
    }
    files = result.files.length;
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  cpuTimes.sort((a, b) => a - b);
  const medianCpu = cpuTimes[Math.floor(cpuTimes.length / 2)]!;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`pyconfig: ${expectedDatasets} datasets from ${files} files read (${runs} runs)`);
  console.log(`  median ${median.toFixed(0)} ms (min ${times[0]!.toFixed(0)} ms, max ${times[times.length - 1]!.toFixed(0)} ms)`);
  console.log(`  median CPU time ${medianCpu.toFixed(0)} ms (user + system, all threads)`);
  console.log(`  peak RSS ${peakRssMb.toFixed(0)} MB`);
  console.log(`  vs mmengine Config.fromfile ≈ 4900 ms: ${(4900 / median).toFixed(1)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
