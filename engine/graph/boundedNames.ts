// Bounds for text that carries names from a file (ids, labels, file names) into a message: control and separator
// characters are escaped so a name cannot split or spoof a line, and a long text is cut with what was left out said.

/** The most characters of one name a message quotes. */
export const NAME_LIMIT = 200;
/** The most characters of a whole message shown to a person (a notice). */
export const MESSAGE_LIMIT = 300;

/** C0/C1 controls, DEL, and the line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters being escaped
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * `name` safe to quote in one line: control and separator characters written as `\uXXXX` (`\n` as `\n`), and at
 * most `limit` characters of it, the rest said as a count.
 * @example boundName('a\nb') // 'a\\nb'; boundName('x'.repeat(300)) // 'xxx…(200 x)… (100 more characters)'
 */
export function boundName(name: string, limit = NAME_LIMIT): string {
  const cut = name.length > limit ? name.slice(0, limit) : name;
  const safe = cut.replace(UNSAFE, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return name.length > limit ? `${safe}… (${(name.length - limit).toLocaleString('en-US')} more characters)` : safe;
}

/**
 * A whole message bounded for a notice: control characters escaped as in `boundName`, and cut at about `limit`
 * characters with the count of what was left out.
 */
export function boundMessage(text: string, limit = MESSAGE_LIMIT): string {
  return boundName(text, limit);
}
