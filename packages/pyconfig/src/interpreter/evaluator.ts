import { PyDict, PyLazy, PyTuple, type PyValue } from '@shardwise/core';
import { ConfigRefusal, positionOf, refuse } from '../config-refusal.js';
import { PYTHON_BUILTIN_NAMES } from '../builtin-names.js';
import type { EnvironmentLayer } from '../environment-layer.js';
import { formatValue } from '../format-spec.js';
import { parseFloatLiteral, parseIntegerLiteral } from '../lexical/number-literal.js';
import { decodeStringContent, stringPrefix } from '../lexical/string-literal.js';
import type { Limits } from '../limits.js';
import { field, fieldAll, namedKids, nodeText, type SyntaxNode } from '../syntax-node.js';
import { binaryOp, unaryOp } from '../values/arithmetic.js';
import { configDictOperator, configDictSet } from '../values/config-dict.js';
import { dictHas, dictSet } from '../values/dict-keys.js';
import { pyCompare, pyEquals } from '../values/equality.js';
import { forEachItem, iterate, toList } from '../values/iteration.js';
import { pyRepr, pyStr } from '../values/repr.js';
import {
  ConfigDict,
  NO_KWARGS,
  PyBuiltin,
  PyDictView,
  PyReadBase,
  PyEnviron,
  PyFunction,
  PyIterator,
  PyRange,
  PySet,
  PyTypingForm,
  type ParamSpec,
} from '../values/runtime-objects.js';
import { truthy } from '../values/truthiness.js';
import { typeName } from '../values/type-name.js';
import type { Method } from '../methods/str-methods.js';
import { getAttribute, methodOf, setConfigDictAttribute } from './attributes.js';
import { pyError } from './py-exception.js';
import type { Runtime } from './runtime.js';
import { Scope } from './scope.js';
import { getItem } from './subscript.js';

/** Names resolved after the scopes: the builtins table (set by the session) plus `__name__`. */
export type BuiltinTable = ReadonlyMap<string, PyValue>;

/** Expression evaluation with Python semantics over the plain syntax tree. */
export class Evaluator implements Runtime {
  /** Set by the statement executor: runs a function body. */
  runFunctionBody!: (fn: PyFunction, scope: Scope) => PyValue;
  /** The scope of the call being made, for the builtins that see it (locals, globals, eval). */
  callerScope: Scope | undefined;

  constructor(
    readonly limits: Limits,
    readonly environment: EnvironmentLayer,
    readonly builtins: BuiltinTable,
  ) {}

  iterate(v: PyValue, node: SyntaxNode): Iterable<PyValue> {
    return iterate(v, this.limits, node);
  }

  toList(v: PyValue, node: SyntaxNode): PyValue[] {
    return toList(v, this.limits, node);
  }

