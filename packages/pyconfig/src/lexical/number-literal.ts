/** Python numeric literals: ints are exact (bigint), floats are doubles; imaginary literals are refused. */

export type NumberLiteral = { kind: 'int'; value: bigint } | { kind: 'float'; value: number } | { kind: 'imaginary' };

export function parseIntegerLiteral(text: string): NumberLiteral {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return { kind: 'imaginary' };
  if (/^0[oO]/.test(t)) return { kind: 'int', value: BigInt('0o' + t.slice(2)) };
  if (/^0[xXbB]/.test(t)) return { kind: 'int', value: BigInt(t) };
  return { kind: 'int', value: BigInt(t) };
}

export function parseFloatLiteral(text: string): NumberLiteral {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return { kind: 'imaginary' };
  return { kind: 'float', value: Number(t.endsWith('.') ? t + '0' : t) };
}
