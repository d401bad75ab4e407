import { PyDict, PyLazy, PyTuple, type PyValue } from '@shardwise/core';
import { refuse } from '../config-refusal.js';
import { field, fieldAll, namedKids, nodeText, type SyntaxNode } from '../syntax-node.js';
import { binaryOp } from '../values/arithmetic.js';
import { dictDelete } from '../values/dict-keys.js';
import { configDictOperator, configDictUpdate } from '../values/config-dict.js';
import { ConfigDict, NO_KWARGS, PyBuiltin, PyExceptionObject, PyFile, PyFunction, PyReadBase } from '../values/runtime-objects.js';
import { forEachItem } from '../values/iteration.js';
import { truthy } from '../values/truthiness.js';
import { typeName } from '../values/type-name.js';
import { listIndex, SliceValue, sliceIndices, type Evaluator } from './evaluator.js';
import { exceptionMatches, PyException, pyError } from './py-exception.js';
import type { Scope } from './scope.js';

const enum Signal {
  Normal,
  Break,
  Continue,
  Return,
}

function handlerAlias(clause: SyntaxNode): string | undefined {
  const spec = namedKids(clause).find((c) => c.type === 'as_pattern');
  const target = spec && field(spec, 'alias');
  return target ? nodeText(namedKids(target)[0]!) : undefined;
}

/** Import statements are the module loader's business (lazy references, whitelist, hoisting). */
export interface ImportHandler {
  importStatement(node: SyntaxNode, scope: Scope): void;
  /** True when the statement is the file's read_base block, already bound before execution. */
  isBaseBlock(node: SyntaxNode): boolean;
}

/** Executes statements with Python control flow; Python exceptions propagate as PyException. */
export class StatementExecutor {
  private returnValue: PyValue = null;
  /** Exceptions being handled, for a bare `raise`. */
  private readonly handling: PyException[] = [];

  constructor(
    readonly ev: Evaluator,
    readonly imports: ImportHandler,
  ) {
    ev.runFunctionBody = (fn, scope) => this.runFunction(fn, scope);
  }

  private runFunction(fn: PyFunction, scope: Scope): PyValue {
    if (fn.isLambda) return this.ev.evaluate(fn.body, scope);
    this.returnValue = null;
    const signal = this.block(fn.body, scope);
    const value = signal === Signal.Return ? this.returnValue : null;
    this.returnValue = null;
    return value;
  }

  /** Runs the statements of a module or block. */
  block(node: SyntaxNode, scope: Scope): Signal {
    for (const stmt of node.children) {
      if (!stmt.named) continue;
      const signal = this.statement(stmt, scope);
      if (signal !== Signal.Normal) return signal;
    }
    return Signal.Normal;
  }

  private statement(node: SyntaxNode, scope: Scope): Signal {
    const limits = this.ev.limits;
    limits.tick(node);
    limits.current = node;
    try {
      return this.dispatch(node, scope);
    } catch (e) {
      if (e instanceof PyException && !e.node) e.node = node;
      throw e;
    }
  }