  evaluate(node: SyntaxNode, scope: Scope): PyValue {
    switch (node.type) {
      case 'identifier':
        return this.lookup(nodeText(node), scope, node);
      case 'integer':
      case 'float': {
        if (node.cachedLiteral !== undefined) return node.cachedLiteral;
        const lit = node.type === 'integer' ? parseIntegerLiteral(nodeText(node)) : parseFloatLiteral(nodeText(node));
        if (lit.kind === 'imaginary') throw refuse('SW_PY_UNSUPPORTED', node, 'complex (imaginary) numbers are not supported');
        return (node.cachedLiteral = lit.value);
      }
      case 'true':
        return true;
      case 'false':
        return false;
      case 'none':
        return null;
      case 'string':
        return this.stringLiteral(node, scope);
      case 'concatenated_string': {
        let out = '';
        for (const part of node.children) out += this.stringLiteral(part, scope);
        return this.limits.checkString(out);
      }
      case 'parenthesized_expression':
        return this.evaluate(namedKids(node)[0]!, scope);
      case 'list':
        return this.limits.checkList(this.sequenceItems(node, scope));
      case 'tuple':
      case 'expression_list':
        return new PyTuple(this.limits.checkList(this.sequenceItems(node, scope)));
      case 'set': {
        const set = new PySet();
        for (const item of this.sequenceItems(node, scope)) dictSet(set.items, item, null);
        return set;
      }
      case 'dictionary':
        return this.dictionary(node, scope);
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
        return this.eagerComprehension(node, scope);
      case 'generator_expression':
        return new PyIterator(this.comprehension(node, scope), 'generator');
      case 'binary_operator': {
        const op = nodeText(field(node, 'operator')!);
        const left = this.evaluate(field(node, 'left')!, scope);
        const right = this.evaluate(field(node, 'right')!, scope);
        if (left instanceof ConfigDict || right instanceof ConfigDict) {
          const v = configDictOperator(op, left, right, node);
          if (v !== undefined) return v;
        }
        return binaryOp(op, left, right, this.limits);
      }
      case 'unary_operator':
        return unaryOp(nodeText(field(node, 'operator')!), this.evaluate(field(node, 'argument')!, scope));
      case 'not_operator':
        return !truthy(this.evaluate(field(node, 'argument')!, scope));
      case 'boolean_operator': {
        const left = this.evaluate(field(node, 'left')!, scope);
        const isAnd = nodeText(field(node, 'operator')!) === 'and';
        return truthy(left) === isAnd ? this.evaluate(field(node, 'right')!, scope) : left;
      }
      case 'comparison_operator':
        return this.comparison(node, scope);
      case 'conditional_expression': {
        const [then, cond, otherwise] = namedKids(node);
        return truthy(this.evaluate(cond!, scope)) ? this.evaluate(then!, scope) : this.evaluate(otherwise!, scope);
      }
      case 'attribute':
        return getAttribute(this, this.evaluate(field(node, 'object')!, scope), nodeText(field(node, 'attribute')!), node);
      case 'subscript':
        return getItem(this, this.evaluate(field(node, 'value')!, scope), this.evaluateSubscriptKey(node, scope), node);
      case 'call':
        return this.callExpression(node, scope);
      case 'lambda':
        return new PyFunction('<lambda>', this.parameters(field(node, 'parameters'), scope), field(node, 'body')!, scope, true);
      case 'keyword_argument':
      case 'list_splat':
      case 'dictionary_splat':
        throw refuse('SW_PY_SYNTAX', node, `${node.type.replace('_', ' ')} is not allowed here`);
      case 'ellipsis':
        throw refuse('SW_PY_UNSUPPORTED', node, 'the Ellipsis literal (...) is not supported');
      case 'named_expression':
        throw refuse('SW_PY_UNSUPPORTED', node, 'the walrus operator (:=) is not supported');
      case 'await':
      case 'yield':
        throw refuse('SW_PY_UNSUPPORTED', node, `${node.type} is not supported in configs`);
      default:
        throw refuse('SW_PY_UNSUPPORTED', node, `unsupported expression: ${node.type}`);
    }
  }

