// The production server: Next's request handler behind one check it cannot make itself.
// Node's fetch Request refuses the method TRACE, and Next builds such a Request for every request before proxy.ts
// runs, so `next start` answers TRACE with a 500 and an error in the log. Here it gets a plain 405 with the Allow
// header and the same security headers as every other response, and never reaches Next. (Node's HTTP parser itself
// answers TRACK and other unknown methods with 400, and closes CONNECT, which has no 'request' event.)
// Used by `npm start`, `npm run serve`, the e2e tests and the browser benchmarks (one server for all of them).
// Usage: node scripts/server.mjs  (PORT, default 3000; listens on every interface, like `next start`)

import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import next from 'next';
import { ROOT } from './lib.mjs';

const require = createRequire(import.meta.url);
const { SECURITY_HEADERS } = require('../securityPolicy.js');

/** Methods that reach this handler but that Node's Request constructor throws on (a fetch forbidden method). */
const REFUSED_METHODS = new Set(['TRACE']);
const ALLOWED = 'GET, HEAD, POST, OPTIONS';

const port = Number(process.env.PORT || 3000);

const app = next({ dev: false, dir: ROOT, port, hostname: 'localhost' });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  if (REFUSED_METHODS.has((request.method ?? '').toUpperCase())) {
    for (const { key, value } of SECURITY_HEADERS) response.setHeader(key, value);
    response.writeHead(405, { Allow: ALLOWED, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`Method ${request.method} is not allowed.\n`);
    return;
  }
  handle(request, response).catch((error) => {
    console.error(error);
    if (!response.headersSent) response.writeHead(500);
    response.end();
  });
});
server.listen(port, () => console.log(`> Ready on http://localhost:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
