// What a CLI command is (name, usage, run) and the argument parser they share: one-line usage errors, `--help`
// anywhere, option values that start with "-" (`--lr -1`), and option values checked against the format's limits.
import { GraphError } from '../graph/GraphError';
import { quoteName, quoteText } from '../graph/names';

/**
 * Where the CLI writes. `out` is the result (stdout: JSON for `predict`, one line per epoch with `train --json`);
 * `err` is for people (stderr: errors, warnings, progress). `status`, when stderr is a terminal, rewrites one
 * progress line in place; without it progress is written as plain `err` lines.
 */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  status?(text: string): void;
}

/**
 * One `connex <name> ...` command. `run` gets the arguments after the name and returns the exit code
 * (0 done, 2 bad input: throw a `GraphError` and the runner prints its one line). `--help`/`-h` is handled
 * before `run` is called: it prints `usage` and the `help` paragraph.
 * @example { name: 'validate', summary: 'check a connex.graph file', usage: 'connex validate M.json', run }
 */
export interface CliCommand {
  name: string;
  /** One line for `connex --help`. */
  summary: string;
  /** The synopsis, one or more lines, starting with `connex <name>`. */
  usage: string;
  /** What the command does and its options, for `connex <name> --help`. */
  help: string;
  run(args: string[], io: CliIo): Promise<number> | number;
}

/** What a command accepts: options (`string` takes a value, `boolean` is a flag) and how many file arguments. */
export interface ArgSpec {
  options: Record<string, 'string' | 'boolean'>;
  positionals: [min: number, max: number];
  usage: string;
}

/** Parsed arguments: option values by name (flags are `'true'`), file arguments in order. */
export interface ParsedArgs {
  values: Record<string, string | undefined>;
  positionals: string[];
}

/** The usage error: code `cli/usage`, one line, ending with the command's synopsis (first line only). */
export function usageError(message: string, usage?: string): GraphError {
  const synopsis = usage?.split('\n')[0];
  return new GraphError('cli/usage', synopsis ? `${message}; usage: ${synopsis}` : message);
}

/** Does the argument list ask for help (`--help` or `-h` before any `--`)? */
export function wantsHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/**
 * Parses `args` by `spec`. `--name value` and `--name=value`; a value may start with `-` (`--lr -1`, so the
 * number is checked and refused in words) but not with `--`; `--` ends the options; `-` alone is a file
 * argument (standard input). Throws `cli/usage` in one line for an unknown option, a missing value, a value
 * given to a flag, or the wrong number of files.
 */
export function parseCommandArgs(args: readonly string[], spec: ArgSpec): ParsedArgs {
  const values: Record<string, string | undefined> = {};
  const positionals: string[] = [];
  let onlyFiles = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (onlyFiles || a === '-' || !a.startsWith('-')) {
      positionals.push(a);
      continue;
    }
    if (a === '--') {
      onlyFiles = true;
      continue;
    }
    if (!a.startsWith('--')) throw usageError(`unknown option ${quoteName(a)} (options are written --name)`, spec.usage);
    const eq = a.indexOf('=');
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    const kind = Object.hasOwn(spec.options, name) ? spec.options[name] : undefined;
    if (kind === undefined) {
      const known = Object.keys(spec.options).map((o) => `--${o}`).join(', ');
      throw usageError(`unknown option ${quoteName(`--${name}`)}${known ? ` (this command takes ${known})` : ''}`, spec.usage);
    }
    if (kind === 'boolean') {
      if (eq >= 0) throw usageError(`--${name} takes no value`, spec.usage);
      values[name] = 'true';
      continue;
    }
    if (eq >= 0) {
      values[name] = a.slice(eq + 1);
      continue;
    }
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) throw usageError(`--${name} needs a value`, spec.usage);
    values[name] = next;
    i++;
  }
  const [min, max] = spec.positionals;
  if (positionals.length < min || positionals.length > max) {
    const expected = min === max ? `${min}` : `${min} or ${max}`;
    throw usageError(`expected ${expected} file${max === 1 ? '' : 's'}, got ${positionals.length}`, spec.usage);
  }
  return { values, positionals };
}

/** The value if it is one of `allowed`, else a one-line usage error naming them. */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new GraphError('cli/usage', `${flag} must be one of ${allowed.join(', ')}, got ${quoteText(value, 40)}`);
}

/** A finite number > 0 (a learning rate). */
export function positiveNumber(flag: string, value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x <= 0) {
    throw new GraphError('cli/usage', `${flag} must be a positive number, got ${quoteText(value, 40)}`);
  }
  return x;
}

/** A number with 0 <= x < 1 (a test fraction). */
export function fraction(flag: string, value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < 0 || x >= 1) {
    throw new GraphError('cli/usage', `${flag} must be a number from 0 up to (not including) 1, got ${quoteText(value, 40)}`);
  }
  return x;
}

/**
 * A whole number from `min` to `Number.MAX_SAFE_INTEGER`: what the connex.graph format can store (seeds,
 * batch sizes and step counts past 2^53 would be written but refused on import).
 */
export function wholeNumber(flag: string, value: string, min = 0): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(x) || x < min) {
    throw new GraphError(
      'cli/usage',
      `${flag} must be a whole number from ${min} to ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')}, got ${quoteText(value, 40)}`,
    );
  }
  return x;
}

/** A comma-separated list of names (`--inputs a,b`), without empty entries. */
export function nameList(flag: string, value: string): string[] {
  const names = value.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) throw new GraphError('cli/usage', `${flag} is a comma-separated list of column names, got ${quoteText(value, 40)}`);
  return names;
}
