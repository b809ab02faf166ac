// Next.js configuration for Connex. Kept minimal and offline: no remote fonts or images,
// and deliberately no COOP/COEP headers (they make the threaded tfjs wasm build hang).
// Security headers: every response gets nosniff, no-referrer and DENY framing; every response except the page gets
// the nonce-less Content-Security-Policy (scripts, the worker script, wasm binaries). The page's policy, with a
// per-response nonce for Next's inline bootstrap, comes from proxy.ts (a header set here would be a second policy
// the browser also enforces, which would block those scripts).

// eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS
const { contentSecurityPolicy, SECURITY_HEADERS } = require('./securityPolicy');

/** Paths that proxy.ts does not handle: static files and the tfjs wasm binaries. Kept in step with proxy.ts's matcher. */
const ASSET_SOURCES = ['/_next/:path*', '/tfjs-wasm/:path*', '/icon.svg', '/favicon.ico'];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/:path*', headers: SECURITY_HEADERS },
      ...ASSET_SOURCES.map((source) => ({
        source,
        headers: [{ key: 'Content-Security-Policy', value: contentSecurityPolicy() }],
      })),
    ];
  },
};

module.exports = nextConfig;
