import { sizeOf } from './dataset-size.js';
import { outputPath } from './run-paths.js';
import { intArg, wholeChunk, withDefaults, type PartitionerPlanner } from './chunk.js';

/** `NaivePartitioner(n=1)` (docs/opencompass.md §3.3): per model, datasets without output, `n` per task, never split. */
export const naivePartitioner: PartitionerPlanner = {
  kinds: ['NaivePartitioner'],
  effectiveArgs: (args) => withDefaults({ n: 1 }, args),
  plan(combination, ctx) {
    const n = Math.max(1, intArg(ctx.setting.args, 'n', 1, ctx));
    return combination.models.flatMap((model) => {
      const todo = combination.datasets
        .filter((ds) => !ctx.exists?.(outputPath(ctx.stage, model.abbr, ds.abbr)))
        .map((ds) => wholeChunk(model, ds, sizeOf(ctx.sizes, ds.abbr)));
      const tasks = [];
      for (let i = 0; i < todo.length; i += n) tasks.push(todo.slice(i, i + n));
      return tasks;
    });
  },
};
