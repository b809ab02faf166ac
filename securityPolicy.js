// Connex's Content-Security-Policy and other security headers, in one place: next.config.js sends them with every
// response, and proxy.ts sends the page's own policy, which adds a fresh nonce for Next's inline bootstrap scripts.

/**
 * The Content-Security-Policy. With a nonce (the page), Next's inline scripts carrying that nonce may run;
 * without one (scripts, the worker, wasm binaries, images), no inline script may run at all.
 * - scripts and the training worker come from this origin only; 'wasm-unsafe-eval' lets tfjs compile its wasm
 *   backend (nothing allows eval of JavaScript);
 * - style-src needs 'unsafe-inline' for the style attributes React Flow and recharts write (positions, colours);
 *   a nonce there would switch 'unsafe-inline' off, so styles get none;
 * - connect-src 'self': the page and the worker only ever fetch from this origin.
 * @param {string} [nonce] a fresh random value per page response
 * @returns {string}
 */
function contentSecurityPolicy(nonce) {
  const scripts = ["'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), "'wasm-unsafe-eval'"];
  if (process.env.NODE_ENV === 'development') scripts.push("'unsafe-eval'"); // React's dev-only error overlays
  return [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    "worker-src 'self'",
    "connect-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every response carries (the page's Content-Security-Policy comes from proxy.ts, with its nonce). */
const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
];

module.exports = { contentSecurityPolicy, SECURITY_HEADERS };
