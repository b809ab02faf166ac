// Gives each page response its Content-Security-Policy with a fresh nonce: Next reads the nonce from the request's
// policy while rendering and puts it on its inline bootstrap scripts, so no other inline script can run.
// Static files are left to next.config.js (nonce-less policy); see securityPolicy.js for the directives.
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy } from './securityPolicy';

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Everything but static files (kept in step with ASSET_SOURCES in next.config.js) and prefetches.
      source: '/((?!_next/|tfjs-wasm/|icon.svg|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
