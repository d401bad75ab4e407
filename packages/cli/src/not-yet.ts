import { issue, ShardwiseError } from '@shardwise/core';
import type { RunCommand } from './command-kit.js';

/** The action of a command that is planned but not built: says so plainly (exit 2), never pretends. */
export const notYet =
  (name: string): RunCommand =>
  async () => {
    throw new ShardwiseError(
      issue('SW_NOT_IMPLEMENTED', `'shardwise ${name}' is not available yet in this version`, {
        hint: 'see README.md for the commands that work today',
      }),
    );
  };
