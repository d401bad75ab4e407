import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

// Tests import packages by name; alias them to their sources so no build is needed to test.
export default defineConfig({
  resolve: {
    alias: Object.fromEntries(
      ['core', 'pyconfig', 'plan', 'merge', 'generate', 'run', 'cli'].map((p) => [`@shardwise/${p}`, src(p)]),
    ),
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/plain-summary-reporter.ts'],
  },
});
