// Connex from a terminal: `npm run --silent cli -- <command>` (see README). The logic lives in cli/runCli.ts.
import { runCli } from './cli/runCli';

// `npm run` starts scripts in the package root; file arguments are relative to where the user typed.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
}).then((code) => {
  process.exitCode = code;
});
