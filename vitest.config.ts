import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

/**
 * Tests that run python3 (as the oracle, or on generated code), headless chromium, or the built bin in a child
 * process. Everything else is `unit`: in-process, run with a PATH that finds no program (a folder that does not
 * exist), so a unit test that starts reaching for python3 fails instead of quietly slowing the fast suite down.
 */
const E2E = [
  'packages/core/test/python-format.test.ts',
  'packages/pyconfig/test/corpus.test.ts',
  'packages/pyconfig/test/dumped-config.test.ts',
  'packages/pyconfig/test/mmengine-dump.test.ts',
  'packages/pyconfig/test/syntax/not-python-cli.test.ts',
  'packages/pyconfig/test/syntax/syntax-corpus.test.ts',
  'test/cli-cwd.test.ts',
  'test/cli-module-loading.test.ts',
  'test/cli-output.test.ts',
  'test/core/fnmatch.test.ts',
  'test/merge/dump-layout-python.test.ts',
  'test/experience/**/*.test.ts',
  'test/fuzz/planners.fuzz.test.ts',
  'test/fuzz/prediction-rows.fuzz.test.ts',
  'test/generate/gen-cli.test.ts',
  'test/generate/json-reading-parity.test.ts',
  'test/generate/merge-parity.test.ts',
  'test/generate/report-browser.test.ts',
  'test/generate/summarizer-config-rows.test.ts',
  'test/generate/summarizer-module.test.ts',
  'test/generate/v8-math.test.ts',
  'test/hostile/**/*.test.ts',
  'test/merge/count-exact.test.ts',
  'test/merge/merge-run.test.ts',
  'test/merge/py-json.test.ts',
  'test/merge/total-correct-percent.test.ts',
  'test/plan/prediction-layout-python.test.ts',
  'test/plan/test-range.test.ts',
];
const ALL = ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'];

const project = (name: string, test: TestProjectInlineConfiguration['test']): TestProjectInlineConfiguration => ({
  extends: true,
  test: { name, ...test },
});

// Tests import packages by name; alias them to their sources so no build is needed to test. A subpath export
// (package.json `exports`) comes before its package, whose alias would otherwise take it as a folder.
export default defineConfig({
  resolve: {
    alias: [
      { find: '@shardwise/run/options', replacement: fileURLToPath(new URL('./packages/run/src/run-options.ts', import.meta.url)) },
      ...['core', 'pyconfig', 'plan', 'merge', 'generate', 'run', 'cli'].map((p) => ({ find: `@shardwise/${p}`, replacement: src(p) })),
    ],
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/plain-summary-reporter.ts'],
    projects: [
      project('unit', { include: ALL, exclude: E2E, env: { PATH: join(import.meta.dirname, 'test', 'support', 'no-programs') } }),
      project('e2e', { include: E2E }),
    ],
  },
});
