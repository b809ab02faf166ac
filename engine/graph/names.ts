// Names and lists as they appear in messages: quoted safely (no character can split or restyle a terminal line or
// a notice) and bounded (a 1 MB id or a cycle through 100,000 neurons still gives a short sentence). No tfjs, no DOM.

/** The most characters of one name shown in a message; longer names are cut with a count of what was left out. */
export const MAX_NAME_CHARS = 60;

/** The most characters of names a list (a path, a cycle) shows before it abbreviates the middle. */
export const MAX_LIST_CHARS = 200;

/** The longest message a `GraphError` carries, in characters (see `boundMessage`). */
export const MAX_MESSAGE_CHARS = 1_000;

/** The most characters of a message the page shows in a notice (a file's or a link's problem). */
export const MAX_NOTICE_CHARS = 300;

/**
 * Characters that must never reach a terminal or a notice as they are: C0 and C1 controls (newline, CR, ESC...),
 * DEL, the line and paragraph separators U+2028/U+2029, bidirectional overrides and isolates (which reorder what
 * is shown), zero-width characters and the byte order mark, and lone surrogates.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A name shown bare: short, and only letters, digits and a few punctuation marks. */
const PLAIN = /^[\p{L}\p{N}_.:+#@/-]+$/u;

function escapeChar(c: string): string {
  switch (c) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

/**
 * Replaces every unsafe character (see above) with a visible escape such as `\n` or `\u001b`, so the text stays
 * on one line and shows what it holds. Everything else is kept.
 * @example escapeUnsafe('a\nb\u001b[31m') // 'a\\nb\\u001b[31m'
 */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * A string cut to at most `max` characters (never inside a surrogate pair), with `... (N more characters)`
 * appended when something was left out.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}... (${(text.length - end).toLocaleString('en-US')} more characters)`;
}

/**
 * A name (an id, a label, a column, a file name) as a message shows it: bare when it is short and plain
 * (`4`, `h1`, `x_2`), otherwise in double quotes with `"` and `\` escaped, every unsafe character escaped, and
 * cut after `max` characters.
 * @example quoteName('4') // '4'
 * @example quoteName('a"b\n') // '"a\\"b\\n"'
 * @example quoteName('x'.repeat(1e6)).length // about 90
 */
export function quoteName(name: string, max: number = MAX_NAME_CHARS): string {
  if (name.length <= max && name !== '' && PLAIN.test(name)) return name;
  return quoteText(name, max);
}

/** Always quoted (`"..."`), escaped and bounded like `quoteName`: for values that are not names (labels, cells). */
export function quoteText(text: string, max: number = MAX_NAME_CHARS): string {
  const cut = text.length > max;
  const shown = cut ? text.slice(0, text.charCodeAt(max - 1) >= 0xd800 && text.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max) : text;
  const body = escapeUnsafe(shown.replace(/[\\"]/g, (c) => `\\${c}`));
  return cut ? `"${body}"... (${(text.length - shown.length).toLocaleString('en-US')} more characters)` : `"${body}"`;
}

/**
 * Items joined with `separator`, showing at most about `maxChars` characters of them: when the list is longer,
 * the first items that fit, then `... (N more)`, then the last item (so a closed cycle still ends where it began).
 * `show` renders one item and is called only for the items shown, so a list of 100,000 costs no more than one of 10.
 * @example boundedList(['2', '4', ...many, '2'], (id) => id) // '2 -> 4 -> 6 -> ... (99,996 more) -> 2'
 */
export function boundedList<T>(
  items: readonly T[],
  show: (item: T) => string,
  separator = ' -> ',
  maxChars: number = MAX_LIST_CHARS,
): string {
  const n = items.length;
  if (n === 0) return '';
  if (n === 1) return show(items[0] as T);
  const fitting: string[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const s = show(items[i] as T);
    total += s.length + (i > 0 ? separator.length : 0);
    if (total > maxChars) break;
    fitting.push(s);
  }
  if (fitting.length === n) return fitting.join(separator);
  const last = show(items[n - 1] as T);
  const budget = maxChars - last.length - separator.length * 2 - 20; // 20: room for "... (99,999 more)"
  const head: string[] = [];
  let used = 0;
  for (const s of fitting) {
    const cost = (head.length > 0 ? separator.length : 0) + s.length;
    if (head.length > 0 && used + cost > budget) break;
    head.push(s);
    used += cost;
  }
  if (head.length === 0) head.push(show(items[0] as T));
  const more = n - 1 - head.length;
  return (more > 0 ? [...head, `... (${more.toLocaleString('en-US')} more)`, last] : [...head, last]).join(separator);
}

/**
 * A message made safe to print on one line: unsafe characters escaped (see `escapeUnsafe`) and cut after `max`
 * characters. `GraphError` applies it to every message; the CLI and the page's notices can rely on that.
 */
export function boundMessage(message: string, max: number = MAX_MESSAGE_CHARS): string {
  // Cut first (cheap on a huge text), then escape, then cut again (escapes lengthen the text).
  const escaped = escapeUnsafe(message.length > max * 2 ? message.slice(0, max * 2) : message);
  if (escaped.length <= max && message.length <= max * 2) return escaped;
  const end = max - 3;
  const code = escaped.charCodeAt(end - 1);
  return `${escaped.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end)}...`;
}
