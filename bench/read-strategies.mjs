// How to read a run's files: the same list (argv[2], one absolute path a line) read once with
// readFileSync, with fs.promises.readFile at each concurrency in argv[3] (comma-separated), and through
// the worker read-ahead the CLI uses (packages/core/dist/read-ahead.js), alone and with a fixed amount of
// busy work per file standing in for parsing and merging (the read-ahead pays off by overlapping it).
// Prints one JSON line {strategy: ms}. Plain JS, like floor-read.mjs, so no loader overhead counts.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ReadAhead } from '../packages/core/dist/read-ahead.js';

const WORK_US = 20;
const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const timed = async (read) => {
  const t0 = performance.now();
  await read();
  return Math.round(performance.now() - t0);
};
const work = () => {
  const end = performance.now() + WORK_US / 1000;
  while (performance.now() < end);
};
const readAhead = (withWork) => {
  const ahead = new ReadAhead(
    '/',
    files.map((f) => f.slice(1)),
  );
  for (const f of files) {
    if (ahead.take(f.slice(1)) === undefined) readFileSync(f, 'utf8');
    if (withWork) work();
  }
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
out['worker read-ahead'] = await timed(() => readAhead(false));
out[`sync + ${WORK_US} µs work a file`] = await timed(() => files.forEach((f) => (readFileSync(f, 'utf8'), work())));
out[`worker read-ahead + ${WORK_US} µs work a file`] = await timed(() => readAhead(true));
process.stdout.write(JSON.stringify(out) + '\n');
