#!/usr/bin/env node
// The root package scripts `shardwise` and `demo` run the CLI through this file. A package manager runs a
// script from the package root, but `pnpm shardwise check outputs/x` means outputs/x where the user
// typed it: npm and pnpm pass that folder as INIT_CWD. Only these scripts move there; the installed bin
// always resolves paths from its own working directory (a bin run by someone else's script must not).
process.chdir(process.env.INIT_CWD ?? process.cwd());
await import('../packages/cli/dist/bin.js');
