import type { CodeTable } from './code-table.js';

/** Codes raised by @shardwise/pyconfig. Add codes here; never rename or reuse one. */
export const pyconfigCodes = {
  SW_PY_SYNTAX: { severity: 'error', summary: "the config is not valid Python: CPython's first syntax error, at its line and column" },
  SW_PY_NOT_PYTHON: { severity: 'error', summary: 'the config is a JSON, YAML or TOML file: shardwise evaluates Python configs only' },
  SW_PY_UNSUPPORTED: {
    severity: 'error',
    summary:
      'a Python construct outside the statically evaluated subset (while-else, yield, async, decorators, match, walrus, bytes, complex, ...)',
  },
  SW_PY_CLASS: { severity: 'error', summary: 'a class statement: refused (mmengine fails on classes built on lazy objects)' },
  SW_PY_LAZY_CALL: { severity: 'error', summary: 'a lazily imported object is called or subclassed; mmengine raises RuntimeError too' },
  SW_PY_CODE_EXEC: { severity: 'error', summary: 'eval/exec/compile/__import__ or similar would run arbitrary code' },
  SW_PY_IMPORT: { severity: 'error', summary: 'an import outside the whitelist or a form mmengine rejects (import *, import a, b)' },
  SW_PY_READ_BASE: { severity: 'error', summary: 'a read_base block or base import that mmengine would reject or mis-handle' },
  SW_PY_BASE_NOT_FOUND: { severity: 'error', summary: 'a read_base import names a file or a name that does not exist' },
  SW_PY_NO_OC_ROOT: { severity: 'error', summary: 'an absolute read_base import needs the OpenCompass root (--oc-root or shardwise.toml)' },
  SW_PY_OPEN_REFUSED: {
    severity: 'error',
    summary: 'open() outside the allowed trees, in a mode other than text reading, or of a missing file',
  },
  SW_PY_FORBIDDEN: {
    severity: 'error',
    summary: 'a name or attribute outside the whitelisted environment layer (os.system, subprocess, ...)',
  },
  SW_PY_LEGACY_BASE: { severity: 'error', summary: 'legacy `_base_ = ...` inheritance is not supported' },
  SW_PY_EXCEPTION: { severity: 'error', summary: 'the config raised a Python exception that nothing caught; mmengine fails the same way' },
  SW_PY_LIMIT: { severity: 'error', summary: 'an evaluation bound was hit (steps, recursion, string/list size, files read)' },
  SW_PY_NOT_SERIALIZABLE: {
    severity: 'error',
    summary: 'a module, function or lambda is left in the namespace; OpenCompass fails when it reloads its dumped config',
  },
} as const satisfies CodeTable;
