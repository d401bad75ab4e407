// An esbuild plugin for the release builds (scripts/release-pack.mjs, scripts/release-sea.mjs).
import { join } from 'node:path';

/**
 * Replaces core's schema-compiler.js (ajv compiling a schema on first use) by every schema's validator
 * compiled now with ajv standalone, from the same createAjv: same options, same error objects.
 */
export function precompiledValidators(root) {
  return {
    name: 'precompiled-validators',
    setup(b) {
      b.onResolve({ filter: /^\.\/schema-compiler\.js$/ }, (args) =>
        args.importer.startsWith(join(root, 'packages', 'core')) ? { path: 'schema-validators', namespace: 'precompiled' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'precompiled' }, async () => {
        const { createAjv } = await import(join(root, 'packages', 'core', 'dist', 'schema-compiler.js'));
        const standalone = (await import(join(root, 'packages', 'core', 'node_modules', 'ajv', 'dist', 'standalone', 'index.js'))).default
          .default;
        const ajv = createAjv({ code: { source: true, esm: true } });
        const files = Object.keys(ajv.schemas).filter((f) => f.endsWith('.schema.json'));
        const exportName = (i) => `validate${i}`;
        let code = standalone(ajv, Object.fromEntries(files.map((f, i) => [exportName(i), f])));
        // ajv's ESM output still require()s its few runtime helpers.
        code = code.replace(/require\("(ajv\/dist\/runtime\/[\w-]+)"\)/g, (_, m) => `__runtime_${m.split('/').pop().replace(/\W/g, '_')}`);
        const helpers = [...new Set([...code.matchAll(/__runtime_(\w+)/g)].map((m) => m[1]))];
        const imports = helpers.map((h) => `import * as __runtime_${h} from 'ajv/dist/runtime/${h}.js';`).join('\n');
        const table = `const byFile = {${files.map((f, i) => `${JSON.stringify(f)}: ${exportName(i)}`).join(', ')}};`;
        return {
          contents: `${imports}\n${code}\n${table}\nexport function compileValidator(file) { return byFile[file]; }\n`,
          loader: 'js',
          resolveDir: join(root, 'packages', 'core'),
        };
      });
    },
  };
}
