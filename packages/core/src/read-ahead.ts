import { Worker } from 'node:worker_threads';
import { assetPath } from './assets.js';

/** Files the worker may read beyond the main thread's cursor. */
const WINDOW = 256;
/** Bytes of the shared ring: bounds the memory of the read-ahead whatever the file sizes. */
const RING_BYTES = 4 << 20;
/** How far past the cursor an asked-for file is looked for. */
const LOOKAHEAD = 64;
/** Give up on the worker (and read on the main thread) after this long without a new file. */
const STALL_MS = 10_000;

/**
 * Files read on a worker thread ahead of the main thread, in the order the main thread will ask for them, so
 * their system calls (most of what reading a large run costs) overlap the parsing and merging of the files
 * before them. The worker writes bytes into a shared ring and the main thread decodes them when it takes a
 * file, so a text is born when it is used (texts passed as messages lived long enough to be promoted, and
 * doubled the heap). `take` answers for a file at or after the cursor; anything else (a file not announced,
 * one asked for out of order, one the worker could not read, a stalled worker) is left to the caller's own
 * synchronous read: the worker changes when a file is read, never what is read.
 */
export class ReadAhead {
  /**
   * [0] files written, [1] the main thread's cursor, [2] the cursor the waiting worker wants (0: not waiting),
   * [3] whether the main thread waits. A wake-up is sent only to a waiting thread, and the worker, once the ring is
   * full, only after a batch of files is released (Atomics.notify takes a lock the other thread contends for).
   */
  private readonly control = new Int32Array(new SharedArrayBuffer(16));
  private readonly slots = new Int32Array(new SharedArrayBuffer(WINDOW * 8));
  private readonly ring = new SharedArrayBuffer(RING_BYTES);
  /** One view of the ring for every decode: a Buffer view per file cost an array-buffer extension each. */
  private readonly bytes = Buffer.from(this.ring);
  private readonly worker: Worker;
  private cursor = 0;
  private stalled = false;

  /** The announced paths as one NUL-separated string (no path holds a NUL), and where each starts in it. */
  private readonly joined: string;
  private readonly starts: Int32Array;

  /**
   * `rels` are relative to `root`, where the worker opens them. They are kept as one string and offsets,
   * not as an array: a path per file for a whole run would be as much memory as the plan's own paths.
   */
  constructor(root: string, rels: readonly string[]) {
    this.joined = rels.join('\0');
    this.starts = new Int32Array(rels.length + 1);
    for (let i = 0, at = 0; i < rels.length; i++) this.starts[i + 1] = at += rels[i]!.length + 1;
    this.worker = new Worker(assetPath('read-ahead-worker'), {
      workerData: { root, rels: this.joined, control: this.control.buffer, slots: this.slots.buffer, ring: this.ring },
      resourceLimits: { maxYoungGenerationSizeMb: 1 },
    });
    // A worker that dies (out of memory, say) is noticed as a stall; the error is not the command's.
    this.worker.on('error', () => undefined);
    // It does not keep the process alive: a command that stops early exits without waiting for the reads.
    this.worker.unref();
  }

  /**
   * The text of `rel` if the worker read it; undefined when the caller must read it itself. Files are asked
   * for in list order, now and then passing over a few: `rel` is looked for among the next LOOKAHEAD files
   * (a map of every path would hold as much memory as the plan's own paths).
   */
  take(rel: string): string | undefined {
    const bytes = this.takeBytes(rel);
    const text = bytes?.toString('utf8');
    this.release();
    return text;
  }

  /**
   * The bytes of `rel` if the worker read it, as a view of the ring: valid until the next `take`, `takeBytes` or
   * `close` (the worker may write over them after that), so a caller decodes or extracts what it keeps at once.
   */
  takeBytes(rel: string): Buffer | undefined {
    this.release();
    if (this.stalled) return undefined;
    const end = Math.min(this.cursor + LOOKAHEAD, this.count);
    let i = this.cursor;
    while (i < end && !this.isAt(i, rel)) i++;
    if (i === end) return undefined;
    // Files before `i` are passed over: released once `i` is used, so the worker cannot overwrite it first.
    if (!this.waitFor(i)) return undefined;
    const slot = (i % WINDOW) * 2;
    const length = this.slots[slot + 1]!;
    const start = this.slots[slot]!;
    // Published (released to the worker) by the next call, not now: the view must outlive this return.
    this.cursor = i + 1;
    return length < 0 ? undefined : this.bytes.subarray(start, start + length);
  }

  /** Hands the files before the cursor back to the worker; after the last one, stops it. */
  private release(): void {
    if (Atomics.load(this.control, 1) === this.cursor) return;
    this.publish(this.cursor);
    if (this.cursor >= this.count) this.close();
  }

  private get count(): number {
    return this.starts.length - 1;
  }

  /** Whether announced path `i` is `rel`. */
  private isAt(i: number, rel: string): boolean {
    const start = this.starts[i]!;
    return this.starts[i + 1]! - 1 - start === rel.length && this.joined.startsWith(rel, start);
  }

  close(): void {
    void this.worker.terminate();
  }

  /** Moves the cursor the worker sees; wakes it if it waits for this much room (or `now`, whatever it waits for). */
  private publish(cursor: number, now = false): void {
    Atomics.store(this.control, 1, cursor);
    const wanted = Atomics.load(this.control, 2);
    if (wanted !== 0 && (now || cursor >= wanted)) Atomics.notify(this.control, 1);
  }

  /** Waits until the worker has written file `i`; false when it stalled (then everything is read here). */
  private waitFor(i: number): boolean {
    let since = Date.now();
    for (let written = Atomics.load(this.control, 0); written <= i; written = Atomics.load(this.control, 0)) {
      // Release what lies before `i`, or the worker may wait for room that only those files hold.
      // Release what lies before `i` and wake the worker whatever batch it waits for: only it can write `i`.
      this.cursor = Math.max(this.cursor, i);
      this.publish(this.cursor, true);
      // Flag, then wait on the count read before: a file written in between changes it, so no wake-up is lost.
      Atomics.store(this.control, 3, 1);
      const woke = Atomics.wait(this.control, 0, written, 100);
      Atomics.store(this.control, 3, 0);
      if (woke !== 'timed-out') since = Date.now();
      else if (Date.now() - since > STALL_MS) {
        this.stalled = true;
        this.close();
        return false;
      }
    }
    return true;
  }
}
