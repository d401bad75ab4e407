import { PyDict } from '@shardwise/core';
import type { SourceFile } from '../syntax-node.js';

/** One file being evaluated: its namespace (globals) and the names its imports bound. */
export interface ModuleFrame {
  readonly source: SourceFile;
  /** globals() of the file, in mmengine's insertion order (docs/python-configs.md §1.5). */
  readonly namespace: PyDict;
  /** Names bound by imports here and, transitively, in every base read (dropped by to_dict). */
  readonly importedNames: Set<string>;
  /** mmengine lazy-import mode (docs/python-configs.md §1.1); dumped configs and stdlib-only files are not lazy. */
  readonly lazy: boolean;
}

/** A variable scope: the module itself, a function call or a comprehension. */
export class Scope {
  constructor(
    readonly vars: PyDict,
    readonly parent: Scope | undefined,
    readonly module: ModuleFrame,
  ) {}

  static forModule(module: ModuleFrame): Scope {
    return new Scope(module.namespace, undefined, module);
  }

  child(): Scope {
    return new Scope(new PyDict(), this, this.module);
  }
}
