// Reading and writing the CLI's files safely: the kind and size of a file are checked before it is read, reads
// stop at a cap (a FIFO or /proc file that never ends), devices are refused, and a result is written whole or not at all.
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { MAX_CSV_CHARS, MAX_CSV_ROWS } from '../data/csv';
import { DOCUMENT_JSON_LIMITS, checkJsonContainers, importGraph, parseJsonText, type ConnexDocument, type JsonLimits } from '../graph/format';
import { GraphError, type GraphErrorCode } from '../graph/GraphError';
import { quoteName } from '../graph/names';

/** How a path is named in messages: safely quoted and bounded (a path may hold a newline or be very long). */
export function fileName(path: string): string {
  return path === '-' ? 'standard input' : quoteName(path, 120);
}

/** Limits for the data files (D.json and X.json): up to a million rows of inputs and of targets. */
export const DATA_JSON_LIMITS: Readonly<JsonLimits> = Object.freeze({
  maxChars: DOCUMENT_JSON_LIMITS.maxChars,
  maxContainers: 2 * MAX_CSV_ROWS + 16,
  why: `${MAX_CSV_ROWS.toLocaleString('en-US')} rows of inputs and of targets`,
});

/** Limits for an edit list (OPS.json): room for an operation per neuron and edge of the largest network. */
export const OPS_JSON_LIMITS: Readonly<JsonLimits> = Object.freeze({
  maxChars: DOCUMENT_JSON_LIMITS.maxChars,
  maxContainers: DOCUMENT_JSON_LIMITS.maxContainers,
  why: 'an operation per neuron and connection of the largest network',
});

const CHUNK = 1 << 20;

/**
 * The text of a file (UTF-8), read with at most `maxBytes` bytes. `-` reads standard input. Refused before any
 * byte is read: a missing file, a folder, a device (`/dev/zero`, `/dev/urandom`, a terminal), and a regular file
 * over the cap; a pipe, a socket or a file whose size the system does not know is read up to the cap and refused
 * past it.
 * Throws `cli/file`, or `tooLarge` (e.g. `format/too-large`) for a file over the cap.
 */
export function readCapped(path: string, maxBytes: number, tooLarge: GraphErrorCode = 'format/too-large'): string {
  return readCappedBytes(path, maxBytes, tooLarge).toString('utf8');
}

/** `readCapped` without decoding: the file's bytes (one buffer the size of a regular file). */
export function readCappedBytes(path: string, maxBytes: number, tooLarge: GraphErrorCode = 'format/too-large'): Buffer {
  const name = fileName(path);
  let fd: number;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
  } catch (e) {
    throw fileError(path, e);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new GraphError('cli/file', `${name} is a folder, not a file`);
    if (st.isCharacterDevice() || st.isBlockDevice()) {
      throw new GraphError(
        'cli/file',
        path === '-' ? 'standard input is a terminal or a device; pipe a file into it (connex ... - < X.json)' : `${name} is a device, not a file; give a file (or - for standard input from a pipe)`,
      );
    }
    const over = () =>
      new GraphError(tooLarge, `${name} is larger than ${maxBytes.toLocaleString('en-US')} bytes, the most Connex reads for this file`);
    if (st.isFile() && st.size > maxBytes) throw over();
    if (st.isFile() && st.size > 0) {
      // One buffer of the file's size (and one byte more, to notice a file that grows while it is read).
      const buf = Buffer.allocUnsafe(st.size + 1);
      let total = 0;
      for (;;) {
        let n: number;
        try {
          n = readSync(fd, buf, total, buf.length - total, null);
        } catch (e) {
          throw fileError(path, e);
        }
        if (n === 0) break;
        total += n;
        if (total === buf.length) break;
      }
      if (total > st.size) return Buffer.concat([buf.subarray(0, total), readRest(fd, path, maxBytes - total, over)]);
      return buf.subarray(0, total);
    }
    return readRest(fd, path, maxBytes, over);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** Reads what is left of `fd` in chunks, refusing past `maxBytes` (pipes, /proc files, a file that grew). */
function readRest(fd: number, path: string, maxBytes: number, over: () => GraphError): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, maxBytes + 1 - total)));
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue; // a non-blocking pipe with nothing yet
      throw fileError(path, e);
    }
    if (n === 0) break;
    chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    total += n;
    if (total > maxBytes) throw over();
  }
  return Buffer.concat(chunks, total);
}

function fileError(path: string, e: unknown): GraphError {
  if (e instanceof GraphError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const name = fileName(path);
  switch (code) {
    case 'ENOENT':
      return new GraphError('cli/file', `${name} does not exist`);
    case 'EISDIR':
      return new GraphError('cli/file', `${name} is a folder, not a file`);
    case 'EACCES':
    case 'EPERM':
      return new GraphError('cli/file', `cannot read ${name} (permission denied)`);
    default:
      return new GraphError('cli/file', `cannot read ${name} (${code ?? 'unknown error'})`);
  }
}

/** A JSON file (D.json, X.json, OPS.json) parsed within `limits`; a BOM is accepted; errors name the file. */
export function readJsonFile(path: string, limits: JsonLimits): unknown {
  return parseJsonText(readCheckedText(path, limits, fileName(path)), limits, fileName(path));
}

/** A JSON file's text, its objects and arrays counted on the bytes first: a refused file never becomes a string. */
function readCheckedText(path: string, limits: JsonLimits, what: string): string {
  const bytes = readCappedBytes(path, limits.maxChars);
  checkJsonContainers(bytes, limits, what);
  return bytes.toString('utf8');
}

/** A CSV file's text, within the CSV parser's own limit. */
export function readCsvFile(path: string): string {
  return readCapped(path, MAX_CSV_CHARS, 'csv/too-large');
}

/** A connex.graph document read through `importGraph`; format errors are prefixed with the file's name. */
export function readModel(path: string): ConnexDocument {
  const bytes = readCappedBytes(path, DOCUMENT_JSON_LIMITS.maxChars);
  try {
    checkJsonContainers(bytes, DOCUMENT_JSON_LIMITS, 'this file');
    return importGraph(bytes.toString('utf8'));
  } catch (e) {
    if (e instanceof GraphError && e.code.startsWith('format/')) {
      throw new GraphError(e.code, `${fileName(path)}: ${e.message}`, e.path);
    }
    throw e;
  }
}

/**
 * Writes `text` to `path` whole or not at all: into a temporary file beside it, then renamed over it.
 * A failed write leaves any earlier file at `path` as it was.
 */
export function writeWhole(path: string, text: string | Uint8Array): void {
  if (path === '-') throw new GraphError('cli/usage', '--out needs a file name (the result is a file, not standard output)');
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new GraphError('cli/file', `cannot write ${fileName(path)} (${code ?? 'unknown error'})`);
  }
}
