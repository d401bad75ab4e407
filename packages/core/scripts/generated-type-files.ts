import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTypes, schemaStem, pascal, type JsonSchema } from './render-types.js';

/** Every schema in `schemasDir` rendered: generated file name → its text. */
export function generatedTypeFiles(schemasDir: string): Map<string, string> {
  const files = readdirSync(schemasDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
  const schemas = new Map(files.map((f) => [f, JSON.parse(readFileSync(join(schemasDir, f), 'utf8')) as JsonSchema]));
  const titleOf = (file: string) => schemas.get(file)?.title ?? pascal(schemaStem(file));
  return new Map(files.map((f) => [`${schemaStem(f)}.generated.ts`, renderTypes(f, schemas.get(f)!, titleOf)]));
}
