// Shared helpers of the browser tests: a static server for tools/field-diagnostics, Chromium
// launch flags (see /work/shared/notes/web-bluetooth-testing.md), golden files.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const pageRoot = join(here, '..', '..', 'tools', 'field-diagnostics');
export const goldenRoot = join(here, '..', 'golden', 'diagnostics');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function golden(name) {
  const hex = readFileSync(join(goldenRoot, `${name}.hex`), 'utf8').trim();
  return { bytes: Buffer.from(hex, 'hex'), ...JSON.parse(readFileSync(join(goldenRoot, `${name}.json`), 'utf8')) };
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.webmanifest': 'application/manifest+json' };

export function serveStatic() {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      const name = new URL(req.url, 'http://x').pathname.replace(/^\/+/, '') || 'index.html';
      const file = join(pageRoot, name);
      if (!/^[\w.-]+$/.test(name) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': types[extname(name)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

export async function launch(puppeteer, userDataDir) {
  return puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    dumpio: process.env.FIELD_DIAG_DUMPIO === '1',
    userDataDir,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--enable-blink-features=WebBluetooth'],
  });
}

export function waitFor(predicate, what, timeoutMs = 10000) {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const poll = async () => {
      try {
        const value = await predicate();
        if (value) {
          resolve(value);
          return;
        }
      } catch {
        // keep polling
      }
      if (Number((process.hrtime.bigint() - started) / 1000000n) > timeoutMs) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 50);
    };
    poll();
  });
}
