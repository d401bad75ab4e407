// Reads run files for RunTree's read-ahead (packages/core/src/read-ahead.ts) on its own thread, in list
// order, into a shared ring of bytes the main thread decodes. Plain CommonJS: it runs as is, from src/ under
// the tests and from dist/ in the CLI. It never throws: a file it cannot read whole (missing, unreadable,
// larger than a quarter of the ring) gets length -1 and the main thread reads it, and reports why.
const { closeSync, fstatSync, openSync, readSync } = require('node:fs');
const { join } = require('node:path');
const { workerData } = require('node:worker_threads');

const { root, rels, control: controlBuffer, slots: slotsBuffer, ring: ringBuffer } = workerData;
// control[0]: files written; control[1]: the main thread's cursor (files it has decoded or passed over);
// control[2]: the cursor this worker waits for (0: not waiting); control[3]: the main thread waits.
const control = new Int32Array(controlBuffer);
// Per file i, at slot i % window: [offset, length] in the ring.
const slots = new Int32Array(slotsBuffer);
const ring = new Uint8Array(ringBuffer);
const window = slots.length / 2;
/** Files the main thread releases before a worker waiting for room is woken. */
const WAKE_BATCH = Math.max(1, window >> 3);
const largest = ring.length >> 2;

/** Ring bytes each unreleased file holds (its length plus any tail skipped to start it at 0), by file index. */
const held = [];
let used = 0;
let released = 0;
let head = 0;

/** Waits until file `i` has a free slot and `need` bytes fit after the ring's head. */
function waitForRoom(i, need) {
  for (;;) {
    const cursor = Atomics.load(control, 1);
    // The main thread may pass over files not written yet: only written ones hold room.
    for (const written = Math.min(cursor, i); released < written; released++) used -= held[released];
    const skip = head + need > ring.length ? ring.length - head : 0;
    if (i - cursor < window && used + skip + need <= ring.length) return skip;
    // Ask to be woken once a batch more is released (a wake-up per file costs both threads), then wait on the
    // cursor read before: a cursor moved in between changes it, so no wake-up is lost.
    Atomics.store(control, 2, cursor + WAKE_BATCH);
    Atomics.wait(control, 1, cursor, 1000);
    Atomics.store(control, 2, 0);
  }
}

// The paths arrive as one string, separated by NUL (no path holds one), and are cut out one at a time: no array of them on this heap.
for (let i = 0, from = 0; from < rels.length; i++) {
  let to = rels.indexOf('\0', from);
  if (to < 0) to = rels.length;
  const rel = rels.slice(from, to);
  from = to + 1;
  let fd;
  let offset = 0;
  let length = -1;
  let cost = 0;
  try {
    fd = openSync(join(root, rel), 'r');
    const size = fstatSync(fd).size;
    if (size <= largest) {
      const skip = waitForRoom(i, size);
      if (skip) head = 0;
      offset = head;
      let n = 0;
      for (let got = 1; got > 0 && n < size; n += got) got = readSync(fd, ring, offset + n, size - n, null);
      length = n;
      cost = skip + size;
      head += size;
    }
  } catch {
    length = -1;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (length < 0) waitForRoom(i, 0);
  held[i] = cost;
  used += cost;
  slots[(i % window) * 2] = offset;
  slots[(i % window) * 2 + 1] = length;
  Atomics.store(control, 0, i + 1);
  if (Atomics.load(control, 3) === 1) Atomics.notify(control, 0);
}
