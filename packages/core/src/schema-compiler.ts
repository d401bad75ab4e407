import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AnySchema, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { schemasDir } from './assets.js';

type Ajv2020Class = (typeof import('ajv/dist/2020.js'))['default'];
type Ajv = InstanceType<Ajv2020Class>;

/**
 * An ajv holding every `schemas/*.schema.json` under its file name. `extra` is for the release build, which
 * asks for source code (ajv standalone) instead of functions; the validation options are the same.
 * ajv (CommonJS) is required here, not imported at the top: loading it costs a command that validates
 * nothing (most runs, with no shardwise.toml) a good part of Node's own start-up.
 */
export function createAjv(extra: Options = {}): Ajv {
  const Ajv2020 = createRequire(import.meta.url)('ajv/dist/2020.js') as { default: Ajv2020Class };
  const ajv = new Ajv2020.default({ allErrors: true, strict: true, allowUnionTypes: true, ...extra });
  for (const file of readdirSync(schemasDir()).filter((f) => f.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(schemasDir(), file), 'utf8')) as AnySchema, file);
  }
  return ajv;
}

let ajv: Ajv | undefined;

/**
 * The validator of `schemas/<file>`, compiled on first use. The release bundle replaces this module by
 * the same validators compiled at build time (scripts/release-pack.mjs): compiling costs more than
 * starting Node, and ajv's compiler is then not shipped at all.
 */
export function compileValidator(file: string): ValidateFunction | undefined {
  ajv ??= createAjv();
  return ajv.getSchema(file);
}
