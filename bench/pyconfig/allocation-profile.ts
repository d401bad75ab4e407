import { mkdtempSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '@shardwise/pyconfig';
import { generateExperiment } from './generate.js';

/**
 * `npx tsx bench/pyconfig/allocation-profile.ts [runs]`: bytes allocated per readConfig of the bench
 * experiment, by allocating function (sampled, garbage included). On a shared machine wall and CPU times
 * vary by ±25% from run to run; allocation volume does not, and it drives most of the GC time.
 */
interface SampleNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SampleNode[];
}

const runs = Number(process.argv[2] ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'shardwise-bench-pyconfig-alloc-'));
try {
  const { config, ocRoot } = generateExperiment(dir);
  await readConfig(config, { ocRoot, cwd: dir }); // warm-up: parser initialization and JIT
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let r = 0; r < runs; r++) await readConfig(config, { ocRoot, cwd: dir });
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  const bySite = new Map<string, number>();
  let total = 0;
  const visit = (n: SampleNode): void => {
    const site = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
    bySite.set(site, (bySite.get(site) ?? 0) + n.selfSize);
    total += n.selfSize;
    n.children.forEach(visit);
  };
  visit(profile.head);
  const mb = (bytes: number) => (bytes / runs / 1e6).toFixed(2).padStart(7);
  console.log(`pyconfig: ${mb(total).trim()} MB allocated per run (${runs} runs)`);
  for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${mb(bytes)} MB  ${site}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
