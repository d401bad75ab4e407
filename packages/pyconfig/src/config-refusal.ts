import { issue, type Issue, type IssueCode } from '@shardwise/core';
import { lineCol, type SyntaxNode } from './syntax-node.js';

export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

/**
 * Stops the evaluation: the config cannot be read statically (or fails as it would in mmengine).
 * Python-level exceptions that configs may catch are PyException instead (interpreter/py-exception.ts).
 */
export class ConfigRefusal extends Error {
  constructor(
    readonly code: IssueCode,
    message: string,
    readonly position: SourcePosition | undefined,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ConfigRefusal';
  }

  toIssue(): Issue {
    return issue(this.code, this.message, { ...this.position, hint: this.hint });
  }
}

export function positionOf(node: SyntaxNode): SourcePosition {
  return { file: node.source.absolute, ...lineCol(node) };
}

/** A refusal at a node, naming the construct. */
export function refuse(code: IssueCode, node: SyntaxNode, message: string, hint?: string): ConfigRefusal {
  return new ConfigRefusal(code, message, positionOf(node), hint);
}
