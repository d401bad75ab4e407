import { PyLazy, type PyValue } from '@shardwise/core';
import { refuse } from './config-refusal.js';
import type { ImportHandler } from './interpreter/statements.js';
import type { Scope } from './interpreter/scope.js';
import { STDLIB_MODULE_NAMES } from './stdlib-module-names.js';
import { field, fieldAll, namedKids, nodeText, type SyntaxNode } from './syntax-node.js';
import { PyLazyModule, PyModule, PyReadBase } from './values/runtime-objects.js';

/** mmengine's `_is_builtin_module`: stdlib or `mmengine.config…` modules are imported for real. */
export function isStdlibModule(name: string): boolean {
  return name.startsWith('mmengine.config') || STDLIB_MODULE_NAMES.has(name.split('.')[0]!);
}

/** `a.b` of a dotted_name or `.x.y` of a relative import, as written. */
export function moduleText(node: SyntaxNode): string {
  return nodeText(node).replace(/\s+/g, '');
}

/** (name, alias) of each imported item of an import statement. */
export function importedItems(node: SyntaxNode): { name: string; alias: string | undefined; node: SyntaxNode }[] {
  return fieldAll(node, 'name').map((n) =>
    n.type === 'aliased_import'
      ? { name: moduleText(field(n, 'name')!), alias: nodeText(field(n, 'alias')!), node: n }
      : { name: moduleText(n), alias: undefined, node: n },
  );
}

/**
 * Mode selection (docs/python-configs.md §1.1): a breadth-first walk; the first decisive node wins. A `with`, a relative
 * import or a non-stdlib import makes the file lazy; an assignment to `_base_` or nothing makes it plain.
 */
export function isLazyModule(root: SyntaxNode): boolean {
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    const n = queue[i]!;
    if (n.type === 'assignment' && field(n, 'left')?.type === 'identifier' && nodeText(field(n, 'left')!) === '_base_') return false;
    if (n.type === 'with_statement') return true;
    if (n.type === 'import_from_statement') {
      const mod = field(n, 'module_name')!;
      if (mod.type === 'relative_import' || !isStdlibModule(moduleText(mod))) return true;
    }
    if (n.type === 'import_statement' && importedItems(n).some((it) => !isStdlibModule(it.name))) return true;
    // Statements never sit inside an expression: a dumped config's values (most of its nodes) are not walked.
    if (!EXPRESSIONS.has(n.type)) queue.push(...n.children);
  }
  return false;
}

/** Expression nodes, whose subtrees hold no assignment, `with` or import (a chained `a = b = 1` nests in `right`). */
const EXPRESSIONS = new Set([
  'call',
  'argument_list',
  'keyword_argument',
  'list',
  'tuple',
  'dictionary',
  'pair',
  'set',
  'string',
  'concatenated_string',
  'integer',
  'float',
  'identifier',
  'true',
  'false',
  'none',
  'attribute',
  'subscript',
  'unary_operator',
  'binary_operator',
  'boolean_operator',
  'comparison_operator',
  'not_operator',
  'parenthesized_expression',
  'conditional_expression',
  'lambda',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
  'generator_expression',
]);

/** Top-level `import torch` / `import a.b` (non-stdlib, no alias): mmengine moves their bindings to the start. */
export function hoistedImports(module: SyntaxNode): { statements: Set<SyntaxNode>; packages: string[] } {
  const statements = new Set<SyntaxNode>();
  const packages: string[] = [];
  for (const stmt of module.children) {
    if (stmt.type !== 'import_statement') continue;
    const items = importedItems(stmt);
    if (items.length !== 1 || items[0]!.alias || isStdlibModule(items[0]!.name)) continue;
    statements.add(stmt);
    const pkg = items[0]!.name.split('.')[0]!;
    if (!packages.includes(pkg)) packages.push(pkg);
  }
  // Inserted one by one at the start of the body, so they end up in reverse order of first appearance.
  return { statements, packages: packages.reverse() };
}

/** Binds import statements outside read_base: lazy references, whitelisted stdlib modules, or refusals. */
export class LazyImportHandler implements ImportHandler {
  constructor(
    private readonly stdlib: ReadonlyMap<string, PyModule>,
    private readonly skipped: ReadonlySet<SyntaxNode>,
  ) {}

  isBaseBlock(node: SyntaxNode): boolean {
    return this.skipped.has(node);
  }

  importStatement(node: SyntaxNode, scope: Scope): void {
    if (this.skipped.has(node)) return;
    const imported = scope.module.importedNames;
    if (node.type === 'import_statement') {
      const items = importedItems(node);
      if (items.length !== 1)
        throw refuse('SW_PY_IMPORT', node, '`import a, b` on one line: mmengine rejects it (AssertionError)', 'write one import per line');
      const { name, alias } = items[0]!;
      const bindName = alias ?? name.split('.')[0]!;
      scope.vars.set(bindName, this.moduleValue(name, alias !== undefined));
      if (alias !== undefined || !isStdlibModule(name)) imported.add(bindName);
      return;
    }
    const moduleNode = field(node, 'module_name')!;
    const module = moduleText(moduleNode);
    if (namedKids(node).some((c) => c.type === 'wildcard_import')) {
      throw refuse(
        'SW_PY_IMPORT',
        node,
        `from ${module} import * outside read_base: mmengine rejects it (ConfigParsingError)`,
        'import the names you need, or move the import into `with read_base():`',
      );
    }
    for (const { name, alias, node: itemNode } of importedItems(node)) {
      const bindName = alias ?? name;
      scope.vars.set(bindName, this.fromImportValue(module, moduleNode.type === 'relative_import', name, itemNode));
      imported.add(bindName);
    }
  }

  /** `import x` / `import x.y as z`: a whitelisted module, a lazy module, or a member-less stdlib module. */
  private moduleValue(name: string, aliased: boolean): PyValue {
    if (!isStdlibModule(name)) return new PyLazyModule(aliased ? name : name.split('.')[0]!);
    const key = aliased ? name : name.split('.')[0]!;
    // Other stdlib modules bind, but every member access is refused (SW_PY_FORBIDDEN).
    return this.stdlib.get(key) ?? new PyModule(key, new Map());
  }

  private fromImportValue(module: string, relative: boolean, name: string, node: SyntaxNode): PyValue {
    if (relative || !isStdlibModule(module)) return new PyLazy(module, name);
    if (module.startsWith('mmengine.config')) {
      if (name === 'read_base') return new PyReadBase();
      throw refuse('SW_PY_IMPORT', node, `from ${module} import ${name}: only read_base is supported from mmengine.config`);
    }
    const mod = this.stdlib.get(module);
    if (!mod)
      throw refuse(
        'SW_PY_IMPORT',
        node,
        `from ${module} import ${name}: the ${module} module is outside the whitelisted environment layer`,
        'configs may use os.path, os.environ, math, copy, itertools, functools and typing',
      );
    const submodule = this.stdlib.get(`${module}.${name}`);
    const member = submodule ?? mod.attrs.get(name);
    if (member === undefined) throw refuse('SW_PY_FORBIDDEN', node, `${module}.${name} is outside the whitelisted environment layer`);
    return member;
  }
}