  private dispatch(node: SyntaxNode, scope: Scope): Signal {
    const ev = this.ev;
    switch (node.type) {
      case 'expression_statement':
        for (const child of namedKids(node)) {
          if (child.type === 'assignment') this.assignment(child, scope);
          else if (child.type === 'augmented_assignment') this.augmented(child, scope);
          else ev.evaluate(child, scope);
        }
        return Signal.Normal;
      case 'pass_statement':
        return Signal.Normal;
      case 'if_statement':
        return this.ifStatement(node, scope);
      case 'for_statement':
        return this.forStatement(node, scope);
      case 'while_statement':
        return this.whileStatement(node, scope);
      case 'break_statement':
        return Signal.Break;
      case 'continue_statement':
        return Signal.Continue;
      case 'return_statement': {
        const value = namedKids(node)[0];
        this.returnValue = value ? ev.evaluate(value, scope) : null;
        return Signal.Return;
      }
      case 'function_definition': {
        const name = nodeText(field(node, 'name')!);
        scope.vars.set(name, new PyFunction(name, ev.parameters(field(node, 'parameters'), scope), field(node, 'body')!, scope, false));
        return Signal.Normal;
      }
      case 'delete_statement':
        for (const target of namedKids(node)) this.deleteTarget(target, scope);
        return Signal.Normal;
      case 'try_statement':
        return this.tryStatement(node, scope);
      case 'raise_statement':
        throw this.raise(node, scope);
      case 'assert_statement': {
        const [test, message] = namedKids(node);
        if (!truthy(ev.evaluate(test!, scope)))
          throw message ? pyError('AssertionError', ev.evaluate(message, scope)) : pyError('AssertionError');
        return Signal.Normal;
      }
      case 'import_statement':
      case 'import_from_statement':
        this.imports.importStatement(node, scope);
        return Signal.Normal;
      case 'future_import_statement':
        return Signal.Normal;
      case 'with_statement':
        return this.withStatement(node, scope);
      case 'class_definition': {
        const bases = field(node, 'superclasses');
        for (const b of bases ? namedKids(bases) : []) {
          const base = ev.evaluate(b, scope);
          if (base instanceof PyLazy)
            throw refuse(
              'SW_PY_LAZY_CALL',
              node,
              `class ${nodeText(field(node, 'name')!)} subclasses the lazily imported ${base.dotted} (mmengine raises RuntimeError)`,
            );
        }
        throw refuse(
          'SW_PY_CLASS',
          node,
          `class ${nodeText(field(node, 'name')!)}: class statements are not evaluated`,
          'use dicts and functions; mmengine cannot dump class objects either',
        );
      }
      case 'decorated_definition':
        throw refuse('SW_PY_UNSUPPORTED', node, 'decorators are not supported');
      case 'global_statement':
      case 'nonlocal_statement':
        throw refuse('SW_PY_UNSUPPORTED', node, `${node.type.split('_')[0]} statements are not supported`);
      default:
        throw refuse('SW_PY_UNSUPPORTED', node, `unsupported statement: ${node.type.replace(/_/g, ' ')}`);
    }
  }

  private assignment(node: SyntaxNode, scope: Scope): void {
    const targets: SyntaxNode[] = [];
    let cur: SyntaxNode | undefined = node;
    while (cur?.type === 'assignment') {
      targets.push(field(cur, 'left')!);
      cur = field(cur, 'right');
    }
    if (!cur) return; // a bare annotation `x: int`
    for (const t of targets) {
      if (t.type === 'identifier' && nodeText(t) === '_base_') {
        throw refuse('SW_PY_LEGACY_BASE', t, 'legacy `_base_ = ...` inheritance is not supported', 'use `with read_base():` imports');
      }
    }
    const value = this.ev.evaluate(cur, scope);
    for (const t of targets) this.ev.assignTarget(t, value, scope);
  }

  private augmented(node: SyntaxNode, scope: Scope): void {
    const ev = this.ev;
    const target = field(node, 'left')!;
    const op = nodeText(field(node, 'operator')!).slice(0, -1);
    const current = ev.evaluate(target, scope);
    const operand = ev.evaluate(field(node, 'right')!, scope);
    // `+=` on a list extends it in place (aliases see the change); `|=` on a dict updates it (a
    // ConfigDict's `__ior__` is its recursive update). The result is then stored back, as Python does:
    // into a ConfigDict that stores a copy, into a tuple that raises.
    let inPlace = true;
    if (Array.isArray(current) && op === '+') {
      current.push(...ev.toList(operand, node));
      ev.limits.checkList(current);
    } else if (current instanceof ConfigDict && op === '|') configDictUpdate(current, [operand], NO_KWARGS);
    else if (current instanceof PyDict && op === '|' && operand instanceof PyDict) ev.mergeMapping(current, operand);
    else if (Array.isArray(current) && op === '*') {
      const repeated = binaryOp('*', current, operand, ev.limits) as PyValue[];
      current.splice(0, current.length, ...repeated);
    } else inPlace = false;
    if (inPlace) {
      if (target.type !== 'identifier') ev.assignTarget(target, current, scope);
      return;
    }
    const configDictResult =
      current instanceof ConfigDict || operand instanceof ConfigDict ? configDictOperator(op, current, operand, node) : undefined;
    ev.assignTarget(target, configDictResult !== undefined ? configDictResult : binaryOp(op, current, operand, ev.limits), scope);
  }

