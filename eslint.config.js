// @ts-check
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Type-aware linting of the sources (package tsconfigs) and of tests, bench and scripts (tsconfig.test.json):
 * recommendedTypeChecked, which finds floating or misused promises, awaits of non-promises, unused code,
 * needless assertions and `any` leaking into typed code, minus the rules listed below with their reason.
 */
export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'examples/**', 'packages/*/test/corpus/**'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./packages/*/tsconfig.json', './tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // String() of a Python key or value is a deliberate JS conversion; where Python's str()/repr() applies
      // instead is a per-site semantic choice (core's python-format), not one a type-level rule can make.
      '@typescript-eslint/no-base-to-string': 'off',
      // ANSI escapes (progress bars, colour) and JSON control characters are matched on purpose.
      'no-control-regex': 'off',
      // A generator method cannot be an arrow function, so it reaches its instance through `self`.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['self'] }],
    },
  },
  {
    // vitest's asymmetric matchers (expect.any, stringContaining) are typed `any` by design; reading an `any`
    // is still caught by no-unsafe-member-access/-call/-argument/-return.
    files: ['test/**', 'packages/*/test/**'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // Plain JavaScript (bench probes, the read-ahead worker, this file) is in no tsconfig: lint it without types.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // A worker_threads script loaded by path is CommonJS: require() is how it imports.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
