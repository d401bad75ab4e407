/** The folders OpenCompass's infer and eval tasks write to, under the run dir. */
export const OUT_DIR = { infer: 'predictions', eval: 'results' } as const;

/**
 * The one builder of run-dir output paths: `predictions/<m>/<abbr>.json` (infer) or `results/<m>/<abbr>.json`
 * (eval), run-relative with `/`. Joined as one flat string: a plan holds one per shard file (see chunk.ts `flat`).
 */
export function outputPath(stage: 'infer' | 'eval', model: string, abbr: string): string {
  return [OUT_DIR[stage], '/', model, '/', abbr, '.json'].join('');
}

/** A model's output folder of a stage, run-relative (`results/<m>`). */
export function outputFolder(stage: 'infer' | 'eval', model: string): string {
  return [OUT_DIR[stage], '/', model].join('');
}
