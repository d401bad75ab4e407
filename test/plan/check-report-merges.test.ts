import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pyFormatFixed, validateAgainst, type CheckReport } from '@shardwise/core';
import { runCliIn } from '../support/cli-harness.js';
import { DEMO_RUN, demoLaunches } from '../support/demo-launch.js';

/*
 * `check --report` on the embedded demo run (eval split by NumWorkerPartitioner(num_worker=4), a
 * corpus-BLEU dataset merged by recompute, one failed eval shard): the report carries what the
 * merge's dry run gives. Expected values come from `shardwise merge --json`, the merge's own output.
 */

const launch = demoLaunches('sw-check-merges-');

interface MergeJson {
  outcomes: { model: string; dataset: string; status: string; refusal?: { code: string }; result?: Record<string, unknown> }[];
}

/** The merge's dry run: model/dataset → first numeric metric (merged) or refusal code. */
async function dryRun(root: string) {
  const { outcomes } = JSON.parse((await runCliIn(root, ['merge', DEMO_RUN, '--json'])).stdout) as MergeJson;
  const merged = outcomes
    .filter((o) => o.status === 'merged')
    .map((o) => {
      const [name, value] = Object.entries(o.result!).find(([, v]) => typeof v === 'number')! as [string, number];
      return { model: o.model, dataset: o.dataset, name, value };
    });
  const refused = outcomes.filter((o) => o.refusal).map((o) => ({ model: o.model, dataset: o.dataset, code: o.refusal!.code }));
  return { merged, refused };
}

/** Markdown pair-table rows: `model|dataset` → cells. */
function pairRows(md: string): Map<string, string[]> {
  const lines = md.split('\n');
  const head = lines.findIndex((l) => l.startsWith('| model | dataset |'));
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(head + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .replace(/^\| | \|$/g, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    rows.set(`${cells[0]}|${cells[1]}`, cells);
  }
  return rows;
}

describe('check --report on the demo run shows the merges', () => {
  it('Markdown: the merged score and "merged" in every split pair, the refusal with its code', async () => {
    const root = launch();
    const { merged, refused } = await dryRun(root);
    expect(merged.length).toBeGreaterThan(0);
    expect(refused.map((r) => r.code)).toContain('SW_MERGE_SHARD_MISSING');
    await runCliIn(root, ['check', DEMO_RUN, '--report', 'report.md']);
    const md = readFileSync(join(root, 'report.md'), 'utf8');
    const rows = pairRows(md);
    for (const m of merged) {
      const cells = rows.get(`${m.model}|${m.dataset}`)!;
      expect(cells.slice(7, 9)).toEqual([pyFormatFixed(m.value, 2), 'merged']);
    }
    for (const r of refused) {
      expect(rows.get(`${r.model}|${r.dataset}`)!.slice(7, 9)).toEqual(['-', 'refused']);
      expect(md).toContain(`**${r.model} / ${r.dataset}** not merged: ${r.code}:`);
    }
    // Unsplit datasets show their result file's score, not '-'.
    const unsplit = [...rows.values()].filter((c) => c[8] === 'unsplit');
    expect(unsplit.length).toBeGreaterThan(0);
    for (const c of unsplit) expect(c[7]).toMatch(/^\d+\.\d\d$/);
  });

  it('HTML: the scores, the refusal and a chart', async () => {
    const root = launch();
    const { merged, refused } = await dryRun(root);
    await runCliIn(root, ['check', DEMO_RUN, '--report', 'report.html']);
    const html = readFileSync(join(root, 'report.html'), 'utf8');
    expect(html).toContain('<rect class="score"');
    for (const m of merged) expect(html).toContain(pyFormatFixed(m.value, 2));
    for (const r of refused) expect(html).toContain(r.code);
  });

  it('JSON: schema-valid, with the same merges (values, rules, the refusal)', async () => {
    const root = launch();
    const { merged, refused } = await dryRun(root);
    await runCliIn(root, ['check', DEMO_RUN, '--report', 'report.json']);
    const report = JSON.parse(readFileSync(join(root, 'report.json'), 'utf8')) as CheckReport;
    expect(validateAgainst('check-report.schema.json', report)).toEqual([]);
    const merges = report.merges ?? [];
    for (const m of merged) {
      const got = merges.find((x) => x.model === m.model && x.dataset === m.dataset)!;
      expect({ status: got.status, first: got.metrics[0] && { name: got.metrics[0].name, value: got.metrics[0].value } }).toEqual({
        status: 'merged',
        first: { name: m.name, value: m.value },
      });
      expect(got.metrics.every((x) => x.rule !== 'R')).toBe(true);
    }
    for (const r of refused) {
      const got = merges.find((x) => x.model === r.model && x.dataset === r.dataset)!;
      expect({ status: got.status, metrics: got.metrics, code: got.reason?.split(':')[0] }).toEqual({
        status: 'refused',
        metrics: [],
        code: r.code,
      });
    }
    expect(merges.map((m) => `${m.model}/${m.dataset}`)).toEqual(
      report.pairs.map((p) => `${p.model}/${p.dataset}`).filter((k) => merges.some((m) => `${m.model}/${m.dataset}` === k)),
    );
  });
});
