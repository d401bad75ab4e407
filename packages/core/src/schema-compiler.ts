import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Ajv2020Module from 'ajv/dist/2020.js';
import type { AnySchema, Options, ValidateFunction } from 'ajv/dist/2020.js';
import { schemasDir } from './assets.js';

// ajv is CommonJS; under NodeNext its default export arrives wrapped.
const Ajv2020 = Ajv2020Module.default.default ?? Ajv2020Module.default;
type Ajv = InstanceType<typeof Ajv2020>;

/**
 * An ajv holding every `schemas/*.schema.json` under its file name. `extra` is for the release build, which
 * asks for source code (ajv standalone) instead of functions; the validation options are the same.
 */
export function createAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, ...extra });
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
