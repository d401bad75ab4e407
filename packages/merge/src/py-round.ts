import { pyFormatFixed } from '@shardwise/core';

/**
 * Python's `round(x, digits)` on a float: inf and nan come back unchanged (`Number('inf')` would be NaN);
 * a finite x is correctly rounded, ties to even on its exact binary value, which is float(format(x, '.Nf')),
 * keeping the sign of a zero result (`round(-0.001, 2) == -0.0`).
 */
export function pyRound(x: number, digits: number): number {
  return Number.isFinite(x) ? Number(pyFormatFixed(x, digits)) : x;
}
