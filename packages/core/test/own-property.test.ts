import { describe, expect, it } from 'vitest';
import { ownValue, pyDict, setOwn, toPlainJson } from '../src/index.js';

describe('user keys that name Object.prototype members', () => {
  const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

  it.each(names)('%s is not found in a record that lacks it', (name) => {
    expect(ownValue({ gsm8k: 1319 }, name)).toBeUndefined();
    expect(ownValue(Object.fromEntries([[name, 7]]), name)).toBe(7);
  });

  it.each(names)('%s survives as an own key of plain JSON', (name) => {
    const out = toPlainJson(
      pyDict([
        [name, 1n],
        ['b', 2n],
      ]),
    ) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual([name, 'b']);
    expect(JSON.stringify(out)).toBe(`{"${name}":1,"b":2}`);
    const o: Record<string, number> = {};
    setOwn(o, name, 3);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.hasOwn(o, name)).toBe(true);
  });
});
