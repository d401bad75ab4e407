/// <reference lib="dom" />
// (the page functions below run in the browser)
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { CheckReport } from '@shardwise/core';
import { renderCheckReport, type ReportMerge } from '@shardwise/generate';
import { splitEvalReport } from './report-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('the HTML report in headless chromium', () => {
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  const requested: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is absent: the e2e tests drive Debian's chromium (apt-get install chromium)`);
    dir = mkdtempSync(join(tmpdir(), 'sw-report-'));
    const { report, merges } = splitEvalReport();
    const file = join(dir, 'report.html');
    writeFileSync(file, renderCheckReport(report, 'html', merges));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, args: ARGS, headless: true });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requested.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
  });

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const column = (index: number) =>
    page.$$eval(`#pairs-table tbody tr`, (rows, i) => rows.map((r) => (r as HTMLTableRowElement).cells[i]!.textContent.trim()), index);

  it('renders offline: the page is the only request and no injected script ran', async () => {
    expect(requested.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(requested).toHaveLength(1);
    expect(dialogs).toEqual([]);
    expect(await page.title()).toBe('shardwise check report: outputs/default/20250101_120000');
    expect(await page.$$eval('#pairs-table tbody tr', (r) => r.length)).toBe(6);
    expect(await page.textContent('#pairs-table tbody tr:nth-child(4) td')).toBe('<b>evil</b>|model*');
  });

  it('in-page links move to their targets, both ways between a pair and its issues', async () => {
    await page.click('#pair-0 a[href="#issue-0"]');
    expect(await page.evaluate(() => location.hash)).toBe('#issue-0');
    expect(await page.$eval('#issue-0', (e) => e.matches(':target'))).toBe(true);
    await page.click('#issue-0 a[href="#pair-0"]');
    expect(await page.evaluate(() => location.hash)).toBe('#pair-0');
    await page.click('nav a[href="#chart"]');
    expect(await page.$eval('#chart', (e) => e.matches(':target'))).toBe(true);
  });

  it('sorts the model × dataset table on a header click, numbers numerically, twice reverses', async () => {
    const score = 7;
    await page.click('#pairs-table th:nth-child(8)');
    expect(await column(score)).toEqual(['-', '12.12', '30.00', '62.50', '80.00', '86.67']);
    expect(await page.getAttribute('#pairs-table th:nth-child(8)', 'aria-sort')).toBe('ascending');
    await page.click('#pairs-table th:nth-child(8)');
    expect(await column(score)).toEqual(['86.67', '80.00', '62.50', '30.00', '12.12', '-']);
    await page.click('#pairs-table th:nth-child(3)');
    expect(await column(2)).toEqual(['10', '10', '100', '100', '1319', '1319']);
    await page.click('#pairs-table th:nth-child(2)');
    expect(await column(1)).toEqual(['gsm8k', 'gsm8k', 'hund', 'hund', 'tiny', 'tiny']);
  });

  it('the chart shows each score and coverage, with bar lengths proportional to them', async () => {
    const bars = await page.$$eval('svg g.bar', (gs) =>
      gs.map((g) => ({
        model: g.getAttribute('data-model'),
        text: g.querySelector('text.value')!.textContent,
        score: g.querySelector('rect.score')!.getBoundingClientRect().width,
        coverage: g.querySelector('rect.coverage')!.getBoundingClientRect().width,
      })),
    );
    expect(bars).toHaveLength(6);
    const gsm8k = bars.slice(0, 2);
    expect(gsm8k.map((b) => b.text)).toEqual(['no score · coverage 87.5%', 'accuracy 86.67 · coverage 100.0%']);
    expect(gsm8k[0]!.score).toBe(0);
    expect(gsm8k[1]!.score).toBeCloseTo(0.8667 * 360, 0);
    expect(gsm8k[0]!.coverage / gsm8k[1]!.coverage).toBeCloseTo(0.875, 2);
    expect(await page.$$eval('svg text.group', (t) => t.map((x) => x.textContent))).toEqual(['gsm8k', 'hund', 'tiny']);
  });
});

/**
 * The report of a run with long unbroken strings where real runs have them: partitioner arguments (a long
 * dataset_size_path), advice, file paths and issue messages.
 */
function longCellsReport(): { report: CheckReport; merges: ReportMerge[] } {
  const { report, merges } = splitEvalReport();
  const deep = '/mnt/shared-storage/team-evaluation/opencompass_runs/very_long_experiment_directory_name_with_many_parts/cache';
  const args = {
    ...report.stages.infer.partitioner.args,
    dataset_size_path: `${deep}/.cache/dataset_size.json`,
    force_rebuild: false,
    keep_keys: ['eval.runner.task.judge_cfg', 'eval.runner.task.dump_details'],
  };
  report.stages.infer.partitioner.args = args;
  report.stages.eval.partitioner.args = args;
  report.runDir = `${deep}/outputs/default/20250101_120000`;
  report.advice = report.advice.map((a) => ({
    ...a,
    reason: `${a.reason}; ${'shards_of_every_dataset_'.repeat(8)}`,
    setting: { ...a.setting, cli: `--max-num-workers 8 --dataset-size ${deep}/.cache/dataset_size.json` },
  }));
  report.issues = [
    ...report.issues,
    {
      code: 'SW_SHARD_MISSING',
      severity: 'error',
      message: `${deep}/outputs/default/20250101_120000/results/model-with-a-long-name/gsm8k_7.json is missing`,
      file: `${deep}/outputs/default/20250101_120000/results/model-with-a-long-name/gsm8k_7.json`,
      hint: 'resume with -m eval -r <ts>',
    },
  ];
  for (const p of report.pairs) for (const f of [...p.infer.files, ...p.eval.files]) f.path = `${deep}/${f.path}`;
  return { report, merges };
}

describe('the HTML report layout in headless chromium', () => {
  let dir: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is absent: the e2e tests drive Debian's chromium (apt-get install chromium)`);
    dir = mkdtempSync(join(tmpdir(), 'sw-report-layout-'));
    const { report, merges } = longCellsReport();
    writeFileSync(join(dir, 'report.html'), renderCheckReport(report, 'html', merges));
    context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, args: ARGS, headless: true });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
  });

  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with the pairing verdict, then the issues', async () => {
    expect(await page.$$eval('h2', (hs) => hs.slice(0, 2).map((h) => h.id))).toEqual(['pairing', 'issues']);
  });

  for (const width of [1000, 1200, 1400, 1600]) {
    it(`nothing runs off the page at ${width} px: every element ends inside the viewport, and every open details too`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.$$eval('details', (ds) => ds.forEach((d) => (d.open = true)));
      const layout = await page.evaluate(() => {
        const over = Array.from(document.body.querySelectorAll('*'))
          .map((e) => ({ e, r: e.getBoundingClientRect() }))
          .filter(({ r }) => r.width > 0 && r.right > window.innerWidth + 0.5)
          .map(
            ({ e, r }) =>
              `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''} ends at ${Math.round(r.right)}: ${(e.textContent ?? '').slice(0, 60)}`,
          );
        return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, over: over.slice(0, 5) };
      });
      expect(layout.over).toEqual([]);
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
    });
  }
});