  private ifStatement(node: SyntaxNode, scope: Scope): Signal {
    if (truthy(this.ev.evaluate(field(node, 'condition')!, scope))) return this.block(field(node, 'consequence')!, scope);
    for (const alt of fieldAll(node, 'alternative')) {
      if (alt.type === 'else_clause') return this.block(field(alt, 'body')!, scope);
      if (truthy(this.ev.evaluate(field(alt, 'condition')!, scope))) return this.block(field(alt, 'consequence')!, scope);
    }
    return Signal.Normal;
  }

  private forStatement(node: SyntaxNode, scope: Scope): Signal {
    const ev = this.ev;
    const target = field(node, 'left')!;
    const body = field(node, 'body')!;
    let exit: Signal | undefined;
    forEachItem(ev.evaluate(field(node, 'right')!, scope), ev.limits, node, (item) => {
      ev.limits.tick(node);
      ev.assignTarget(target, item, scope);
      const signal = this.block(body, scope);
      if (signal === Signal.Break) exit = Signal.Normal;
      else if (signal === Signal.Return) exit = signal;
      return exit !== undefined;
    });
    if (exit !== undefined) return exit;
    const orelse = field(node, 'alternative');
    return orelse ? this.block(field(orelse, 'body')!, scope) : Signal.Normal;
  }

  private whileStatement(node: SyntaxNode, scope: Scope): Signal {
    const body = field(node, 'body')!;
    while (truthy(this.ev.evaluate(field(node, 'condition')!, scope))) {
      this.ev.limits.tick(node);
      const signal = this.block(body, scope);
      if (signal === Signal.Break) return Signal.Normal;
      if (signal === Signal.Return) return signal;
    }
    const orelse = field(node, 'alternative');
    return orelse ? this.block(field(orelse, 'body')!, scope) : Signal.Normal;
  }

  private tryStatement(node: SyntaxNode, scope: Scope): Signal {
    const finallyClause = node.children.find((c) => c.type === 'finally_clause');
    try {
      let signal: Signal;
      try {
        signal = this.block(field(node, 'body')!, scope);
      } catch (e) {
        if (!(e instanceof PyException)) throw e;
        const handler = this.findHandler(node, e, scope);
        if (!handler) throw e;
        this.handling.push(e);
        try {
          return this.block(
            namedKids(handler).find((c) => c.type === 'block')!,
            scope,
          );
        } finally {
          this.handling.pop();
          // Python deletes the `as` name when the handler ends.
          const alias = handlerAlias(handler);
          if (alias) scope.vars.delete(alias);
        }
      }
      const orelse = node.children.find((c) => c.type === 'else_clause');
      return signal === Signal.Normal && orelse ? this.block(field(orelse, 'body')!, scope) : signal;
    } finally {
      if (finallyClause) {
        const signal = this.block(namedKids(finallyClause)[0]!, scope);
        if (signal !== Signal.Normal) {
          // eslint-disable-next-line no-unsafe-finally -- replacing the try's outcome is the point: the config is refused
          throw refuse('SW_PY_UNSUPPORTED', finallyClause, 'break/continue/return inside finally is not supported');
        }
      }
    }
  }

  private findHandler(node: SyntaxNode, e: PyException, scope: Scope): SyntaxNode | undefined {
    for (const clause of node.children) {
      if (clause.type !== 'except_clause') continue;
      const spec = namedKids(clause).find((c) => c.type !== 'block');
      if (!spec) return clause;
      const typeNode = spec.type === 'as_pattern' ? namedKids(spec)[0]! : spec;
      const wanted = this.ev.evaluate(typeNode, scope);
      const names = (wanted instanceof PyTuple ? wanted.items : [wanted]).map((w) => {
        if (!(w instanceof PyBuiltin) || !w.typeName)
          throw pyError('TypeError', 'catching classes that do not inherit from BaseException is not allowed');
        return w.typeName;
      });
      if (!names.some((n) => exceptionMatches(e.object.type, n))) continue;
      if (spec.type === 'as_pattern') this.ev.assignTarget(namedKids(field(spec, 'alias')!)[0]!, e.object, scope);
      return clause;
    }
    return undefined;
  }