  lookup(name: string, scope: Scope, node?: SyntaxNode): PyValue {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined || s.vars.has(name)) return v!;
    }
    const builtin = this.builtins.get(name);
    if (builtin !== undefined) return builtin;
    // `__name__` is not in the namespace and falls through to the builtins module (docs/python-configs.md §1.5).
    if (name === '__name__') return 'builtins';
    if (PYTHON_BUILTIN_NAMES.has(name)) {
      const at = node ?? this.limits.current;
      const position = at ? positionOf(at) : undefined;
      throw new ConfigRefusal(
        'SW_PY_UNSUPPORTED',
        `the builtin ${name} is outside the subset shardwise evaluates (Python and mmengine have it)`,
        position,
        'rewrite this line without it, or report the config so shardwise can support it',
      );
    }
    throw pyError('NameError', `name '${name}' is not defined`);
  }

  /** A string without `{fields}` is decoded once per parse; in an f-string only the literal parts are. */
  private stringLiteral(node: SyntaxNode, scope: Scope): string {
    if (typeof node.cachedLiteral === 'string') return node.cachedLiteral;
    const start = node.children[0];
    if (!start || start.type !== 'string_start') throw refuse('SW_PY_UNSUPPORTED', node, `unsupported string form: ${node.type}`);
    const prefix = stringPrefix(nodeText(start));
    if (prefix.bytes) throw refuse('SW_PY_UNSUPPORTED', node, 'bytes literals are not supported');
    let out = '';
    let constant = true;
    for (const part of node.children) {
      if (part.type === 'string_content') {
        if (typeof part.cachedLiteral !== 'string') {
          const text = decodeStringContent(nodeText(part), prefix);
          if (text === undefined) throw refuse('SW_PY_UNSUPPORTED', part, 'named Unicode escapes (\\N{...}) are not supported');
          part.cachedLiteral = text;
        }
        out += part.cachedLiteral;
      } else if (part.type === 'interpolation') {
        constant = false;
        out += this.interpolation(part, scope);
      }
    }
    this.limits.checkString(out);
    if (constant) node.cachedLiteral = out;
    return out;
  }

  /** One `{expr!conv:spec}` field of an f-string; the spec may itself contain fields. */
  private interpolation(node: SyntaxNode, scope: Scope): string {
    const exprNode = field(node, 'expression')!;
    if (exprNode.end < node.end && node.source.text.slice(exprNode.end, node.end).trimStart().startsWith('=')) {
      throw refuse('SW_PY_UNSUPPORTED', node, "the f-string '=' debugging form is not supported");
    }
    let value = this.evaluate(exprNode, scope);
    const conversion = field(node, 'type_conversion');
    if (conversion) {
      const c = nodeText(conversion);
      value = c === '!r' || c === '!a' ? pyRepr(value) : pyStr(value);
    }
    const specNode = field(node, 'format_specifier');
    return formatValue(value, specNode ? this.formatSpec(specNode, scope) : '');
  }

  private formatSpec(spec: SyntaxNode, scope: Scope): string {
    // The spec is the text after ':', with nested `{expr}` fields replaced by their str().
    let out = '';
    let pos = spec.start + 1;
    for (const child of spec.children) {
      if (child.type !== 'format_expression') continue;
      out += spec.source.text.slice(pos, child.start);
      out += pyStr(this.evaluate(field(child, 'expression')!, scope));
      pos = child.end;
    }
    return out + spec.source.text.slice(pos, spec.end);
  }

  /** Items of a list/tuple/set display, expanding `*x`. */
  private sequenceItems(node: SyntaxNode, scope: Scope): PyValue[] {
    const out: PyValue[] = [];
    for (const child of node.children) {
      if (!child.named) continue;
      if (child.type === 'list_splat') for (const x of this.iterate(this.evaluate(namedKids(child)[0]!, scope), child)) out.push(x);
      else out.push(this.evaluate(child, scope));
    }
    return out;
  }

  private dictionary(node: SyntaxNode, scope: Scope): PyDict {
    const d = new PyDict();
    for (const child of node.children) {
      if (child.type === 'pair') dictSet(d, this.evaluate(field(child, 'key')!, scope), this.evaluate(field(child, 'value')!, scope));
      else if (child.type === 'dictionary_splat') this.mergeMapping(d, this.evaluate(namedKids(child)[0]!, scope));
    }
    return d;
  }

  mergeMapping(target: PyDict, source: PyValue): void {
    if (!(source instanceof PyDict)) throw pyError('TypeError', `'${typeName(source)}' object is not a mapping`);
    for (const [k, v] of source) dictSet(target, k, v);
  }

  /** Closures live here, not in `evaluate`: one there would make every evaluate call allocate a context. */
  private eagerComprehension(node: SyntaxNode, scope: Scope): PyValue {
    const body = field(node, 'body')!;
    if (node.type === 'list_comprehension') {
      const out: PyValue[] = [];
      this.eachComprehensionItem(node, scope, (inner) => {
        out.push(this.evaluate(body, inner));
        if (out.length > this.limits.bounds.maxListLength) this.limits.checkList(out);
      });
      return out;
    }
    if (node.type === 'set_comprehension') {
      const set = new PySet();
      this.eachComprehensionItem(node, scope, (inner) => dictSet(set.items, this.evaluate(body, inner), null));
      return set;
    }
    const d = new PyDict();
    const keyNode = field(body, 'key')!;
    const valueNode = field(body, 'value')!;
    this.eachComprehensionItem(node, scope, (inner) => dictSet(d, this.evaluate(keyNode, inner), this.evaluate(valueNode, inner)));
    return d;
  }

  /**
   * A list, set or dict comprehension, eagerly: `each` evaluates the body in the comprehension's scope
   * once per item. Same scoping, evaluation order and bounds as `comprehension`, without a generator
   * object per item and level (the evaluator's hottest path in a hostile config).
   */
  private eachComprehensionItem(node: SyntaxNode, scope: Scope, each: (inner: Scope) => void): void {
    const clauses = node.children.filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
    const body = field(node, 'body')!;
    const first = clauses[0]!;
    const firstIterable = this.evaluate(field(first, 'right')!, scope);
    const inner = scope.child();
    const limits = this.limits;
    const run = (i: number, iterable: PyValue | undefined): void => {
      if (i === clauses.length) {
        limits.tick(body);
        each(inner);
        return;
      }
      const clause = clauses[i]!;
      if (clause.type === 'if_clause') {
        if (truthy(this.evaluate(namedKids(clause)[0]!, inner))) run(i + 1, undefined);
        return;
      }
      const source = iterable !== undefined ? iterable : this.evaluate(field(clause, 'right')!, inner);
      const target = field(clause, 'left')!;
      forEachItem(source, limits, clause, (item) => {
        this.assignTarget(target, item, inner);
        run(i + 1, undefined);
      });
    };
    run(0, firstIterable);
  }

  /**
   * Comprehensions run in their own scope; only the first iterable is evaluated in the enclosing scope,
   * eagerly (Python semantics that `[v for k, v in locals().items()]` relies on). Items are produced lazily
   * so that generator expressions stay lazy.
   */
  comprehension(node: SyntaxNode, scope: Scope): Generator<PyValue> {
    const clauses = node.children.filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
    const body = field(node, 'body')!;
    const first = clauses[0]!;
    const firstIterable = this.iterate(this.evaluate(field(first, 'right')!, scope), first);
    const inner = scope.child();
    const self = this;
    function* walk(i: number, iterable: Iterable<PyValue> | undefined): Generator<PyValue> {
      if (i === clauses.length) {
        self.limits.tick(body);
        yield body.type === 'pair'
          ? new PyTuple([self.evaluate(field(body, 'key')!, inner), self.evaluate(field(body, 'value')!, inner)])
          : self.evaluate(body, inner);
        return;
      }
      const clause = clauses[i]!;
      if (clause.type === 'if_clause') {
        if (truthy(self.evaluate(namedKids(clause)[0]!, inner))) yield* walk(i + 1, undefined);
        return;
      }
      const source = iterable ?? self.iterate(self.evaluate(field(clause, 'right')!, inner), clause);
      const target = field(clause, 'left')!;
      for (const item of source) {
        self.assignTarget(target, item, inner);
        yield* walk(i + 1, undefined);
      }
    }
    return walk(0, firstIterable);
  }

  private comparison(node: SyntaxNode, scope: Scope): PyValue {
    const operands = node.children.filter((c) => c.field !== 'operators');
    const operators = fieldAll(node, 'operators');
    let left = this.evaluate(operands[0]!, scope);
    for (let i = 0; i < operators.length; i++) {
      const right = this.evaluate(operands[i + 1]!, scope);
      if (!this.compare(operators[i]!.type, left, right)) return false;
      left = right;
    }
    return true;
  }

  compare(op: string, a: PyValue, b: PyValue): boolean {
    switch (op) {
      case '==':
        return pyEquals(a, b);
      case '!=':
      case '<>':
        return !pyEquals(a, b);
      case '<':
        return pyCompare(a, b, op) < 0;
      case '<=':
        return pyCompare(a, b, op) <= 0;
      case '>':
        return pyCompare(a, b, op) > 0;
      case '>=':
        return pyCompare(a, b, op) >= 0;
      case 'in':
        return this.contains(b, a);
      case 'not in':
        return !this.contains(b, a);
      case 'is':
        return a === b;
      case 'is not':
        return a !== b;
    }
    throw pyError('TypeError', `unknown comparison ${op}`);
  }

  contains(container: PyValue, item: PyValue): boolean {
    if (typeof container === 'string') {
      if (typeof item !== 'string') throw pyError('TypeError', `'in <string>' requires string as left operand, not ${typeName(item)}`);
      return container.includes(item);
    }
    if (container instanceof PyDict) return dictHas(container, item);
    if (container instanceof PySet) return dictHas(container.items, item);
    if (container instanceof PyDictView && container.view === 'keys') return dictHas(container.dict, item);
    if (container instanceof PyEnviron) return typeof item === 'string' && this.environment.getEnv(item) !== undefined;
    if (container instanceof PyRange && (typeof item === 'bigint' || typeof item === 'boolean')) {
      const n = typeof item === 'boolean' ? BigInt(item) : item;
      const { start, stop, step } = container;
      return (step > 0n ? n >= start && n < stop : n <= start && n > stop) && (n - start) % step === 0n;
    }
    for (const x of this.iterate(container, this.limits.current!)) if (pyEquals(x, item)) return true;
    return false;
  }

  /** The index of `x[...]`: one expression, a slice, or several (a tuple). */
  evaluateSubscriptKey(node: SyntaxNode, scope: Scope): PyValue {
    const only = soleSubscript(node);
    if (only) return this.evaluate(only, scope);
    const parts = fieldAll(node, 'subscript');
    const values = parts.map((p) => (p.type === 'slice' ? this.slice(p, scope) : this.evaluate(p, scope)));
    return values.length === 1 ? values[0]! : new PyTuple(values);
  }

  private slice(node: SyntaxNode, scope: Scope): PyValue {
    const parts: (PyValue | undefined)[] = [undefined, undefined, undefined];
    let slot = 0;
    for (const c of node.children) {
      if (c.type === ':') slot++;
      else if (c.named) parts[slot] = this.evaluate(c, scope);
    }
    return new SliceValue(parts[0] ?? null, parts[1] ?? null, parts[2] ?? null);
  }

  private callExpression(node: SyntaxNode, scope: Scope): PyValue {
    const fnNode = field(node, 'function')!;
    // `value.method(...)` calls the method table directly, without a bound-method object per call.
    let fn: PyValue = null;
    let self: PyValue = null;
    let method: Method<PyValue> | undefined;
    if (fnNode.type === 'attribute') {
      self = this.evaluate(field(fnNode, 'object')!, scope);
      const name = nodeText(field(fnNode, 'attribute')!);
      method = methodOf(self, name);
      if (!method) fn = getAttribute(this, self, name, fnNode);
    } else fn = this.evaluate(fnNode, scope);
    if (fn instanceof PyLazy) {
      throw refuse(
        'SW_PY_LAZY_CALL',
        node,
        `calling the lazily imported ${fn.dotted} (mmengine raises RuntimeError: lazy objects cannot be called in a config)`,
        'pass the class itself (type=Name) and its arguments as dict keys',
      );
    }
    const argsNode = field(node, 'arguments')!;
    const args: PyValue[] = [];
    let kwargs: Map<string, PyValue> | undefined;
    if (argsNode.type === 'generator_expression') args.push(this.evaluate(argsNode, scope));
    else {
      for (const a of argsNode.children) {
        if (!a.named) continue;
        if (a.type === 'keyword_argument') {
          const name = nodeText(field(a, 'name')!);
          if (kwargs?.has(name)) throw refuse('SW_PY_SYNTAX', a, `keyword argument repeated: ${name}`);
          (kwargs ??= new Map()).set(name, this.evaluate(field(a, 'value')!, scope));
        } else if (a.type === 'list_splat') for (const x of this.iterate(this.evaluate(namedKids(a)[0]!, scope), a)) args.push(x);
        else if (a.type === 'dictionary_splat') {
          const mapping = this.evaluate(namedKids(a)[0]!, scope);
          if (!(mapping instanceof PyDict)) throw pyError('TypeError', `argument after ** must be a mapping, not ${typeName(mapping)}`);
          for (const [k, v] of mapping) {
            if (typeof k !== 'string') throw pyError('TypeError', 'keywords must be strings');
            if (kwargs?.has(k)) throw pyError('TypeError', `got multiple values for keyword argument '${k}'`);
            (kwargs ??= new Map()).set(k, v);
          }
        } else args.push(this.evaluate(a, scope));
      }
    }
    this.callerScope = scope;
    if (method) {
      this.limits.tick(node);
      return method(this, self, { args, kwargs: kwargs ?? NO_KWARGS }, node);
    }
    return this.call(fn, args, kwargs ?? NO_KWARGS, node);
  }

  call(fn: PyValue, args: PyValue[], kwargs: ReadonlyMap<string, PyValue>, node: SyntaxNode): PyValue {
    this.limits.tick(node);
    if (fn instanceof PyBuiltin) return fn.impl({ args, kwargs }, node);
    if (fn instanceof PyFunction) {
      const scope = fn.closure.child();
      bindArguments(fn, args, kwargs, scope);
      this.limits.enterCall(node);
      try {
        return this.runFunctionBody(fn, scope);
      } finally {
        this.limits.exitCall();
      }
    }
    if (fn instanceof PyLazy) {
      throw refuse('SW_PY_LAZY_CALL', node, `calling the lazily imported ${fn.dotted} (mmengine raises RuntimeError)`);
    }
    if (fn instanceof PyTypingForm)
      throw refuse('SW_PY_UNSUPPORTED', node, `calling ${fn.label} is not evaluated`, 'use typing names only in annotations');
    // `read_base()` yields the marker the with statement recognises.
    if (fn instanceof PyReadBase) return fn;
    throw pyError('TypeError', `'${typeName(fn)}' object is not callable`);
  }

  /** Parameters of a def/lambda; defaults are evaluated now, at definition time. */
  parameters(node: SyntaxNode | undefined, scope: Scope): ParamSpec[] {
    const params: ParamSpec[] = [];
    let keywordOnly = false;
    for (const p of node ? node.children : []) {
      if (!p.named) continue;
      switch (p.type) {
        case 'identifier':
          params.push({ name: nodeText(p), kind: keywordOnly ? 'keyword-only' : 'positional', hasDefault: false });
          break;
        case 'default_parameter':
        case 'typed_default_parameter':
          params.push({
            name: nodeText(field(p, 'name')!),
            kind: keywordOnly ? 'keyword-only' : 'positional',
            hasDefault: true,
            defaultValue: this.evaluate(field(p, 'value')!, scope),
          });
          break;
        case 'typed_parameter':
          params.push(...this.parameters({ ...p, children: p.children.filter((c) => c.field !== 'type') }, scope));
          break;
        case 'list_splat_pattern':
          params.push({ name: nodeText(namedKids(p)[0]!), kind: 'varargs', hasDefault: false });
          keywordOnly = true;
          break;
        case 'keyword_separator':
          keywordOnly = true;
          break;
        case 'dictionary_splat_pattern':
          params.push({ name: nodeText(namedKids(p)[0]!), kind: 'varkw', hasDefault: false });
          break;
        case 'positional_separator':
          break;
        default:
          throw refuse('SW_PY_UNSUPPORTED', p, `unsupported parameter form: ${p.type}`);
      }
    }
    return params;
  }

  /** Binds a value to an assignment target: a name, `a, b` / `[a, *b]` unpacking, `x[k]`, `x.attr`. */
  assignTarget(target: SyntaxNode, value: PyValue, scope: Scope): void {
    switch (target.type) {
      case 'identifier':
        scope.vars.set(nodeText(target), value);
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list':
        this.unpack(namedKids(target), value, scope, target);
        return;
      case 'parenthesized_expression':
        this.assignTarget(namedKids(target)[0]!, value, scope);
        return;
      case 'subscript': {
        const container = this.evaluate(field(target, 'value')!, scope);
        setItem(this, container, this.evaluateSubscriptKey(target, scope), value, target);
        return;
      }
      case 'attribute': {
        const obj = this.evaluate(field(target, 'object')!, scope);
        const name = nodeText(field(target, 'attribute')!);
        if (obj instanceof ConfigDict) setConfigDictAttribute(obj, name, value, target);
        else throw pyError('AttributeError', `'${typeName(obj)}' object has no attribute '${name}'`);
        return;
      }
      default:
        throw refuse('SW_PY_UNSUPPORTED', target, `cannot assign to ${target.type}`);
    }
  }

  private unpack(targets: SyntaxNode[], value: PyValue, scope: Scope, node: SyntaxNode): void {
    const items = this.toList(value, node);
    const star = targets.findIndex((t) => t.type === 'list_splat_pattern' || t.type === 'list_splat');
    if (star < 0) {
      if (items.length !== targets.length) {
        throw pyError(
          'ValueError',
          items.length > targets.length
            ? `too many values to unpack (expected ${targets.length})`
            : `not enough values to unpack (expected ${targets.length}, got ${items.length})`,
        );
      }
      targets.forEach((t, i) => this.assignTarget(t, items[i]!, scope));
      return;
    }
    const after = targets.length - star - 1;
    if (items.length < targets.length - 1)
      throw pyError('ValueError', `not enough values to unpack (expected at least ${targets.length - 1}, got ${items.length})`);
    targets.slice(0, star).forEach((t, i) => this.assignTarget(t, items[i]!, scope));
    this.assignTarget(namedKids(targets[star]!)[0]!, items.slice(star, items.length - after), scope);
    targets.slice(star + 1).forEach((t, i) => this.assignTarget(t, items[items.length - after + i]!, scope));
  }
}

