import { PyDict, PyTuple, type PyValue } from '@shardwise/core';
import { posix } from 'node:path';
import { ConfigRefusal, positionOf, refuse } from './config-refusal.js';
import { importedItems, moduleText } from './lazy-import.js';
import { field, namedKids, nodeText, type SourceFile, type SyntaxNode } from './syntax-node.js';
import { ConfigDict } from './values/runtime-objects.js';

/** A base file's evaluated namespace and the imported names to drop transitively. */
export interface BaseResult {
  namespace: PyDict;
  importedNames: ReadonlySet<string>;
}

export interface BaseLoader {
  /** Evaluates a whole base file (every import statement evaluates it again: mmengine has no module cache). */
  evaluateBase(pathAsGiven: string, via: SyntaxNode): BaseResult;
  /** The folder holding the opencompass/ package, if known. */
  readonly ocRoot: string | undefined;
  exists(pathAsGiven: string): boolean;
}

const isReadBaseCall = (n: SyntaxNode | undefined): boolean => n?.type === 'call' && nodeText(field(n, 'function')!) === 'read_base';

/**
 * The first top-level `with` statement must be `with read_base():` (mmengine's "Only read_base context
 * manager can be used"); later or nested read_base blocks are refused where they are executed.
 */
export function findBaseBlock(module: SyntaxNode): SyntaxNode | undefined {
  const first = module.children.find((c) => c.type === 'with_statement');
  if (!first) return undefined;
  const items = namedKids(namedKids(first).find((c) => c.type === 'with_clause')!);
  if (items.length !== 1 || !isReadBaseCall(field(items[0]!, 'value'))) {
    throw refuse(
      'SW_PY_READ_BASE',
      first,
      'only `with read_base():` may be used as a top-level with statement in a config (mmengine ConfigParsingError)',
    );
  }
  return first;
}

/** Module path → file (docs/python-configs.md §1.2): relative to the importing file's `__file__`, absolute under the OpenCompass root. */
export function resolveBasePath(importer: SourceFile, moduleNode: SyntaxNode, loader: BaseLoader): string {
  if (moduleNode.type === 'relative_import') {
    const prefix = namedKids(moduleNode).find((c) => c.type === 'import_prefix')!;
    const level = nodeText(prefix).length;
    const rest = namedKids(moduleNode).find((c) => c.type === 'dotted_name');
    if (!rest)
      throw refuse(
        'SW_PY_READ_BASE',
        moduleNode,
        '`from . import x` inside read_base: mmengine rejects it',
        'import from the module file: from .x import name',
      );
    return posix.join(posix.dirname(importer.path), ...Array<string>(level - 1).fill('..'), moduleText(rest).split('.').join('/') + '.py');
  }
  const parts = moduleText(moduleNode).split('.');
  if (parts.length < 2)
    throw refuse('SW_PY_READ_BASE', moduleNode, `read_base import of the bare package ${parts[0]}: mmengine needs a module inside it`);
  if (!loader.ocRoot) {
    throw refuse(
      'SW_PY_NO_OC_ROOT',
      moduleNode,
      `${parts.join('.')} needs the OpenCompass root to resolve`,
      'pass --oc-root <folder holding opencompass/>, or set opencompass.root in shardwise.toml',
    );
  }
  return posix.join(loader.ocRoot, ...parts) + '.py';
}

/** mmengine's `_dict_to_config_dict_lazy`: every dict/list/tuple is rebuilt, so aliasing never crosses a file boundary. */
export function copyAtBoundary(v: PyValue): PyValue {
  if (Array.isArray(v)) return v.map(copyAtBoundary);
  if (v instanceof PyDict) {
    const out = new ConfigDict();
    for (const [k, x] of v) out.set(k, copyAtBoundary(x));
    return out;
  }
  if (v instanceof PyTuple) return new PyTuple(v.items.map(copyAtBoundary));
  return v;
}

/**
 * Binds the names of the base block into `namespace` (before execution starts, docs/python-configs.md §1.5) and records
 * the bases' imported names in `importedNames`.
 */
export function bindBaseBlock(
  block: SyntaxNode,
  importer: SourceFile,
  namespace: PyDict,
  importedNames: Set<string>,
  loader: BaseLoader,
): void {
  const body = field(block, 'body')!;
  for (const stmt of namedKids(body)) {
    if (stmt.type !== 'import_from_statement') {
      throw refuse(
        'SW_PY_READ_BASE',
        stmt,
        'a read_base block may contain only `from <module> import <names>` statements (mmengine AssertionError)',
      );
    }
    const moduleNode = field(stmt, 'module_name')!;
    const path = resolveBasePath(importer, moduleNode, loader);
    if (!loader.exists(path)) {
      throw refuse(
        'SW_PY_BASE_NOT_FOUND',
        moduleNode,
        `${moduleText(moduleNode)} → ${path} not found (mmengine ConfigParsingError)`,
        'check the module path and the OpenCompass root',
      );
    }
    const base = loader.evaluateBase(path, stmt);
    for (const n of base.importedNames) importedNames.add(n);
    if (namedKids(stmt).some((c) => c.type === 'wildcard_import')) {
      for (const [k, v] of base.namespace) namespace.set(k, copyAtBoundary(v));
      continue;
    }
    for (const { name, alias, node } of importedItems(stmt)) {
      const v = base.namespace.get(name);
      if (v === undefined)
        throw new ConfigRefusal(
          'SW_PY_BASE_NOT_FOUND',
          `${moduleText(moduleNode)} has no name ${name} (mmengine KeyError)`,
          positionOf(node),
        );
      namespace.set(alias ?? name, copyAtBoundary(v));
    }
  }
}
