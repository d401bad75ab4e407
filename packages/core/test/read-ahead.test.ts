import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunFile, RunTree } from '../src/index.js';
import { tempDir } from '../../../test/support/temp-dir.js';

/*
 * RunTree's read-ahead changes when a file is read, never what is read: every answer must equal the plain
 * synchronous read of the same file, whatever order the files are asked for in.
 */

const runDir = tempDir('sw-read-ahead-');

const FILES = 1600;
const rels: string[] = [];
mkdirSync(join(runDir, 'results', 'm1'), { recursive: true });
mkdirSync(join(runDir, 'predictions', 'm1'), { recursive: true });
for (let i = 0; i < FILES; i++) {
  const rel = `${i % 2 ? 'predictions' : 'results'}/m1/ds${i}.json`;
  // 1600 files of up to ~30 kB wrap the 16 MB ring more than once.
  writeFileSync(join(runDir, rel), JSON.stringify({ i, text: `ünï ${i} `.repeat((i * 7919) % 3000) }));
  rels.push(rel);
}
// A file larger than a quarter of the ring (read by the main thread), one that is not UTF-8, one linked out of the run.
writeFileSync(join(runDir, 'results', 'm1', 'big.json'), `{"x": "${'a'.repeat(5 << 20)}"}`);
writeFileSync(join(runDir, 'results', 'm1', 'latin1.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
const outside = join(tempDir('sw-outside-'), 'o.json');
writeFileSync(outside, '{}');
symlinkSync(outside, join(runDir, 'results', 'm1', 'link.json'));
const special = ['results/m1/big.json', 'results/m1/latin1.json', 'results/m1/link.json', 'results/m1/absent.json'];
rels.splice(800, 0, ...special);

const plain = (rel: string) => readRunFile(runDir, join(runDir, rel), rel);

describe('RunTree read-ahead', () => {
  it('answers every file, in order, as a synchronous read does', () => {
    const tree = new RunTree(runDir);
    tree.readAhead(rels);
    for (const rel of rels) expect(tree.read(rel)).toEqual(plain(rel));
    tree.closeReadAhead();
  });

  it('files passed over, asked for twice, out of order, or never announced', () => {
    const tree = new RunTree(runDir);
    tree.readAhead(rels);
    const asked = [
      ...rels.slice(0, 10),
      rels[3]!,
      ...rels.slice(40, 400).filter((_, k) => k % 3),
      rels[5]!,
      'results/m1/ds-none.json',
      ...rels.slice(1000, 1100),
      rels[1500]!,
      rels[1099]!,
    ];
    for (const rel of asked) expect(tree.read(rel)).toEqual(plain(rel));
    tree.closeReadAhead();
  });

  it('a list too short for a worker is read on the main thread, with the same answers', () => {
    const tree = new RunTree(runDir);
    tree.readAhead(rels.slice(0, 20));
    for (const rel of rels.slice(0, 20)) expect(tree.read(rel)).toEqual(plain(rel));
  });

  it('readBytes gives the bytes of what read gives, read ahead or not, views valid until the next read', () => {
    const asBytes = (r: ReturnType<RunTree['readBytes']>) =>
      r.bytes ? { text: r.bytes.toString('utf8') } : { ...(r.missing ? { missing: true } : {}), ...(r.issue ? { issue: r.issue } : {}) };
    for (const announced of [rels, []]) {
      const tree = new RunTree(runDir);
      tree.readAhead(announced);
      const asked = [...rels.slice(0, 900).filter((_, k) => k % 5), 'results/m1/ds-none.json', ...rels.slice(1200)];
      for (const rel of asked) expect(asBytes(tree.readBytes(rel))).toEqual(plain(rel));
      tree.closeReadAhead();
    }
  });
});
