import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSyntheticRun } from '../../bench/synthetic-run.js';
import { runCliIn } from '../support/cli-harness.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * The hostile-input corpus: every `test/fixtures/_error_/<case>/` holds `case.json` (argv, expected exit code and
 * issue codes, files the command may legitimately write) and a `tree/` copied into a scratch folder, over a small
 * synthetic split run when `"run": true`. Each case must end in its coded issues with exit 1 or 2 — never 3, never a
 * stack trace — and leave every file of the scratch folder (the run and its surroundings) as it was.
 */
interface HostileCase {
  about: string;
  /** Build the synthetic run (1 model × 2 datasets × 2 shards, split in infer and eval) first. */
  run?: boolean;
  /** Folder under the scratch root to run in. */
  cwd?: string;
  argv: string[];
  /** 1 or 2; 0 only where every issue is a warning (NaN metrics: a re-evaluate refusal). */
  exit: 0 | 1 | 2;
  codes: string[];
  /** Text replacements in files of the built tree: [path, from, to]. */
  edits?: [string, string, string][];
  /** A named step from PREPARE, run after the tree is in place. */
  prepare?: keyof typeof PREPARE;
  /** Scratch-relative files the command may create (a legitimate merge of the untouched dataset). */
  mayWrite?: string[];
  /** Files the command must have created. */
  mustWrite?: string[];
  /** Files another process rewrites while the command runs (excluded from the before/after comparison). */
  volatile?: string[];
  /** A named process from CHURN, running while the command runs. */
  churn?: keyof typeof CHURN;
}

const corpus = fileURLToPath(new URL('../fixtures/_error_', import.meta.url));
const RUN = 'outputs/bench/20250101_000000';
const MODEL = 'model-0-7b-hf';

/** Inputs too large or too dynamic to commit, made at test time. */
const PREPARE = {
  /** A 64 MB shard result: one million `details` rows. */
  hugeResult: (root: string) => {
    const row = '{"pred": ["7"], "answer": ["7"], "correct": [true]}';
    writeFileSync(
      join(root, RUN, 'results', MODEL, 'bench_ds_a0_1.json'),
      `{"accuracy": 50.0, "details": [${Array(1_000_000).fill(row).join(', ')}]}`,
    );
  },
  /** A shard result in Latin-1, invalid as UTF-8. */
  notUtf8: (root: string) => {
    writeFileSync(
      join(root, RUN, 'results', MODEL, 'bench_ds_b1_0.json'),
      Buffer.from('{"accuracy": 62.5, "note": "caf\xe9 \xff\xfe"}', 'latin1'),
    );
  },
  /** Shard files that are symlinks to files outside the run dir (a secret with result-like content). */
  symlinkOut: (root: string) => {
    for (const stage of ['results', 'predictions']) {
      const shard = join(root, RUN, stage, MODEL, 'bench_ds_b1_1.json');
      cpSync(shard, join(root, `outside-${stage}.json`));
      rmSync(shard);
      symlinkSync(join('..', '..', '..', '..', '..', `outside-${stage}.json`), shard);
    }
  },
  /** Shard results for an abbr that climbs out of the run dir (`../../../escape`), placed where that abbr points. */
  escapingShards: (root: string) => {
    for (const i of [0, 1])
      cpSync(
        join(root, RUN, 'results', MODEL, `bench_ds_b1_${i}.json`),
        join(root, RUN, 'results', MODEL, '..', '..', '..', `escape_${i}.json`),
      );
  },
} satisfies Record<string, (root: string) => void>;

/** Processes that change the run dir while a command reads it: each flips a shard between cut-off and absent. */
const CHURN = {
  shardFlipping: (root: string): ChildProcess => {
    const shard = join(root, RUN, 'results', MODEL, 'bench_ds_b1_1.json');
    const script = `
      const fs = require('node:fs');
      const [shard] = process.argv.slice(1);
      const text = fs.readFileSync(shard, 'utf8');
      const pause = new Int32Array(new SharedArrayBuffer(4));
      for (let i = 0; ; i++) {
        if (i % 2) fs.rmSync(shard, { force: true });
        else fs.writeFileSync(shard, text.slice(0, text.length >> 1));
        Atomics.wait(pause, 0, 0, 1);
      }`;
    return spawn(process.execPath, ['-e', script, shard], { stdio: 'ignore' });
  },
} satisfies Record<string, (root: string) => ChildProcess>;

const cases = readdirSync(corpus).filter((c) => existsSync(join(corpus, c, 'case.json')));
const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill()));

function scratch(name: string, c: HostileCase): string {
  const root = tempDir(`sw-hostile-${name}-`);
  if (c.run) makeSyntheticRun(root, { models: 1, datasets: 2, shards: 2, rowsPerShard: 20 });
  if (existsSync(join(corpus, name, 'tree'))) cpSync(join(corpus, name, 'tree'), root, { recursive: true, verbatimSymlinks: true });
  for (const [file, from, to] of c.edits ?? []) {
    const path = join(root, file);
    const text = readFileSync(path, 'utf8');
    expect(text, `${file} must contain ${from}`).toContain(from);
    writeFileSync(path, text.split(from).join(to));
  }
  if (c.prepare) PREPARE[c.prepare](root);
  return root;
}

/** Every file under root: content hash, or the target of a symlink. A file a churn process deletes mid-walk is absent. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      const rel = relative(root, p);
      try {
        if (lstatSync(p).isSymbolicLink()) out.set(rel, `-> ${readlinkSync(p)}`);
        else if (e.isDirectory()) walk(p);
        else out.set(rel, createHash('sha256').update(readFileSync(p)).digest('hex'));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
  };
  walk(root);
  return out;
}

describe('hostile inputs: a coded issue, exit 1 or 2 (never 3), nothing written or lost', () => {
  it('the corpus covers configs and run dirs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)(
    '%s',
    async (name) => {
      const c = JSON.parse(readFileSync(join(corpus, name, 'case.json'), 'utf8')) as HostileCase;
      const root = scratch(name, c);
      const before = snapshot(root);
      if (c.churn) {
        children.push(CHURN[c.churn](root));
        // Start the command only once the churn has begun changing its files.
        while ((c.volatile ?? []).every((f) => snapshot(root).get(f) === before.get(f))) await new Promise((ok) => setTimeout(ok, 20));
      }
      const r = await runCliIn(join(root, c.cwd ?? '.'), [...c.argv.map((a) => a.replace('{run}', RUN)), '--json']);
      await Promise.all(
        children
          .splice(0)
          .map(
            (child) =>
              new Promise((done) =>
                child.exitCode !== null || child.signalCode !== null ? done(null) : (child.once('exit', done), child.kill()),
              ),
          ),
      );
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(r.code).toBe(c.exit);
      const codes = (JSON.parse(r.stdout) as { issues: { code: string }[] }).issues.map((i) => i.code);
      for (const code of c.codes) expect(codes, `issues of ${name}`).toContain(code);
      const after = snapshot(root);
      const allowed = new Set(c.mayWrite ?? []);
      const volatile = new Set(c.volatile ?? []);
      for (const f of c.mustWrite ?? []) expect(after.has(f), `${f} written`).toBe(true);
      const added = [...after.keys()].filter((k) => !before.has(k) && !allowed.has(k) && !volatile.has(k));
      expect(added, 'files created').toEqual([]);
      const changed = [...before].filter(([k, h]) => after.get(k) !== h && !volatile.has(k)).map(([k]) => k);
      expect(changed, 'files changed or lost').toEqual([]);
      // `while True` runs to the default 50M-step bound in-process: bounded, but slow on a loaded CI machine.
    },
    180_000,
  );
});
