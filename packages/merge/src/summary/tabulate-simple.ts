import { pyFormatFixed } from '@shardwise/core';
import { displayWidth } from './display-width.js';

// tabulate(table, headers='firstrow', floatfmt='.2f') in the "simple" format (docs/opencompass.md §7.9).
const DIGITS = String.raw`\d(?:_?\d)*`;
const PY_INT = new RegExp(String.raw`^\s*[+-]?${DIGITS}\s*$`);
const PY_FLOAT = new RegExp(
  String.raw`^\s*[+-]?(?:(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf(?:inity)?|nan)\s*$`,
  'i',
);

type ColumnType = 'int' | 'float' | 'string';

/** Python int(cell) succeeds. */
const isInt = (s: string) => PY_INT.test(s);
/** tabulate's _isnumber: float(cell) succeeds, and a non-finite result must be spelled inf, -inf or nan. */
function isNumber(s: string): boolean {
  if (!PY_FLOAT.test(s)) return false;
  const v = pyFloat(s);
  return Number.isFinite(v) || ['inf', '-inf', 'nan'].includes(s.toLowerCase());
}

function pyFloat(s: string): number {
  const t = s.trim().replace(/_/g, '').toLowerCase();
  if (/^[+-]?nan$/.test(t)) return NaN;
  if (/^[+-]?inf(inity)?$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  return Number(t);
}

function cellType(s: string): ColumnType {
  return isInt(s) ? 'int' : isNumber(s) ? 'float' : 'string';
}

function columnType(cells: string[]): ColumnType {
  const order: ColumnType[] = ['int', 'float', 'string'];
  return cells.reduce<ColumnType>((t, c) => order[Math.max(order.indexOf(t), order.indexOf(cellType(c)))]!, 'int');
}

/** Digits after the last `.` (or `e` without `.`) of a number; -1 for ints and non-numbers. */
function afterPoint(s: string): number {
  if (!isNumber(s) || isInt(s)) return -1;
  let pos = s.lastIndexOf('.');
  if (pos < 0) pos = s.toLowerCase().lastIndexOf('e');
  return pos >= 0 ? s.length - pos - 1 : -1;
}

const padLeft = (w: number, s: string) => ' '.repeat(Math.max(0, w - displayWidth(s))) + s;
const padRight = (w: number, s: string) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));

export function tabulateSimple(table: string[][]): string {
  const [headers = [], ...rows] = table;
  const lines: string[][] = [];
  const widths: number[] = [];
  const columns = headers.map((h, j) => {
    const raw = rows.map((r) => r[j] ?? '');
    const type = rows.length ? columnType(raw) : 'string';
    let cells = type === 'float' ? raw.map((c) => pyFormatFixed(pyFloat(c), 2)) : raw;
    if (type !== 'string') {
      const decs = cells.map(afterPoint);
      const max = Math.max(...decs);
      cells = cells.map((c, i) => c + ' '.repeat(max - decs[i]!));
    }
    const width = Math.max(displayWidth(h) + 2, ...cells.map(displayWidth));
    widths.push(width);
    const pad = type === 'string' ? padRight : padLeft;
    return { header: pad(width, h), cells: cells.map((c) => pad(width, c)) };
  });
  lines.push(columns.map((c) => c.header));
  lines.push(widths.map((w) => '-'.repeat(w)));
  rows.forEach((_, i) => lines.push(columns.map((c) => c.cells[i]!)));
  return lines.map((l) => l.join('  ').trimEnd()).join('\n');
}
