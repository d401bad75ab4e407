import { pyFormatFixed } from '@shardwise/core';

/**
 * Python `format(x, '.Nf')`. JS toFixed rounds the exact binary value too, and differs only on exact
 * ties (JS rounds them up, Python to even); those, and everything toFixed cannot do, go to core's exact
 * big-integer implementation, which is far slower.
 */
export function formatFixed(x: number, digits: number): string {
  if (Number.isFinite(x) && !Object.is(x, -0) && digits <= 20 && Math.abs(x) < 1e21) {
    // A tie makes x·2·10^d an odd integer; below 2^52 the float product then is that integer exactly.
    const scaled = x * 2 * 10 ** digits;
    if (Math.abs(scaled) < 2 ** 52 && !Number.isInteger(scaled)) return x.toFixed(digits);
  }
  return pyFormatFixed(x, digits);
}
