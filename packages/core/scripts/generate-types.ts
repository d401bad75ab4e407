import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedTypeFiles } from './generated-type-files.js';

// Rewrites packages/core/src/generated/*.generated.ts from schemas/*.schema.json.
const root = join(import.meta.dirname, '..', '..', '..');
const outDir = join(root, 'packages', 'core', 'src', 'generated');
const wanted = generatedTypeFiles(join(root, 'schemas'));
for (const stale of readdirSync(outDir).filter((f) => f.endsWith('.generated.ts') && !wanted.has(f))) {
  throw new Error(`remove ${join(outDir, stale)}: its schema is gone`);
}
for (const [name, text] of wanted) {
  const path = join(outDir, name);
  let old = '';
  try {
    old = readFileSync(path, 'utf8');
  } catch {
    /* new file */
  }
  if (old !== text) {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
