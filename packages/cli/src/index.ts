export { runCli } from './run-cli.js';
export { type CliIo, processIo, useColor } from './cli-io.js';
export { EXIT } from './exit-codes.js';
