import type { CommandModule } from '../command-kit.js';
import { notYet } from '../not-yet.js';

export const demoCommand: CommandModule = {
  spec: {
    name: 'demo',
    summary: 'run plan → check → merge → summarize → gen on the embedded example run (needs nothing but this repo)',
    examples: ['shardwise demo'],
  },
  options: (cmd) => cmd.option('--json', 'print every step as JSON'),
  run: notYet('demo'),
};