  private raise(node: SyntaxNode, scope: Scope): PyException {
    const exprNode = namedKids(node).find((c) => c.field !== 'cause');
    if (!exprNode) {
      const current = this.handling[this.handling.length - 1];
      return current ?? pyError('RuntimeError', 'No active exception to reraise');
    }
    const value = this.ev.evaluate(exprNode, scope);
    if (value instanceof PyExceptionObject) return new PyException(value);
    if (value instanceof PyBuiltin && value.typeName && exceptionMatches(value.typeName, 'BaseException'))
      return new PyException(new PyExceptionObject(value.typeName, []));
    return pyError('TypeError', 'exceptions must derive from BaseException');
  }

  private deleteTarget(target: SyntaxNode, scope: Scope): void {
    const ev = this.ev;
    switch (target.type) {
      case 'identifier': {
        const name = nodeText(target);
        if (!scope.vars.delete(name)) throw pyError('NameError', `name '${name}' is not defined`);
        return;
      }
      case 'expression_list':
      case 'tuple':
      case 'list':
      case 'pattern_list':
        for (const t of namedKids(target)) this.deleteTarget(t, scope);
        return;
      case 'parenthesized_expression':
        this.deleteTarget(namedKids(target)[0]!, scope);
        return;
      case 'subscript': {
        this.deleteItem(ev.evaluate(field(target, 'value')!, scope), target, scope);
        return;
      }
      case 'attribute': {
        const obj = ev.evaluate(field(target, 'object')!, scope);
        const name = nodeText(field(target, 'attribute')!);
        if (!(obj instanceof ConfigDict)) throw pyError('AttributeError', `'${typeName(obj)}' object has no attribute '${name}'`);
        // addict's `__delattr__` is `del self[name]`: a missing name is a KeyError.
        if (!dictDelete(obj, name)) throw pyError('KeyError', name);
        return;
      }
      default:
        throw refuse('SW_PY_UNSUPPORTED', target, `cannot delete ${target.type}`);
    }
  }

  private deleteItem(container: PyValue, target: SyntaxNode, scope: Scope): void {
    const key = this.ev.evaluateSubscriptKey(target, scope);
    if (container instanceof PyDict) {
      if (!dictDelete(container, key)) throw pyError('KeyError', key);
      return;
    }
    if (Array.isArray(container)) {
      if (key instanceof SliceValue) {
        const drop = new Set(sliceIndices(key, container.length).indices);
        const kept = container.filter((_x, i) => !drop.has(i));
        container.splice(0, container.length, ...kept);
      } else container.splice(listIndex(key, container.length), 1);
      return;
    }
    throw pyError('TypeError', `'${typeName(container)}' object does not support item deletion`);
  }

  private withStatement(node: SyntaxNode, scope: Scope): Signal {
    if (this.imports.isBaseBlock(node)) return Signal.Normal;
    const items = namedKids(namedKids(node).find((c) => c.type === 'with_clause')!);
    for (const item of items) {
      const value = field(item, 'value')!;
      const [expr, alias] = value.type === 'as_pattern' ? [namedKids(value)[0]!, field(value, 'alias')] : [value, undefined];
      const manager = this.ev.evaluate(expr, scope);
      if (manager instanceof PyReadBase)
        throw refuse(
          'SW_PY_READ_BASE',
          node,
          'only the first top-level `with read_base():` block is processed by mmengine; this one would give wrong lazy references',
        );
      if (!(manager instanceof PyFile))
        throw refuse('SW_PY_UNSUPPORTED', node, `a with statement over ${typeName(manager)}: only \`with open(...)\` is evaluated`);
      if (alias) this.ev.assignTarget(namedKids(alias)[0]!, manager, scope);
    }
    return this.block(field(node, 'body')!, scope);
  }
}
