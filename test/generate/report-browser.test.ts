/// <reference lib="dom" />
// (the page functions below run in the browser)
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderCheckReport } from '@shardwise/generate';
import { splitEvalReport } from './report-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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

  const column = (index: number) => page.$$eval(`#pairs-table tbody tr`, (rows, i) => rows.map((r) => (r as HTMLTableRowElement).cells[i]!.textContent.trim()), index);

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
