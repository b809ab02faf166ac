// The security headers as Next will send them, read from next.config.js's headers() and from proxy.ts's response
// (the production server's own headers are checked by tests/e2e/security.spec.ts).
import { createRequire } from 'node:module';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { config as proxyConfig, proxy } from '../../../proxy';

const require = createRequire(import.meta.url);
const nextConfig = require('../../../next.config.js') as { headers(): Promise<{ source: string; headers: { key: string; value: string }[] }[]> };

/** The directives of a policy, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('security headers', () => {
  it('every path gets nosniff, no-referrer and DENY framing; static paths get the nonce-less policy', async () => {
    const rules = await nextConfig.headers();
    const all = rules.find((r) => r.source === '/:path*')!;
    const get = (key: string) => all.headers.find((h) => h.key === key)?.value;
    expect(get('X-Content-Type-Options')).toBe('nosniff');
    expect(get('Referrer-Policy')).toBe('no-referrer');
    expect(get('X-Frame-Options')).toBe('DENY');
    expect(all.headers.some((h) => h.key === 'Content-Security-Policy')).toBe(false); // the page's comes from proxy.ts
    for (const source of ['/_next/:path*', '/tfjs-wasm/:path*']) {
      const policy = rules.find((r) => r.source === source)!.headers.find((h) => h.key === 'Content-Security-Policy')!.value;
      const d = directives(policy);
      expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    }
  });

  it('the page gets a policy with a fresh nonce, passed to Next in the request headers', () => {
    const a = proxy(new NextRequest('http://localhost:3000/'));
    const b = proxy(new NextRequest('http://localhost:3000/'));
    const policy = a.headers.get('Content-Security-Policy')!;
    const d = directives(policy);
    const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(d.get('script-src')![1]!)![1]!;
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    expect(d.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`, "'wasm-unsafe-eval'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('worker-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'|\*/);
    expect(b.headers.get('Content-Security-Policy')).not.toBe(policy); // a nonce per response
    // Next reads the nonce from the request's policy while rendering (x-middleware-request-* carries it).
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
  });

  it("the proxy leaves static files to next.config.js's policy", () => {
    const matcher = new RegExp(`^${proxyConfig.matcher[0]!.source}$`);
    expect(matcher.test('/')).toBe(true);
    expect(matcher.test('/_next/static/chunks/a.js')).toBe(false);
    expect(matcher.test('/tfjs-wasm/tfjs-backend-wasm.wasm')).toBe(false);
  });
});
