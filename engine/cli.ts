#!/usr/bin/env node
// Connex from a terminal: the `connex` bin (bundled to bin/connex.cjs) and `npm run --silent cli -- <command>`.
// The logic lives in cli/runCli.ts; this file only connects it to the process's streams.
import { runCli } from './cli/runCli';

// `npm run` starts scripts in the package root; file arguments are relative to where the user typed.
if (process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

let statusShown = false;
const clearStatus = () => {
  if (statusShown) process.stderr.write('\r\x1b[K');
  statusShown = false;
};

// A closed pipe (`connex predict ... | head -c 10`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => {
    clearStatus();
    process.stderr.write(line + '\n');
  },
  ...(process.stderr.isTTY
    ? {
        status: (text: string) => {
          process.stderr.write(`\r${text.slice(0, Math.max(20, (process.stderr.columns || 80) - 1))}\x1b[K`);
          statusShown = text !== '';
          if (!statusShown) process.stderr.write('\r\x1b[K');
        },
      }
    : {}),
}).then((code) => {
  clearStatus();
  process.exitCode = code;
});
