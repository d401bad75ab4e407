import { existsSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { issue, ShardwiseError, type Issue, type PyDict } from '@shardwise/core';
import { ConfigRefusal, positionOf } from './config-refusal.js';
import { ConfigSession } from './config-session.js';
import { EnvironmentLayer } from './environment-layer.js';
import { PyException } from './interpreter/py-exception.js';
import { DEFAULT_LIMITS, Limits, type EvalLimits } from './limits.js';
import { ParserNeeded } from './config-session.js';
import { loadPythonParser, type Parser } from './python-parser.js';
import { DATA_CONFIG_EXTENSIONS } from './syntax-check/foreign-format.js';
import { toDict } from './to-dict.js';
import { pyStr } from './values/repr.js';

export type { EvalLimits } from './limits.js';
export { DEFAULT_LIMITS } from './limits.js';

export interface ReadConfigOptions {
  /** Folder holding the opencompass/ package (for opencompass.configs.… imports). */
  ocRoot?: string;
  /** What os.environ.get / os.getenv see; never the real environment. */
  env?: Record<string, string>;
  /** Launch CWD (os.path.abspath, relative paths); default process.cwd(). */
  cwd?: string;
  /** Trees open() and read_base may read; default: the config's folder tree + ocRoot. */
  allowedRoots?: string[];
  /** Step / recursion / string-size / file-count bounds. */
  limits?: Partial<EvalLimits>;
}

export interface ConfigReadResult {
  /** mmengine to_dict() of the top-level namespace: imported names dropped, lazy references
   *  ALREADY converted to their dotted strings ('opencompass.openicl.icl_inferencer.GenInferencer').
   *  Modules/functions left in the namespace stay as PyOpaque and come with an error issue.
   *  undefined when the config was refused or failed to evaluate. */
  namespace?: PyDict;
  /** Absolute paths of every file read: the config, its read_base closure, opened text files. */
  files: string[];
  /** Environment variable names the config asked for. */
  envRead: string[];
  issues: Issue[];
  /** Evaluation steps taken (statements, loop iterations, comprehension items, calls). */
  steps: number;
}

/**
 * Evaluates an OpenCompass config (a user config or a dumped `configs/<ts>_<pid>.py`) as mmengine's
 * `Config.fromfile(path).to_dict()` would hold it, without executing it. A config that cannot be read
 * statically comes back without a namespace and with a coded, positioned issue. Throws ShardwiseError
 * only when the file itself cannot be read.
 */
export async function readConfig(file: string, options: ReadConfigOptions = {}): Promise<ConfigReadResult> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = resolve(cwd, file);
  if (!existsSync(absolute))
    throw new ShardwiseError(issue('SW_FILE_UNREADABLE', `cannot read ${absolute}: no such file`, { file: absolute }));
  const dataFormat = DATA_CONFIG_EXTENSIONS[extname(absolute).toLowerCase()];
  if (dataFormat) return { files: [], envRead: [], steps: 0, issues: [notPythonIssue(absolute, dataFormat)] };
  // A literal module (a dumped config) reads no other file and needs no tree-sitter: its wasm is loaded only when
  // a file turns out to need it, and then the evaluation starts over.
  return evaluate(file, absolute, cwd, undefined, options) ?? evaluate(file, absolute, cwd, await loadPythonParser(), options)!;
}

/** One evaluation; undefined when it needs tree-sitter and `parser` is not loaded. */
function evaluate(
  file: string,
  absolute: string,
  cwd: string,
  parser: Parser | undefined,
  options: ReadConfigOptions,
): ConfigReadResult | undefined {
  const ocRoot = options.ocRoot === undefined ? undefined : resolve(cwd, options.ocRoot);
  const roots = options.allowedRoots?.map((r) => resolve(cwd, r)) ?? [dirname(absolute), ...(ocRoot ? [ocRoot] : [])];
  const limits = new Limits({ ...DEFAULT_LIMITS, ...options.limits });
  const environment = new EnvironmentLayer(options.env ?? {}, cwd, roots, limits);
  const session = new ConfigSession(parser, limits, environment, ocRoot);
  const done = (rest: Pick<ConfigReadResult, 'namespace' | 'issues'>): ConfigReadResult => ({
    ...rest,
    files: environment.files,
    envRead: environment.envRead,
    steps: limits.stepsTaken,
  });
  try {
    const result = session.evaluateFile(file, undefined);
    return done(toDict(result, absolute));
  } catch (e) {
    if (e instanceof ParserNeeded) return undefined;
    return done({ issues: [failureIssue(e, limits, absolute)] });
  }
}

/** Not a config shardwise can read at all (not Python, or a data file): the CLI treats it as unreadable input (exit 2). */
export function isUnreadableConfig(result: ConfigReadResult): boolean {
  return result.namespace === undefined && result.issues.some((i) => i.code === 'SW_PY_SYNTAX' || i.code === 'SW_PY_NOT_PYTHON');
}

function notPythonIssue(file: string, format: string): Issue {
  const how =
    format === 'TOML'
      ? 'mmengine cannot load it either (Config.fromfile takes .py, .json, .yaml, .yml)'
      : `mmengine's Config.fromfile would load it as ${format} data, not run it as Python`;
  return issue('SW_PY_NOT_PYTHON', `this is a ${format} file: ${how}; shardwise evaluates Python configs only`, {
    file,
    hint: "give the Python config OpenCompass ran (configs/eval_*.py), or the run dir's configs/<timestamp>_<pid>.py",
  });
}

function failureIssue(e: unknown, limits: Limits, file: string): Issue {
  if (e instanceof ConfigRefusal) return e.toIssue();
  if (e instanceof PyException) {
    const where = e.node ? positionOf(e.node) : { file };
    const text = e.object.args.length ? `${e.object.type}: ${pyStr(e.object)}` : e.object.type;
    return issue('SW_PY_EXCEPTION', `the config raises ${text} (mmengine fails the same way)`, {
      ...where,
      hint: 'fix the config at this line',
    });
  }
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    const where = limits.current ? positionOf(limits.current) : { file };
    return issue('SW_PY_LIMIT', 'evaluation bound hit: the config nests too deeply', where);
  }
  return issue('SW_INTERNAL', `internal error while evaluating the config: ${(e as Error).message ?? String(e)}`, {
    file,
    hint: 'please report this with the config',
  });
}

/** The OpenCompass root for a config inside a checkout (a parent holding opencompass/__init__.py), else undefined. */
export function discoverOcRoot(configFile: string): string | undefined {
  let dir = dirname(resolve(configFile));
  for (;;) {
    if (existsSync(join(dir, 'opencompass', '__init__.py'))) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}
export { toPyJson } from './py-json.js';
export { mmengineDump } from './mmengine-dump.js';
