import { PyDict, PyOpaque } from '@shardwise/core';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { builtinFunctions } from './builtins/builtin-functions.js';
import { arg } from './builtins/call-args.js';
import { stdlibModules } from './builtins/stdlib-modules.js';
import { refuse } from './config-refusal.js';
import type { EnvironmentLayer } from './environment-layer.js';
import { Evaluator } from './interpreter/evaluator.js';
import { pyError } from './interpreter/py-exception.js';
import { Scope } from './interpreter/scope.js';
import { StatementExecutor } from './interpreter/statements.js';
import { hoistedImports, isLazyModule, LazyImportHandler } from './lazy-import.js';
import type { Limits } from './limits.js';
import { parseLiteralModule } from './literal-module.js';
import { parsePython, type Parser } from './python-parser.js';
import { bindBaseBlock, findBaseBlock, type BaseLoader, type BaseResult } from './read-base.js';
import type { SyntaxNode } from './syntax-node.js';
import { PyFile, PyLazyModule, PyModule } from './values/runtime-objects.js';

export interface FileResult {
  /** The file's globals after execution, in mmengine's order (docs/python-configs.md §1.5). */
  namespace: PyDict;
  importedNames: Set<string>;
  lazy: boolean;
}

/** A file needs tree-sitter, which the session was started without: readConfig loads it and starts over. */
export class ParserNeeded extends Error {}

/** One evaluation of a config and its read_base closure: shared bounds, environment and builtins. */
export class ConfigSession implements BaseLoader {
  private readonly evaluator: Evaluator;
  private readonly stdlib: Map<string, PyModule>;
  private readonly builtinsModule = new PyModule('builtins', new Map());
  /** Parsed files by absolute path: a base imported again is re-executed (no module cache in mmengine) but not re-parsed. */
  private readonly parsed = new Map<string, SyntaxNode>();

  constructor(
    /** Tree-sitter, loaded only when a file is not a literal module (readConfig decides). */
    private readonly parser: Parser | undefined,
    readonly limits: Limits,
    readonly environment: EnvironmentLayer,
    readonly ocRoot: string | undefined,
  ) {
    const builtins = new Map();
    this.evaluator = new Evaluator(limits, environment, builtins);
    this.stdlib = stdlibModules(this.evaluator);
    const table = builtinFunctions(this.evaluator, (name) => this.evaluator.lookup(name, this.currentScope!), {
      open: (_rt, call, node) => this.open(call.args[0] ?? null, arg(call, 1, 'mode', 'r'), node),
      globals: () => this.currentScope!.module.namespace,
      locals: () => this.currentScope!.vars,
    });
    for (const [k, v] of table) builtins.set(k, v);
  }

  /** The scope a builtin such as locals() was called from: set by the evaluator on every call. */
  private get currentScope(): Scope | undefined {
    return this.evaluator.callerScope;
  }

  exists(pathAsGiven: string): boolean {
    try {
      return statSync(this.environment.absolute(pathAsGiven)).isFile();
    } catch {
      return false;
    }
  }

  evaluateBase(pathAsGiven: string, via: SyntaxNode): BaseResult {
    const result = this.evaluateFile(pathAsGiven, via);
    const namespace = new PyDict();
    for (const [k, v] of result.namespace) {
      if (typeof k === 'string' && !k.startsWith('__') && k !== 'LazyObject') namespace.set(k, v);
    }
    return { namespace, importedNames: result.importedNames };
  }

  /** Parses and executes one file; `__file__` is the path exactly as given (docs/python-configs.md §1.5). */
  evaluateFile(pathAsGiven: string, via: SyntaxNode | undefined): FileResult {
    const absolute = this.environment.absolute(pathAsGiven);
    const { text, undecodable } = this.environment.readSource(pathAsGiven, via, via ? 'read_base file' : 'config');
    let module = this.parsed.get(absolute);
    if (module?.source.path !== pathAsGiven) {
      const source = { path: pathAsGiven, absolute, text };
      module = this.limits.excluded(
        () => (undecodable ? undefined : parseLiteralModule(source)) ?? parsePython(this.treeSitter(), source, undecodable),
      );
      this.parsed.set(absolute, module);
    }
    const source = module.source;
    // A base reached through read_base is always parsed in lazy mode (docs/python-configs.md §1.1).
    const lazy = via !== undefined || isLazyModule(module);
    const namespace = new PyDict();
    const frame = { source, namespace, importedNames: new Set<string>(), lazy };
    const skipped = new Set<SyntaxNode>();
    if (lazy) {
      namespace.set('LazyObject', new PyOpaque('other', 'LazyObject'));
      namespace.set('__file__', pathAsGiven);
      const block = findBaseBlock(module);
      if (block) {
        skipped.add(block);
        bindBaseBlock(block, source, namespace, frame.importedNames, this);
      }
    }
    namespace.set('__builtins__', this.builtinsModule);
    if (lazy) {
      const hoisted = hoistedImports(module);
      for (const stmt of hoisted.statements) skipped.add(stmt);
      for (const pkg of hoisted.packages) {
        namespace.set(pkg, new PyLazyModule(pkg));
        frame.importedNames.add(pkg);
      }
    }
    const executor = new StatementExecutor(this.evaluator, new LazyImportHandler(this.stdlib, skipped));
    executor.block(module, Scope.forModule(frame));
    return { namespace, importedNames: frame.importedNames, lazy };
  }

  private treeSitter(): Parser {
    if (!this.parser) throw new ParserNeeded();
    return this.parser;
  }

  /** open(path[, 'r']): text reads inside the allowed trees only. */
  private open(path: unknown, mode: unknown, node: SyntaxNode): PyFile {
    if (typeof path !== 'string') throw pyError('TypeError', 'open() path must be a str');
    if (typeof mode !== 'string' || !/^(r|rt|tr)$/.test(mode)) {
      throw refuse('SW_PY_OPEN_REFUSED', node, `open() in mode ${String(mode)}: only text reading is evaluated`);
    }
    const abs = resolve(this.environment.cwd, path);
    if (!existsSync(abs)) throw pyError('FileNotFoundError', `No such file or directory: '${path}'`);
    return new PyFile(abs, this.environment.readText(path, node, 'open()'));
  }
}
