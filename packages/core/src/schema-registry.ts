import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Ajv2020Module from 'ajv/dist/2020.js';
import type { AnySchema, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { schemasDir } from './repo-paths.js';

// ajv is CommonJS; under NodeNext its default export arrives wrapped.
const Ajv2020 = Ajv2020Module.default.default ?? Ajv2020Module.default;
type Ajv = InstanceType<typeof Ajv2020>;

export interface SchemaProblem {
  /** JSON pointer of the offending value, e.g. `/merge/rules/0/rule`. */
  pointer: string;
  message: string;
}

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv {
  if (ajv) return ajv;
  ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  for (const file of readdirSync(schemasDir()).filter((f) => f.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(schemasDir(), file), 'utf8')) as AnySchema, file);
  }
  return ajv;
}

/** Validates `value` against `schemas/<file>`; returns every problem, empty when valid. */
export function validateAgainst(file: string, value: unknown): SchemaProblem[] {
  let validate = compiled.get(file);
  if (!validate) {
    validate = instance().getSchema(file);
    if (!validate) throw new Error(`no schema ${file} in ${schemasDir()}`);
    compiled.set(file, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map(describe);
}

function describe(e: ErrorObject): SchemaProblem {
  const params = e.params as Record<string, unknown>;
  let message = e.message ?? 'is invalid';
  let pointer = e.instancePath;
  if (e.keyword === 'additionalProperties') {
    pointer += '/' + String(params['additionalProperty']).replace(/~/g, '~0').replace(/\//g, '~1');
    message = 'is not a known key';
  }
  if (e.keyword === 'enum') message = `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return { pointer, message };
}
