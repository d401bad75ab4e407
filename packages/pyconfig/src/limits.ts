import { performance } from 'node:perf_hooks';
import { PyTuple, type PyValue } from '@shardwise/core';
import { ConfigRefusal, positionOf } from './config-refusal.js';
import type { SyntaxNode } from './syntax-node.js';

/** Bounds that keep any input — however hostile — from hanging or exhausting memory. */
export interface EvalLimits {
  /** Statements, loop iterations, comprehension items and calls, over the whole evaluation. */
  maxSteps: number;
  /** Nested calls of config-defined functions (Python's default recursion limit is 1000). */
  maxCallDepth: number;
  /** Code points of one string. */
  maxStringLength: number;
  /** Items of one list, tuple or range materialized at once. */
  maxListLength: number;
  /** Bits of one int. */
  maxIntBits: number;
  /** Files read: the config, its read_base closure (each import counts) and opened text files. */
  maxFiles: number;
  /** CPU time (user + system) spent evaluating, parsing excluded: the bound for steps that are each heavy. */
  maxCpuMs: number;
}

/**
 * The largest OpenCompass example (eval_corebench_2409_longcontext.py, 2,660 datasets) takes about 150,000
 * steps and about half a second of evaluation CPU; a hostile config meets one of these bounds within about
 * 1.2 s of CPU, so `shardwise config` refuses it within 2 s on a 2-core machine (bench/RESULTS.md, "Config
 * interpreter"): the step bound is 13× the largest real config, the CPU bound 2×.
 */
export const DEFAULT_LIMITS: EvalLimits = {
  maxSteps: 2_000_000,
  maxCallDepth: 300,
  maxStringLength: 64 * 1024 * 1024,
  maxListLength: 10_000_000,
  maxIntBits: 100_000,
  maxFiles: 20_000,
  maxCpuMs: 1_200,
};

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** A string or list this large took real work to build: worth a look at the clock. */
const LARGE = 1 << 16;

/** The running counters; a bound hit is a ConfigRefusal (SW_PY_LIMIT), which no `except` can catch. */
export class Limits {
  private steps = 0;
  private depth = 0;
  private files = 0;
  /** CPU clock: read at most every 20 ms of wall time (a cheap clock is looked at every 16 steps). */
  private readonly cpuStart = cpuMs();
  private cpuExcluded = 0;
  private wallChecked = performance.now();
  /** The statement being executed, for the position of a bound hit raised deep inside a builtin. */
  current: SyntaxNode | undefined;

  /** 2 ** maxIntBits: an int is refused when its magnitude reaches it (compared, never shifted: no allocation). */
  private readonly intBound: bigint;
  private readonly negativeIntBound: bigint;

  constructor(readonly bounds: EvalLimits) {
    this.intBound = 1n << BigInt(bounds.maxIntBits);
    this.negativeIntBound = -this.intBound;
  }

  /** Evaluation steps taken so far (bench/pyconfig reports them). */
  get stepsTaken(): number {
    return this.steps;
  }

  tick(node: SyntaxNode): void {
    if (++this.steps > this.bounds.maxSteps) throw this.hit(`more than ${this.bounds.maxSteps} evaluation steps`, node);
    if ((this.steps & 15) === 0) this.checkTime(node);
  }

  /** Refuses once the evaluation has used more than maxCpuMs of CPU; also called after large allocations. */
  checkTime(node = this.current): void {
    const now = performance.now();
    if (now - this.wallChecked < 20) return;
    this.wallChecked = now;
    const used = cpuMs() - this.cpuStart - this.cpuExcluded;
    if (used > this.bounds.maxCpuMs) throw this.hit(`more than ${this.bounds.maxCpuMs} ms of CPU time`, node);
  }

  /**
   * Runs `work` (parsing a file) off the CPU bound: parse time depends on file size, bounded by maxFiles.
   * Its wall time is what is taken off (no system call per file; never less than its CPU time).
   */
  excluded<T>(work: () => T): T {
    const start = performance.now();
    try {
      return work();
    } finally {
      this.cpuExcluded += performance.now() - start;
    }
  }

  enterCall(node: SyntaxNode): void {
    if (++this.depth > this.bounds.maxCallDepth) throw this.hit(`call depth above ${this.bounds.maxCallDepth} (runaway recursion?)`, node);
  }

  exitCall(): void {
    this.depth--;
  }

  countFile(node: SyntaxNode | undefined): void {
    if (++this.files > this.bounds.maxFiles) throw this.hit(`more than ${this.bounds.maxFiles} files read`, node);
  }

  checkString(s: string): string {
    if (s.length > this.bounds.maxStringLength) throw this.hit(`a string longer than ${this.bounds.maxStringLength} characters`);
    if (s.length > LARGE) this.checkTime();
    return s;
  }

  checkList<T extends PyValue[]>(items: T): T {
    if (items.length > this.bounds.maxListLength) throw this.hit(`a sequence longer than ${this.bounds.maxListLength} items`);
    if (items.length > LARGE) this.checkTime();
    return items;
  }

  /** Refuses a container or string of `size` items before it is built. */
  checkSize(size: bigint): void {
    if (size > BigInt(Math.min(this.bounds.maxListLength, this.bounds.maxStringLength))) throw this.hit(`a value of ${size} items`);
  }

  checkInt(n: bigint): bigint {
    if (n >= this.intBound || n <= this.negativeIntBound) throw this.hit(`an int wider than ${this.bounds.maxIntBits} bits`);
    return n;
  }

  /** `base ** exp` would exceed the int bound: checked from the exponent before computing. */
  checkIntPower(base: bigint, exp: bigint): void {
    const bits = BigInt((base < 0n ? -base : base).toString(2).length);
    if (base > 1n || base < -1n) {
      if ((bits - 1n) * exp > BigInt(this.bounds.maxIntBits)) throw this.hit(`an int wider than ${this.bounds.maxIntBits} bits`);
    }
  }

  tupleOf(items: PyValue[]): PyTuple {
    return new PyTuple(this.checkList(items));
  }

  private hit(what: string, node = this.current): ConfigRefusal {
    return new ConfigRefusal(
      'SW_PY_LIMIT',
      `evaluation bound hit: ${what}`,
      node ? positionOf(node) : undefined,
      'raise the bound only if the config is trusted and really needs it',
    );
  }
}
