// How to read a run's files: the same list (argv[2], one absolute path a line) read once with
// readFileSync, then with fs.promises.readFile at each concurrency in argv[3] (comma-separated).
// Prints one JSON line {strategy: ms}. Plain JS, like floor-read.mjs, so no loader overhead counts.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const timed = async (read) => {
  const t0 = performance.now();
  await read();
  return Math.round(performance.now() - t0);
};
const out = { sync: await timed(() => files.forEach((f) => readFileSync(f, 'utf8'))) };
for (const k of process.argv[3].split(',').map(Number)) {
  out[`promises × ${k}`] = await timed(async () => {
    let next = 0;
    const worker = async () => {
      while (next < files.length) await readFile(files[next++], 'utf8');
    };
    await Promise.all(Array.from({ length: k }, worker));
  });
}
process.stdout.write(JSON.stringify(out) + '\n');
