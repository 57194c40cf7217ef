// Exports: the downloaded CSV and GeoJSON hold exactly the filtered PTCE.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, newPage, ready } from './harness.mjs';

const features = JSON.parse(readFileSync('public/data/ptce.geojson', 'utf8')).features;
const expected = features.filter((f) => f.properties.region_code === '84').map((f) => f.properties.id).sort();
let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}

test('CSV and GeoJSON downloads equal the filtered set and carry the date', async () => {
  const { page, context } = await newPage(browser, { acceptDownloads: true });
  await page.goto(`${server.url}?region=84`);
  await ready(page);
  const csv = await download(page, '.export-csv');
  assert.match(csv.name, /^ptce-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.ok(csv.text.startsWith('\uFEFFid;nom;'), 'BOM and header');
  const ids = csv.text.slice(1).split('\r\n').slice(1).filter(Boolean).map((l) => l.split(';')[0]).sort();
  assert.deepEqual(ids, expected);
  const gj = await download(page, '.export-geojson');
  assert.match(gj.name, /^ptce-\d{4}-\d{2}-\d{2}\.geojson$/);
  const fc = JSON.parse(gj.text);
  assert.equal(fc.type, 'FeatureCollection');
  assert.deepEqual(fc.features.map((f) => f.properties.id).sort(), expected);
  await context.close();
});
