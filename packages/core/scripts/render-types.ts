import { IndentationText, Project, QuoteKind, type SourceFile } from 'ts-morph';

/** The part of JSON Schema 2020-12 that shardwise's schemas use. */
export interface JsonSchema {
  $id?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** `shardwise-toml.schema.json` → `shardwise-toml`; `issue.schema.json#/$defs/x` → its type name. */
export function schemaStem(file: string): string {
  return file.replace(/^.*\//, '').replace(/\.schema\.json$/, '');
}

export function pascal(name: string): string {
  return name.replace(/(^|[-_\s.])([a-zA-Z0-9])/g, (_m, _s, c: string) => c.toUpperCase());
}

const HEADER = (file: string) =>
  `// Generated from schemas/${file} by packages/core/scripts/generate-types.ts. Do not edit:\n` +
  `// change the schema and run \`pnpm gen:types\` (a test fails when this file drifts).\n`;

/**
 * Renders one schema file as TypeScript declarations: the root type (named by `title`)
 * and one exported type per `$defs` entry. References to other schema files become imports.
 */
export function renderTypes(file: string, schema: JsonSchema, titleOf: (file: string) => string): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single },
  });
  const out = project.createSourceFile('out.ts', '');
  const imports = new Map<string, string>();
  const ctx: Ctx = { file, titleOf, imports };

  const rootName = schema.title ?? pascal(schemaStem(file));
  declare(out, rootName, schema, ctx);
  for (const [name, def] of Object.entries(schema.$defs ?? {})) declare(out, pascal(name), def, ctx);

  for (const [typeName, from] of [...imports].sort()) {
    out.insertImportDeclaration(0, { isTypeOnly: true, namedImports: [typeName], moduleSpecifier: from });
  }
  out.insertText(0, HEADER(file));
  out.formatText({ indentSize: 2 });
  return out.getFullText();
}

interface Ctx {
  file: string;
  titleOf: (file: string) => string;
  imports: Map<string, string>;
}

function declare(out: SourceFile, name: string, schema: JsonSchema, ctx: Ctx): void {
  const docs = schema.description ? [schema.description] : [];
  if (isPlainObject(schema)) {
    out.addInterface({ name, isExported: true, docs, properties: properties(schema, ctx) });
    const index = indexSignature(schema, ctx);
    if (index) out.getInterfaceOrThrow(name).addIndexSignature(index);
  } else {
    out.addTypeAlias({ name, isExported: true, docs, type: typeOf(schema, ctx) });
  }
}

function isPlainObject(s: JsonSchema): boolean {
  return s.type === 'object' && !s.oneOf && !s.anyOf && s.properties !== undefined;
}

function properties(s: JsonSchema, ctx: Ctx) {
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([key, prop]) => ({
    name: /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key),
    hasQuestionToken: !required.has(key),
    type: typeOf(prop, ctx),
    docs: prop.description ? [prop.description] : [],
  }));
}

function indexSignature(s: JsonSchema, ctx: Ctx) {
  if (s.additionalProperties === false) return undefined;
  const value = typeof s.additionalProperties === 'object' ? typeOf(s.additionalProperties, ctx) : 'unknown';
  return { keyName: 'key', keyType: 'string', returnType: value };
}

function typeOf(s: JsonSchema, ctx: Ctx): string {
  if (s.$ref) return refType(s.$ref, ctx);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (s.oneOf || s.anyOf) return (s.oneOf ?? s.anyOf)!.map((x) => paren(typeOf(x, ctx))).join(' | ');
  if (s.allOf) return s.allOf.map((x) => paren(typeOf(x, ctx))).join(' & ');
  if (Array.isArray(s.type)) return s.type.map((t) => typeOf({ ...s, type: t }, ctx)).join(' | ');
  switch (s.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      if (s.prefixItems) return `[${s.prefixItems.map((x) => typeOf(x, ctx)).join(', ')}]`;
      return `${paren(s.items ? typeOf(s.items, ctx) : 'unknown')}[]`;
    case 'object': {
      const props = properties(s, ctx).map((p) => `${docComment(p.docs)}${p.name}${p.hasQuestionToken ? '?' : ''}: ${p.type};`);
      const index = indexSignature(s, ctx);
      if (index) props.push(`[key: string]: ${index.returnType};`);
      return props.length ? `{\n${props.join('\n')}\n}` : 'Record<string, never>';
    }
    default:
      return 'unknown';
  }
}

function docComment(docs: string[]): string {
  return docs.length ? `/** ${docs.join(' ')} */\n` : '';
}

function paren(t: string): string {
  return /[|&]/.test(t) && !t.startsWith('{') ? `(${t})` : t;
}

function refType(ref: string, ctx: Ctx): string {
  const [target = '', pointer = ''] = ref.split('#');
  const def = pointer.startsWith('/$defs/') ? pascal(pointer.slice('/$defs/'.length)) : undefined;
  if (target === '' || target === ctx.file) {
    if (!def) throw new Error(`${ctx.file}: unsupported $ref ${ref}`);
    return def;
  }
  const name = def ?? ctx.titleOf(target);
  ctx.imports.set(name, `./${schemaStem(target)}.generated.js`);
  return name;
}
