// After `trunk build`: pins the one inline script trunk writes (the wasm
// loader) by its SHA-256 in a Content-Security-Policy <meta>, and writes the
// full policy (with frame-ancestors, which only a header can carry) to
// dist/csp-header.txt for deployers. The tile host comes from the
// `ptce-tiles` meta, so the policy follows the configured tiles.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const file = 'dist/index.html';
let html = readFileSync(file, 'utf8').replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
const tiles = (html.match(/<meta name="ptce-tiles" content="([^"]+)"/) || [])[1];
const tileOrigin = tiles ? new URL(tiles.replace(/\{[a-z]\}/g, '0')).origin : '';
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  // Leaflet positions markers and tiles with style attributes.
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: ${tileOrigin}`.trim(),
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${policy}">`);
writeFileSync(file, html);
// frame-ancestors: '*' lets any site embed the map; a deployer may list the
// partner sites instead (e.g. "frame-ancestors 'self' https://www.cress-example.fr").
writeFileSync('dist/csp-header.txt', `Content-Security-Policy: ${policy}; frame-ancestors *\n`);
console.log(`CSP: ${hashes.length} inline script(s) pinned; tiles ${tileOrigin || 'none'}`);
