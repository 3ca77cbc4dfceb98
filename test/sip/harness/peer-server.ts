import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO } from './repo';

// Serves the bare sip.js peer page and sip.js itself (unbundled ES modules) on 127.0.0.1.
const PEER = path.join(REPO, 'test', 'sip', 'peer');
const SIPJS = path.join(REPO, 'node_modules', 'sip.js', 'lib');

export async function startPeerServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    const [root, rel] = url.startsWith('/sip.js/lib/') ? [SIPJS, url.slice('/sip.js/lib/'.length)] : [PEER, url.slice(1) || 'peer.html'];
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': file.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/peer.html`, close: () => new Promise((r) => server.close(() => r())) };
}
