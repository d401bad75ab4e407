import type { CommandModule } from '../command-kit.js';
import { checkCommand } from './check.js';
import { configCommand } from './config.js';
import { demoCommand } from './demo.js';
import { genCommand } from './gen.js';
import { mergeCommand } from './merge.js';
import { planCommand } from './plan.js';
import { recordCommand } from './record.js';
import { statusCommand } from './status.js';
import { summarizeCommand } from './summarize.js';
import { verifyCommand } from './verify.js';

/** Every command, in the order `--help` lists them (the order of the job: read, plan, check, merge, …). */
export const commands: CommandModule[] = [
  demoCommand,
  configCommand,
  planCommand,
  checkCommand,
  statusCommand,
  mergeCommand,
  summarizeCommand,
  genCommand,
  recordCommand,
  verifyCommand,
];
