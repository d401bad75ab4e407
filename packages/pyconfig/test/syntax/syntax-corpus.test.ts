import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkConfigSyntax } from './config-syntax.js';
import { mutatedConfigs, type CorpusCase } from './broken-configs.js';
import { SHAPES } from './hand-written-shapes.js';

interface CpythonVerdict {
  ok: boolean;
  line?: number | null;
  col?: number | null;
  msg?: string;
  /** ast.parse accepts it but compile() does not: mmengine's exec of the config fails with this SyntaxError. */
  compile?: string;
}

const script = fileURLToPath(new URL('./cpython_verdicts.py', import.meta.url));
const enc = new TextEncoder();

/** One python3 process for the whole corpus. */
function cpythonVerdicts(cases: readonly CorpusCase[]): CpythonVerdict[] {
  const input = JSON.stringify(cases.map((c) => Buffer.from(c.bytes).toString('base64')));
  return JSON.parse(execFileSync('python3', [script], { input, maxBuffer: 64 << 20 }).toString()) as CpythonVerdict[];
}

const corpus: CorpusCase[] = [
  ...SHAPES.map(([name, source]) => ({ name: `shape: ${name}`, bytes: enc.encode(source) })),
  ...mutatedConfigs(10),
];

describe('syntax verdicts agree with CPython (ast.parse of the UTF-8 text, as mmengine loads a config)', () => {
  let verdicts: CpythonVerdict[];
  beforeAll(() => {
    verdicts = cpythonVerdicts(corpus);
  });

  it('has the same accept/reject verdict on every source, the same line on at least 95% of the rejected, and mostly the same message', async () => {
    const verdictMismatches: string[] = [];
    const lineMismatches: string[] = [];
    /** Accepted by ast.parse, refused by compile() (so by mmengine's exec) and by shardwise: not a disagreement. */
    const compileOnly: string[] = [];
    let rejected = 0;
    let acceptedMutants = 0;
    let sameLine = 0;
    let sameCol = 0;
    let sameMessage = 0;
    for (const [k, c] of corpus.entries()) {
      const py = verdicts[k]!;
      const ours = await checkConfigSyntax(c.bytes, 'config.py');
      if (py.ok && ours && py.compile) {
        compileOnly.push(`${c.name}: compile() ${py.compile}; shardwise ${ours.line}:${ours.col} ${ours.message.split('\n')[0]}`);
        continue;
      }
      if (py.ok !== (ours === undefined)) {
        verdictMismatches.push(
          `${c.name}: python ${py.ok ? 'accepts' : `rejects ${py.line}:${py.col} ${py.msg}`}; shardwise ${ours ? `rejects ${ours.line}:${ours.col} ${ours.message.split('\n')[0]}` : 'accepts'}`,
        );
        continue;
      }
      if (py.ok) {
        if (!c.name.startsWith('shape:')) acceptedMutants++;
        continue;
      }
      rejected++;
      if (py.line == null || py.line === ours!.line) sameLine++;
      else
        lineMismatches.push(
          `${c.name}: python ${py.line}:${py.col} ${py.msg}; shardwise ${ours!.line}:${ours!.col} ${ours!.message.split('\n')[0]}`,
        );
      if (py.line == null || (py.line === ours!.line && py.col === ours!.col)) sameCol++;
      const said = ours!.message.split('\n')[0]!.replace(/^Python syntax error: /, '');
      if (said === py.msg || (py.msg === 'not UTF-8' && said.startsWith("'utf-8' codec can't decode"))) sameMessage++;
    }
    const agree = corpus.length - verdictMismatches.length;
    console.log(
      `syntax corpus: ${corpus.length} sources (${rejected} rejected, ${acceptedMutants} accepted mutants); verdict agreement ${agree}/${corpus.length}; ` +
        `line agreement ${sameLine}/${rejected} (${((100 * sameLine) / rejected).toFixed(1)}%); line+column ${sameCol}/${rejected}; same message ${sameMessage}/${rejected}; ` +
        `${compileOnly.length} refused that only compile() rejects`,
    );
    if (lineMismatches.length) console.log(lineMismatches.join('\n'));
    if (compileOnly.length) console.log(compileOnly.join('\n'));
    expect(verdictMismatches).toEqual([]);
    expect(rejected).toBeGreaterThanOrEqual(200);
    expect(acceptedMutants).toBeGreaterThanOrEqual(20);
    expect(sameLine / rejected).toBeGreaterThanOrEqual(0.95);
    // CPython's wording for the kind of error (unclosed bracket, forgot a comma, unexpected indent, ...) on most.
    expect(sameMessage / rejected).toBeGreaterThanOrEqual(0.85);
  });
});