/** The index of `x[i]` when it is one plain expression (the common case): no array of parts needed. */
function soleSubscript(node: SyntaxNode): SyntaxNode | undefined {
  let only: SyntaxNode | undefined;
  for (const c of node.children) {
    if (c.field !== 'subscript') continue;
    if (only || c.type === 'slice') return undefined;
    only = c;
  }
  return only;
}

/** A slice object `a:b:c` (only ever used as an index). */
export class SliceValue extends PyTuple {
  constructor(
    readonly start: PyValue,
    readonly stop: PyValue,
    readonly step: PyValue,
  ) {
    super([start, stop, step]);
  }
}

function bindArguments(fn: PyFunction, args: PyValue[], kwargs: ReadonlyMap<string, PyValue>, scope: Scope): void {
  const vars = scope.vars;
  let next = 0;
  const extraKw = new PyDict();
  let unexpected: string | undefined;
  const positional = fn.params.filter((p) => p.kind === 'positional');
  for (const p of positional) if (next < args.length) vars.set(p.name, args[next++]!);
  const varargs = fn.params.find((p) => p.kind === 'varargs');
  if (varargs) vars.set(varargs.name, new PyTuple(args.slice(next)));
  else if (next < args.length)
    throw pyError('TypeError', `${fn.name}() takes ${positional.length} positional arguments but ${args.length} were given`);
  for (const [k, v] of kwargs) {
    const p = fn.params.find((q) => q.name === k && (q.kind === 'positional' || q.kind === 'keyword-only'));
    if (p) {
      if (vars.has(k)) throw pyError('TypeError', `${fn.name}() got multiple values for argument '${k}'`);
      vars.set(k, v);
    } else {
      extraKw.set(k, v);
      unexpected ??= k;
    }
  }
  const varkw = fn.params.find((p) => p.kind === 'varkw');
  if (varkw) vars.set(varkw.name, extraKw);
  else if (unexpected !== undefined) throw pyError('TypeError', `${fn.name}() got an unexpected keyword argument '${unexpected}'`);
  for (const p of fn.params) {
    if ((p.kind === 'positional' || p.kind === 'keyword-only') && !vars.has(p.name)) {
      if (!p.hasDefault) throw pyError('TypeError', `${fn.name}() missing required argument: '${p.name}'`);
      vars.set(p.name, p.defaultValue!);
    }
  }
}

