// The command-line interface's dispatcher: finds the command, answers --help/-h and --version, and turns every
// failure into the contract: exit 2 and one bounded line `error: <code>: <sentence>` on stderr, nothing written.
import { version } from '../../package.json';
import { GraphError } from '../graph/GraphError';
import { boundMessage, quoteName } from '../graph/names';
import { usageError, wantsHelp, type CliCommand, type CliIo } from './command';
import { editCommand, predictCommand, validateCommand } from './commands';
import { EXPORT_USAGE, exportCommand } from './exportCommand';
import { trainCommand } from './trainCommand';

export type { CliCommand, CliIo } from './command';

/** `connex export`: engine/cli/exportCommand.ts as a registered command. */
const exportCliCommand: CliCommand = {
  name: 'export',
  summary: 'write the network as an ONNX file or a self-contained PyTorch module',
  usage: `connex ${EXPORT_USAGE}`,
  help: `ONNX: one float32 input "input" [N, inputs] and one output "output" [N, outputs], opset 17.
PyTorch: a Python module (torch and the standard library) that predicts, and trains with the same semantics
and writes a connex.graph document back (python3 M.py predict X.json; python3 M.py train D.json --out OUT.json).
  --out FILE                 where to write (required)
  --format onnx|pytorch      what to write (default: from FILE's .onnx or .py)`,
  run: exportCommand,
};

/**
 * Every command, in the order `connex --help` lists them. A new command is one `CliCommand` object
 * (see engine/cli/command.ts) added here.
 */
export const COMMANDS: readonly CliCommand[] = [validateCommand, predictCommand, trainCommand, editCommand, exportCliCommand];

/** The longest error line the CLI prints, in characters (the message is bounded by GraphError too). */
export const MAX_ERROR_LINE = 1_200;

/** `connex --help`: every command's synopsis. */
export function usage(commands: readonly CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `connex ${version}: train any DAG of neurons as a neural network (connex.graph files)`,
    '',
    'usage: connex <command> [options]   (connex <command> --help for its options)',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    ...commands.map((c) => c.usage),
    '',
    'Bad input exits with code 2 and one line on stderr: error: <code>: <sentence>.',
  ].join('\n');
}

/**
 * Runs one CLI command and returns its exit code: 0 on success, 2 for bad input (one line on `err`),
 * 1 for an internal failure (one line too).
 * @example await runCli(['validate', 'model.json'], { out: console.log, err: console.error })
 */
export async function runCli(argv: string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
      io.out(usage(commands));
      return 0;
    }
    if (name === '--version' || name === '-v') {
      io.out(version);
      return 0;
    }
    if (name === undefined) {
      throw usageError(`no command given; use one of ${commands.map((c) => c.name).join(', ')} (connex --help explains them)`);
    }
    const helpFor = name === 'help' ? rest[0] : undefined;
    const command = commands.find((c) => c.name === (helpFor ?? name));
    if (!command) {
      throw usageError(`unknown command ${quoteName(helpFor ?? name)}; use one of ${commands.map((c) => c.name).join(', ')}`);
    }
    if (helpFor !== undefined || wantsHelp(rest)) {
      io.out(`usage: ${command.usage}\n\n${command.help}`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof GraphError) {
      io.err(boundMessage(`error: ${e.code}: ${e.message}`, MAX_ERROR_LINE));
      return 2;
    }
    const reason = e instanceof Error ? e.message : String(e);
    io.err(boundMessage(`error: internal: ${reason}`, MAX_ERROR_LINE));
    return 1;
  }
}
