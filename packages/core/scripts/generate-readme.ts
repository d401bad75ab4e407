import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readmeSections } from './readme-inputs.js';
import { updateReadme } from './readme-sections.js';

// Rewrites the generated sections of README.md (`pnpm gen:docs`); a test fails when they drift.
const root = join(import.meta.dirname, '..', '..', '..');
const path = join(root, 'README.md');
const before = readFileSync(path, 'utf8');
const after = updateReadme(before, readmeSections(root));
if (after !== before) {
  writeFileSync(path, after);
  console.log(`updated ${path}`);
}
