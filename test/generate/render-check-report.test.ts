import { describe, expect, it } from 'vitest';
import { validateAgainst } from '@shardwise/core';
import { renderCheckReport } from '@shardwise/generate';
import { splitEvalReport } from './report-fixture.js';

const { report, merges } = splitEvalReport();

/** Cells of a Markdown table row, splitting only on unescaped pipes. */
const cells = (line: string): string[] =>
  line
    .replace(/^\| | \|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

describe('renderCheckReport as Markdown', () => {
  const md = renderCheckReport(report, 'md', merges);

  it('the fixture is a valid CheckReport', () => {
    expect(validateAgainst('check-report.schema.json', report)).toEqual([]);
  });

  it('has one row per model × dataset, each with the same number of cells as its header', () => {
    const lines = md.split('\n');
    const head = lines.findIndex((l) => l.startsWith('| model | dataset |'));
    const width = cells(lines[head]!).length;
    const rows = lines.slice(head + 2, head + 2 + report.pairs.length);
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(cells(row)).toHaveLength(width);
    expect(lines[head + 2 + report.pairs.length]).toBe('');
  });

  it('shows verdict, coverage, the merged score rounded half-even and the issue codes with their fixes', () => {
    expect(md).toContain('### Pairing: ❌ eval-split-unreadable');
    expect(md).toMatch(
      /\| qwen2\.5-7b-hf \| gsm8k \| 1319 \| 8\/8 shards \| 100\.0% \| 7\/8 shards \| 87\.5% \| - \| refused \| SW_SHARD_MISSING \|/,
    );
    expect(md).toContain('| 12.12 | merged | SW_SHARD_EXTRA |');
    expect(md).toContain('| correct_count | 1143.00 | SUM | - |');
    for (const i of report.issues) expect(md).toContain(`\`${i.code}\``);
    expect(md.match(/<br>fix: /g)).toHaveLength(3);
  });

  it('escapes user-controlled HTML and Markdown syntax', () => {
    expect(md).not.toContain('<b>');
    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;b&gt;evil&lt;/b&gt;\\|model\\*');
    expect(md).toContain('move it away \\| delete it');
  });
});

describe('renderCheckReport as HTML', () => {
  const html = renderCheckReport(report, 'html', merges);

  it('is self-contained: no external URL is referenced', () => {
    const urls = [...html.matchAll(/(?:src|href)\s*=\s*"([^"]*)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) expect(u).toMatch(/^#/);
    expect(html).not.toMatch(/@import|url\(/);
  });

  it('every in-page link has its target', () => {
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids.has(target)).toBe(true);
  });

  it('escapes user-controlled text', () => {
    expect(html).not.toContain('<b>evil');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;b&gt;evil&lt;/b&gt;|model*');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('is deterministic', () => {
    expect(renderCheckReport(report, 'html', merges)).toBe(html);
    expect(renderCheckReport(report, 'md', merges)).toBe(renderCheckReport(report, 'md', merges));
  });

  it('without merges shows coverage only', () => {
    const bare = renderCheckReport(report, 'html');
    expect(bare).toContain('no score · coverage 87.5%');
    expect(bare).not.toContain('accuracy 86.67');
  });
});
