// The floor a command is measured against: a bare Node process that reads every file listed in
// argv[2] (one absolute path a line) once and JSON.parses the .json ones. With `--bytes` it only reads
// the bytes (no decoding, no parsing): the physical floor of reading them. Plain JS so no loader
// (tsx) overhead inflates it. Prints the bytes read so the harness can check it saw the same files.
import { readFileSync } from 'node:fs';

const bytesOnly = process.argv[3] === '--bytes';
let bytes = 0;
for (const path of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (!path) continue;
  if (bytesOnly) {
    bytes += readFileSync(path).length;
    continue;
  }
  const text = readFileSync(path, 'utf8');
  bytes += Buffer.byteLength(text);
  if (path.endsWith('.json')) JSON.parse(text);
}
process.stdout.write(`${bytes}\n`);
