// The floor a command is measured against: a bare Node process that reads every file listed in
// argv[2] (one absolute path a line) once and JSON.parses the .json ones. Plain JS so no loader
// (tsx) overhead inflates it. Prints the bytes read so the harness can check it saw the same files.
import { readFileSync } from 'node:fs';

let bytes = 0;
for (const path of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (!path) continue;
  const text = readFileSync(path, 'utf8');
  bytes += Buffer.byteLength(text);
  if (path.endsWith('.json')) JSON.parse(text);
}
process.stdout.write(`${bytes}\n`);
