import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { schemasDir } from './assets.js';
import { compileValidator } from './schema-compiler.js';

export interface SchemaProblem {
  /** JSON pointer of the offending value, e.g. `/merge/rules/0/rule`. */
  pointer: string;
  message: string;
}

const compiled = new Map<string, ValidateFunction>();

/** Validates `value` against `schemas/<file>`; returns every problem, empty when valid. */
export function validateAgainst(file: string, value: unknown): SchemaProblem[] {
  let validate = compiled.get(file);
  if (!validate) {
    validate = compileValidator(file);
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
