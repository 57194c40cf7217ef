// Shared e2e harness: serves the built dist/ (plus tests/fixtures as extra
// datasets under data/) on loopback and drives Debian's Chromium headless.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zc } from 'node:zlib';
import { chromium } from 'playwright-core';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.geojson': 'application/geo+json', '.bin': 'application/octet-stream', '.png': 'image/png', '.svg': 'image/svg+xml' };

// Compress like a production static host (brotli, else gzip), so transfer
// sizes and load timings are those visitors get. Cached per file version.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.geojson', '.svg', '.txt']);
const compressed = new Map();
function encode(file, body, info, accept) {
  if (!COMPRESSIBLE.has(extname(file)) || body.length < 1024 || body.length > 64 * 1024 * 1024) return null;
  const enc = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
  if (!enc) return null;
  const key = `${enc}:${file}:${info.mtimeMs}:${info.size}`;
  if (!compressed.has(key)) {
    compressed.set(key, enc === 'br'
      ? brotliCompressSync(body, { params: { [zc.BROTLI_PARAM_QUALITY]: 9 } })
      : gzipSync(body, { level: 6 }));
  }
  return { enc, data: compressed.get(key) };
}

export async function serve(root = 'dist', extraHeaders = {}) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const candidates = [join(root, path)];
    if (path.startsWith('/data/')) {
      candidates.push(join('tests/fixtures', path.slice('/data/'.length)));
      candidates.push(join('tests/fixtures/generated', path.slice('/data/'.length)));
    }
    if (path.startsWith('/host/')) candidates.unshift(join('tests/host', path.slice('/host/'.length)));
    for (let file of candidates) {
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        const body = await readFile(file);
        const packed = encode(file, body, await stat(file), req.headers['accept-encoding'] || '');
        const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', vary: 'accept-encoding', ...extraHeaders };
        if (packed) headers['content-encoding'] = packed.enc;
        res.writeHead(200, headers);
        res.end(packed ? packed.data : body);
        return;
      } catch { /* next */ }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) };
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

// A 1×1 PNG stands in for a working tile server; `abort` simulates a dead one.
export const TILE_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=', 'base64');

export async function newPage(browser, { tiles = 'ok', viewport = { width: 1280, height: 800 }, ...opts } = {}) {
  const context = await browser.newContext({ viewport, ...opts });
  const page = await context.newPage();
  const errors = [];
  const outside = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => { const u = new URL(r.url()); if (!['127.0.0.1', 'tile.openstreetmap.org'].includes(u.hostname) && u.protocol.startsWith('http')) outside.push(r.url()); });
  await page.route(/tile\.openstreetmap\.org/, (route) => (tiles === 'ok'
    ? route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG })
    : route.abort()));
  return { page, context, errors, outside };
}

// The app has replaced the build-time directory (whose cards are also
// `.card`) with its own cards, empty state or error.
export async function ready(page) {
  await page.waitForFunction(() => !document.getElementById('static-directory')
    && document.querySelector('.card, .empty-state, .notice-error'), null, { timeout: 20000, polling: 50 });
}

export async function countText(page) {
  return (await page.textContent('.result-count')).trim();
}

// Markers on the map: single markers plus the counts shown on clusters.
// Markers plus cluster counts on the map, once the map has settled: during a
// zoom animation the old and the new clusters are both on screen, so poll
// (up to 5 s) until the figure is `expected` and return the last one read.
export async function mapTotal(page, expected) {
  const read = () => page.evaluate(() => {
    let n = document.querySelectorAll('.leaflet-marker-pane .ptce-marker').length;
    document.querySelectorAll('.leaflet-marker-pane .ptce-cluster span').forEach((s) => { n += Number(s.textContent) || 0; });
    return n;
  });
  let n = await read();
  for (let i = 0; i < 20 && expected !== undefined && n !== expected; i += 1) {
    await page.waitForTimeout(250);
    n = await read();
  }
  return n;
}

// The list shows a page of cards at a time; reveal them all.
export async function showAllCards(page) {
  while (await page.locator('button.more').count()) await page.click('button.more');
}

export async function settle(page, ms = 400) {
  await page.waitForTimeout(ms);
}
