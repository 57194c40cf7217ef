// Prints the transfer sizes of the built app and fails when the wasm goes
// over its budget. The issue-6 target of 100 KiB gzip is not met yet: this
// budget guards against growth meanwhile.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync } from 'node:zlib';

const BUDGET_GZIP = Number(process.env.WASM_BUDGET_GZIP || 222 * 1024);
const files = [];
const walk = (d) => readdirSync(d).forEach((f) => { const p = join(d, f); statSync(p).isDirectory() ? walk(p) : files.push(p); });
walk('dist');
// The benchmark's synthetic sets (data/bench-*) are not part of the app.
const wanted = files.filter((f) => /\.(wasm|js|css|html|geojson|bin)$/.test(f) && !/\.map$/.test(f) && !/src\//.test(f) && !/leaflet-src|\.esm\.js|markercluster-src/.test(f) && !/data\/bench-/.test(f));
let total = 0;
let wasmGz = 0;
console.log('file'.padEnd(58), 'raw'.padStart(9), 'gzip'.padStart(9), 'brotli'.padStart(9));
for (const f of wanted.sort()) {
  const raw = readFileSync(f);
  const gz = gzipSync(raw, { level: 9 }).length;
  const br = brotliCompressSync(raw).length;
  if (f.endsWith('.wasm')) wasmGz = gz;
  total += gz;
  console.log(f.padEnd(58), String(raw.length).padStart(9), String(gz).padStart(9), String(br).padStart(9));
}
console.log(`total gzip (all listed files): ${(total / 1024).toFixed(1)} KiB`);
console.log(`wasm gzip: ${(wasmGz / 1024).toFixed(1)} KiB, budget ${(BUDGET_GZIP / 1024).toFixed(0)} KiB`);
if (wasmGz === 0 || wasmGz > BUDGET_GZIP) {
  console.error('wasm over budget');
  process.exit(1);
}
