#!/usr/bin/env node
// scripts/serve.mjs -- a tiny static file server for the browser build (no dependencies).
//
//   node scripts/serve.mjs [--root DIR | DIR] [--port N | N]
//
// DIR defaults to $KWS_WEB_DIR or build/wasm/web/dist (the wasm preset's site), the port to
// $PORT or 8080.
// Serves on 127.0.0.1 only, with the MIME types the page needs (application/wasm lets the
// browser compile the module while it downloads). Port 0 picks a free port; the address is
// printed as "Serving <dir> at http://127.0.0.1:<port>/" (tests read it from stdout).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
let dirArg;
let portArg;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--root' || a === '--dir') dirArg = argv[++i];
  else if (a === '--port' || a === '-p') portArg = argv[++i];
  else if (a.startsWith('--root=')) dirArg = a.slice(7);
  else if (a.startsWith('--port=')) portArg = a.slice(7);
  else if (/^\d+$/.test(a)) portArg = a;
  else if (a === '--help' || a === '-h') {
    console.log('usage: node scripts/serve.mjs [--root DIR] [--port N]');
    process.exit(0);
  } else dirArg = a;
}
const root = path.resolve(dirArg || process.env.KWS_WEB_DIR || path.join(here, '..', 'build', 'wasm', 'web', 'dist'));
const port = Number(portArg ?? process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve.mjs: bad port ${portArg}`);
  process.exit(2);
}
const host = process.env.HOST || '127.0.0.1';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.data': 'application/octet-stream',
  '.ttf': 'font/ttf',
};

if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
  console.error(`serve.mjs: ${root} is not a directory (build the web app first)`);
  process.exit(1);
}

const server = http.createServer((req, res) => {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    res.writeHead(400).end('bad request');
    return;
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = path.join(root, pathname);
  if (!file.startsWith(root + path.sep) && file !== root) {
    res.writeHead(403).end('forbidden');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`not found: ${pathname}\n`);
      return;
    }
    res.writeHead(200, {
      'Content-Type': types[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'Content-Length': st.size,
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  });
});

server.on('error', (e) => {
  console.error(`serve.mjs: ${e.message}`);
  process.exit(1);
});
server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(`Serving ${root} at http://${host}:${actual}/`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
