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
}

export const DEFAULT_LIMITS: EvalLimits = {
  maxSteps: 50_000_000,
  maxCallDepth: 300,
  maxStringLength: 64 * 1024 * 1024,
  maxListLength: 10_000_000,
  maxIntBits: 100_000,
  maxFiles: 20_000,
};

/** The running counters; a bound hit is a ConfigRefusal (SW_PY_LIMIT), which no `except` can catch. */
export class Limits {
  private steps = 0;
  private depth = 0;
  private files = 0;
  /** The statement being executed, for the position of a bound hit raised deep inside a builtin. */
  current: SyntaxNode | undefined;

  constructor(readonly bounds: EvalLimits) {}

  tick(node: SyntaxNode): void {
    if (++this.steps > this.bounds.maxSteps) throw this.hit(`more than ${this.bounds.maxSteps} evaluation steps`, node);
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
    return s;
  }

  checkList<T extends PyValue[]>(items: T): T {
    if (items.length > this.bounds.maxListLength) throw this.hit(`a sequence longer than ${this.bounds.maxListLength} items`);
    return items;
  }

  /** Refuses a container or string of `size` items before it is built. */
  checkSize(size: bigint): void {
    if (size > BigInt(Math.min(this.bounds.maxListLength, this.bounds.maxStringLength))) throw this.hit(`a value of ${size} items`);
  }

  checkInt(n: bigint): bigint {
    if ((n < 0n ? -n : n) >> BigInt(this.bounds.maxIntBits) !== 0n) throw this.hit(`an int wider than ${this.bounds.maxIntBits} bits`);
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
    return new ConfigRefusal('SW_PY_LIMIT', `evaluation bound hit: ${what}`, node ? positionOf(node) : undefined, 'raise the bound only if the config is trusted and really needs it');
  }
}