export function setItem(rt: Runtime, container: PyValue, key: PyValue, value: PyValue, node: SyntaxNode): void {
  if (container instanceof ConfigDict) {
    configDictSet(container, key, value);
    return;
  }
  if (container instanceof PyDict) {
    dictSet(container, key, value);
    return;
  }
  if (Array.isArray(container)) {
    if (key instanceof SliceValue) {
      const items = rt.toList(value, node);
      const { start, stop, step, indices } = sliceIndices(key, container.length);
      if (step === 1) container.splice(start, Math.max(0, stop - start), ...items);
      else {
        if (items.length !== indices.length)
          throw pyError('ValueError', `attempt to assign sequence of size ${items.length} to extended slice of size ${indices.length}`);
        indices.forEach((i, j) => (container[i] = items[j]!));
      }
      rt.limits.checkList(container);
      return;
    }
    container[listIndex(key, container.length)] = value;
    return;
  }
  if (container instanceof PyLazy) throw refuse('SW_PY_LAZY_CALL', node, `item assignment on the lazily imported ${container.dotted}`);
  throw pyError('TypeError', `'${typeName(container)}' object does not support item assignment`);
}

/** Index of `seq[i]` after negative wrap-around; IndexError outside. */
export function listIndex(key: PyValue, length: number): number {
  if (typeof key === 'boolean') key = key ? 1n : 0n;
  if (typeof key !== 'bigint') throw pyError('TypeError', `list indices must be integers or slices, not ${typeName(key)}`);
  const i = key < 0n ? key + BigInt(length) : key;
  if (i < 0n || i >= BigInt(length)) throw pyError('IndexError', 'list index out of range');
  return Number(i);
}

/** Python's slice.indices(length) and the resulting positions. */
export function sliceIndices(s: SliceValue, length: number): { start: number; stop: number; step: number; indices: number[] } {
  const int = (v: PyValue, what: string): number | undefined => {
    if (v === null) return undefined;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v !== 'bigint') throw pyError('TypeError', `slice ${what} must be an integer or None`);
    return Number(v < -(2n ** 53n) ? -(2n ** 53n) : v > 2n ** 53n ? 2n ** 53n : v);
  };
  const step = int(s.step, 'step') ?? 1;
  if (step === 0) throw pyError('ValueError', 'slice step cannot be zero');
  const clamp = (v: number | undefined, dflt: number): number => {
    if (v === undefined) return dflt;
    if (v < 0) v += length;
    if (step > 0) return Math.min(Math.max(v, 0), length);
    return Math.min(Math.max(v, -1), length - 1);
  };
  const start = clamp(int(s.start, 'start'), step > 0 ? 0 : length - 1);
  const stop = clamp(int(s.stop, 'stop'), step > 0 ? length : -1);
  const indices: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) indices.push(i);
  return { start, stop, step, indices };
}
