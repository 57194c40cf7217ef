// Trunk's post-build hook (Trunk.toml): finishes the page trunk wrote, in the
// staging folder (or `dist/` when run by hand), in two steps.
//
// 1. Content first. Trunk's loader asks for the wasm and its glue from
//    <link rel=preload> tags in the <head>, which on a slow network take the
//    bandwidth the page and its style sheet need for the first paint (the
//    directory written into the page at build time). The loader is rewritten
//    to start those downloads, and the dataset's, once that paint is done.
//    Measured at 4× CPU on Lighthouse's slow 4G (150 ms, 1.6 Mbps): first paint
//    68 ms sooner, first card made by the app 244 ms later; unthrottled
//    network: the same first card. Lighthouse's LCP went from 2.57 to 0.77 s:
//    its simulation counted every download finished before the first paint
//    (the wasm included) as needed for that paint.
// 2. Content-Security-Policy. The one inline script (the loader) is pinned by
//    its SHA-256 in a <meta>, and the full policy (with frame-ancestors, which
//    only a header can carry) is written to csp-header.txt for deployers. The
//    tile host comes from the `ptce-tiles` meta, so the policy follows the
//    configured tiles.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR || 'dist';
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');

/// The attributes of a tag, in order, as [name, value] pairs.
const attributes = (tag) => [...tag.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)].slice(1).map((m) => [m[1], m[2] ?? '']);

const MARK = '// Loads once the page is painted';
const hints = [];
if (!html.includes(MARK)) {
  const loader = html.match(/<script type="module">\s*import init, \* as bindings from '([^']+)';\s*const wasm = await init\(\{ module_or_path: '([^']+)' \}\);([\s\S]*?)<\/script>/);
  if (!loader) throw new Error(`${file}: trunk's wasm loader not found; has trunk's output changed?`);
  const [whole, glue, wasm, rest] = loader;
  // Every preload in the head: the wasm, its glue and its snippets (trunk's)
  // and the dataset (index.html's).
  html = html.replace(/\s*<link rel="(?:preload|modulepreload)"[^>]*>/g, (tag) => { hints.push(attributes(tag.trim())); return ''; });
  if (!hints.some((h) => h.some(([k, v]) => k === 'href' && v === wasm))) throw new Error(`${file}: no preload for ${wasm}`);
  html = html.replace(whole, `<script type="module">
${MARK}: a frame, then a task after it (or 200 ms on, for a
// page that is not being drawn, such as a hidden frame).
await new Promise((go) => { requestAnimationFrame(() => setTimeout(go)); setTimeout(go, 200); });
// A dataset the address names (data=, under the app's rule for it: a plain
// file name in data/) is the one the app will fetch: it downloads instead of
// the bundled one, while the wasm compiles.
const named = new URLSearchParams(location.search).get('data');
const own = named && /^(?!\\.)[A-Za-z0-9_.-]{1,64}$/.test(named) && /\\.(geojson|bin)$/.test(named);
for (let hint of ${JSON.stringify(hints)}) {
  if (own && hint.some(([k, v]) => k === 'href' && v.startsWith('data/'))) {
    hint = hint.filter(([k]) => k !== 'type').map(([k, v]) => [k, k === 'href' ? 'data/' + named : v]);
  }
  const link = document.createElement('link');
  for (const [k, v] of hint) link.setAttribute(k, v);
  document.head.append(link);
}
const bindings = await import('${glue}');
const wasm = await bindings.default({ module_or_path: '${wasm}' });${rest}</script>`);
}

html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
// `trunk serve` adds a live-reload script whose text it completes per
// request (its address), so no hash can pin it: a page built for the
// development server goes without the policy, as it did before this hook.
if (html.includes('{{__TRUNK_ADDRESS__}}')) {
  writeFileSync(file, html);
  console.log('finish-dist: loader rewritten; development server (live reload): no CSP');
  process.exit(0);
}
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
writeFileSync(join(dir, 'csp-header.txt'), `Content-Security-Policy: ${policy}; frame-ancestors *\n`);
console.log(`finish-dist: ${hints.length ? `${hints.length} downloads wait for the first paint` : 'loader already rewritten'}; CSP pins ${hashes.length} inline script(s); tiles ${tileOrigin || 'none'}`);
