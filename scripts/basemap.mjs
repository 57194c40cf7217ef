// Writes public/basemap/france.geojson: metropolitan France and its land
// neighbours from Natural Earth 1:50m (npm `world-atlas`, public domain),
// so the map shows France when no tile server answers. Run by `npm run basemap`.
import { readFileSync, writeFileSync } from 'node:fs';
import { feature } from 'topojson-client';

const topo = JSON.parse(readFileSync('node_modules/world-atlas/countries-50m.json', 'utf8'));
const all = feature(topo, topo.objects.countries).features;
const wanted = { '250': 'France', '724': 'Espagne', '380': 'Italie', '756': 'Suisse', '276': 'Allemagne', '056': 'Belgique', '442': 'Luxembourg', '020': 'Andorre', '492': 'Monaco', '826': 'Royaume-Uni' };
const box = [-6.5, 41, 10.5, 51.8];
const inBox = (ring) => ring.some(([x, y]) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]);
const round = (ring) => ring.map(([x, y]) => [Math.round(x * 1e3) / 1e3, Math.round(y * 1e3) / 1e3]);
const features = [];
for (const f of all) {
  const name = wanted[f.id];
  if (!name) continue;
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const kept = polys.filter((p) => inBox(p[0])).map((p) => p.map(round));
  if (!kept.length) continue;
  features.push({ type: 'Feature', properties: { name, france: f.id === '250' }, geometry: { type: 'MultiPolygon', coordinates: kept } });
}
features.sort((a, b) => a.properties.name.localeCompare(b.properties.name));
writeFileSync('public/basemap/france.geojson', JSON.stringify({ type: 'FeatureCollection', features }) + '\n');
console.log(`${features.length} pays écrits dans public/basemap/france.geojson`);
