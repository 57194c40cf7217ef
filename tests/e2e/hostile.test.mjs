// Hostile and broken datasets: the valid records show, the broken ones are
// counted, no script runs, no markup is injected, no javascript: link exists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { serve, launch, newPage, ready, countText } from './harness.mjs';

const real = JSON.parse(readFileSync('public/data/ptce.geojson', 'utf8')).features;
const DIR = 'tests/fixtures/generated';
const XSS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '"><svg onload="window.__pwned = 3">',
  "javascript:window.__pwned = 4",
];
const clone = (x) => JSON.parse(JSON.stringify(x));

// The compact twin of the bundled data (src/compact.rs), and where each of
// its records ends: after the 8-byte header, a count, then each record as its
// length and its bytes (lengths are LEB128).
const compact = readFileSync('public/data/ptce.bin');
function varint(buf, at) {
  let v = 0;
  for (let shift = 0; ; shift += 7) {
    const b = buf[at++];
    v += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [v, at];
  }
}
function recordEnds(buf) {
  let [n, at] = varint(buf, 8);
  const ends = [];
  for (; n > 0; n -= 1) { const [len, body] = varint(buf, at); at = body + len; ends.push(at); }
  return ends;
}

// The id of the compact file's first record: the first text of its brief.
function firstId(buf) {
  const [, first] = varint(buf, 8);
  const [, body] = varint(buf, first);
  const [, texts] = varint(buf, body);
  return buf.subarray(texts, buf.indexOf(10, texts)).toString('utf8');
}

function poison(f, payload) {
  const p = f.properties;
  for (const k of Object.keys(p)) {
    if (typeof p[k] === 'string' && !['id', 'region_code', 'precision'].includes(k)) p[k] = payload + p[k];
  }
  p.aliases = [payload]; p.structures = [payload]; p.actions_fr = [payload];
  p.websites = ['javascript:window.__pwned=5', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>window.__pwned=6</script>', 'https://ok.example.org/'];
  p.links = ['javascript:window.__pwned=7'];
  p.emails = ['x@y.fr"><script>window.__pwned=8</script>', 'ok@example.org'];
  p.phones = [{ display: '<b>01</b>', e164: 'javascript:alert(1)' }];
  p.referents = [{ name: payload, email: 'javascript:alert(1)', phone: { display: payload, e164: '+33100000000' } }];
  p.sources = [{ file: payload, title: payload, gave: payload }];
  return f;
}

const CASES = {
  'hostile-xss.geojson': () => ({ type: 'FeatureCollection', features: real.slice(0, 8).map((f, i) => poison(clone(f), XSS[i % XSS.length])) }),
  'hostile-types.geojson': () => ({ type: 'FeatureCollection', features: [
    ...real.slice(0, 3),
    { type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: real[3].properties },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [200, 95] }, properties: real[4].properties },
    { type: 'Feature', geometry: { type: 'Point', coordinates: ['NaN', 'x'] }, properties: real[5].properties },
    { type: 'Feature', geometry: null, properties: real[6].properties },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [5, 45] }, properties: { ...real[7].properties, name: 42 } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [5, 45] }, properties: { ...real[8].properties, sectors: 'not-a-list' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [5, 45] } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [5, 45] }, properties: { ...real[0].properties } },
    'just a string', 42, null,
  ] }),
  'hostile-long.geojson': () => ({ type: 'FeatureCollection', features: real.slice(0, 5).map((f) => {
    const g = clone(f);
    g.properties.name = `${g.properties.name} ${'très long nom '.repeat(2000)}`;
    g.properties.description_fr = 'x'.repeat(200000);
    g.properties.aliases = Array.from({ length: 500 }, (_, i) => `alias ${i}`);
    return g;
  }) }),
  'hostile-big.geojson': () => {
    // About 10 MB: the real records repeated under new ids.
    const features = [];
    for (let i = 0; features.length * 1800 < 10e6; i += 1) {
      const g = clone(real[i % real.length]);
      g.properties.id = `${g.properties.id}-${i}`;
      g.properties.name = `${g.properties.name} ${i}`;
      g.properties.aliases = [];
      features.push(g);
    }
    return { type: 'FeatureCollection', features };
  },
  'hostile-wrong-root.geojson': () => ({ type: 'Feature', geometry: null, properties: {} }),
  // Not JSON: a comma too many on the second line.
  'hostile-syntax.geojson': () => Buffer.from('{"type": "FeatureCollection",\n "features": [1,]}'),
  // An interrupted copy: 30 records whole, the 31st cut in its middle.
  'hostile-cut.bin': () => compact.subarray(0, recordEnds(compact)[29] + 40),
  // The first record's detail damaged (the last length of its detail part
  // changed), its brief whole.
  'hostile-detail.bin': () => {
    const copy = Buffer.from(compact);
    copy[recordEnds(compact)[0] - 1] ^= 1;
    return copy;
  },
  // A file from another version of the layout.
  'hostile-version.bin': () => Buffer.concat([Buffer.from('PTCEbin\x09', 'latin1'), compact.subarray(8)]),
};

let server;
let browser;
before(async () => {
  mkdirSync(DIR, { recursive: true });
  for (const [name, make] of Object.entries(CASES)) {
    const made = make();
    writeFileSync(`${DIR}/${name}`, Buffer.isBuffer(made) ? made : JSON.stringify(made));
  }
  server = await serve();
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

async function open(file) {
  const { page, context, errors } = await newPage(browser);
  await page.goto(`${server.url}?data=${file}`);
  await ready(page);
  return { page, context, errors };
}

async function assertNothingRan(page) {
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected script ran');
  assert.equal(await page.locator('a[href^="javascript:" i], a[href^="data:" i]').count(), 0, 'no javascript: or data: link');
  assert.equal(await page.locator('.card-list script, .card-list img, .card-list svg, .detail script, .detail img').count(), 0, 'no injected markup');
}

test('HTML and script payloads in every text field are shown as text', async () => {
  const { page, context } = await open('hostile-xss.geojson');
  assert.equal(await countText(page), '8 PTCE');
  assert.match(await page.textContent('.card-list'), /<script>window.__pwned = 1<\/script>/);
  await page.click('.card-open >> nth=0');
  await page.waitForSelector('#detail-title');
  await page.waitForTimeout(700);
  await assertNothingRan(page);
  assert.equal(await page.locator('.detail a[href="https://ok.example.org/"]').count(), 1);
  assert.equal(await page.locator('.detail a[href^="tel:"]').count(), 1, 'only the valid referent phone');
  await context.close();
});

test('wrong types, bad coordinates and duplicates are skipped and counted', async () => {
  const { page, context } = await open('hostile-types.geojson');
  assert.equal(await countText(page), '3 PTCE');
  assert.match(await page.textContent('.notice-warn'), /^11 fiche/);
  // Which ones and why, for whoever edits the file, behind a disclosure.
  await page.click('.skipped-why summary');
  const why = (await page.locator('.skipped-lines').innerText()).split('\n');
  assert.equal(why.length, 11);
  assert.equal(why[0], "n° 4 : la géométrie n'est pas un Point");
  assert.ok(why.includes('n° 8 : propriétés invalides : « name » : texte attendu'), why.join(' | '));
  assert.ok(why.includes("n° 12 : l'élément n'est pas une Feature"), why.join(' | '));
  await assertNothingRan(page);
  await page.fill('#search-input', 'a');
  assert.ok(await page.isVisible('.map'));
  await context.close();
});

test('very long strings are bounded and the page stays usable', async () => {
  const { page, context } = await open('hostile-long.geojson');
  assert.equal(await countText(page), '5 PTCE');
  const width = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(width <= 0, `horizontal overflow ${width}`);
  await page.click('.card-open >> nth=0');
  await page.waitForSelector('#detail-title');
  assert.ok((await page.textContent('.detail-description')).length <= 4010);
  await context.close();
});

test('a 10 MB dataset loads and filters', async () => {
  const { page, context } = await open('hostile-big.geojson');
  const n = Number((await countText(page)).replace(/\D/g, ''));
  assert.ok(n > 5000, `${n} records`);
  // Typed at once, likely while the search text is still being folded in
  // the background: the answer must be the one given once it is all folded.
  await page.fill('#search-input', 'fask');
  await page.waitForFunction((all) => Number(document.querySelector('.result-count').textContent.replace(/\D/g, '')) < all, n);
  const early = await countText(page);
  assert.notEqual(early, '0 PTCE');
  await page.waitForFunction(() => window.__ptceTimings && window.__ptceTimings.searchReadyMs >= 0);
  await page.fill('#search-input', '');
  await page.waitForFunction((all) => Number(document.querySelector('.result-count').textContent.replace(/\D/g, '')) === all, n);
  await page.fill('#search-input', 'fask');
  await page.waitForFunction((all) => Number(document.querySelector('.result-count').textContent.replace(/\D/g, '')) < all, n);
  assert.equal(await countText(page), early);
  await context.close();
});

test('on a large file, a key typed the moment the first cards show waits for the search text, then filters', async () => {
  const { page, context } = await newPage(browser);
  // In the task that puts the app's first card on the page, before the
  // search text is folded: type « fask », then note every count shown.
  await page.addInitScript(() => {
    window.__counts = [];
    const seen = new MutationObserver(() => {
      const count = document.querySelector('.result-count');
      if (count && !window.__typed && document.querySelector('.card .card-open')) {
        window.__typed = true;
        window.__foldedBefore = Boolean(window.__ptceTimings?.searchReadyAt);
        const input = document.getElementById('search-input');
        input.value = 'fask';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      if (count && window.__typed) window.__counts.push(count.textContent.trim());
    });
    document.addEventListener('DOMContentLoaded', () => seen.observe(document.body, { childList: true, subtree: true, characterData: true }));
  });
  await page.goto(`${server.url}?data=hostile-big.geojson`);
  await page.waitForFunction(() => window.__typed && window.__ptceTimings?.searchReadyAt, null, { timeout: 30000 });
  await page.waitForFunction(() => !/préparation/.test(document.querySelector('.result-count').textContent));
  const { counts, foldedBefore } = await page.evaluate(() => ({ counts: window.__counts, foldedBefore: window.__foldedBefore }));
  assert.equal(foldedBefore, false, 'typed before the search text was folded');
  // Said while it waits, instead of holding the page to fold it all at once.
  assert.ok(counts.some((c) => /recherche en préparation/.test(c)), `counts shown: ${[...new Set(counts)].join(' | ')}`);
  const answered = await countText(page);
  await page.fill('#search-input', '');
  await page.fill('#search-input', 'fask');
  await page.waitForTimeout(300);
  assert.equal(answered, await countText(page), 'the same answer as typed later');
  assert.ok(Number(answered.replace(/\D/g, '')) > 0);
  await context.close();
});

test('a file that is not a FeatureCollection gives the error message, not a blank page', async () => {
  const { page, context } = await open('hostile-wrong-root.geojson');
  assert.match(await page.textContent('.notice-error'), /n'ont pas pu être chargées/);
  assert.equal((await page.textContent('.notice-detail')).trim(), "Détail : ce fichier n'est pas une FeatureCollection GeoJSON");
  await context.close();
});

test('a file that is not JSON says where it stops being JSON', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(`${server.url}?data=hostile-syntax.geojson`);
  await page.waitForSelector('.notice-error');
  assert.equal((await page.textContent('.notice-detail')).trim(), 'Détail : JSON illisible : valeur attendue (ligne 2, colonne 17)');
  await context.close();
});

test('a compact file cut short shows its whole records and says how many are missing', async () => {
  assert.equal(recordEnds(compact).length, real.length);
  const { page, context } = await open('hostile-cut.bin');
  assert.equal(await countText(page), '30 PTCE');
  assert.match(await page.textContent('.notice-warn'), new RegExp(`^${real.length - 30} fiche`));
  await page.fill('#search-input', 'a');
  assert.ok(await page.isVisible('.map'));
  await context.close();
});

test('a record whose detail is damaged keeps its card and says what is missing', async () => {
  const first = real.find((f) => f.properties.id === firstId(compact)).properties;
  const other = real.find((f) => f.properties.id !== first.id).properties;
  const { page, context, errors } = await newPage(browser);
  await page.goto(`${server.url}?data=hostile-detail.bin&ptce=${first.id}`);
  await ready(page);
  assert.equal(await countText(page), `${real.length} PTCE`);
  assert.equal(await page.locator('.notice-warn').count(), 0, 'no record is lost');
  assert.equal(await page.textContent('#detail-title'), first.name);
  assert.match(await page.textContent('.detail-lost'), /détail de cette fiche est illisible/);
  assert.equal(await page.locator('.detail .contact-list').count(), 0);
  // No heading over nothing: the project and the sources are not shown.
  assert.equal(await page.locator('.detail .detail-description, .detail .source-list').count(), 0);
  const headings = await page.locator('.detail h3').allTextContents();
  assert.ok(!headings.includes('Le projet') && !headings.includes('Sources'), headings.join(', '));
  await page.fill('#search-input', first.name);
  await page.waitForFunction((id) => document.querySelector(`.card[data-id="${id}"] .card-detail-lost`), first.id);
  // The other records read whole.
  await page.goto(`${server.url}?data=hostile-detail.bin&ptce=${other.id}`);
  await ready(page);
  assert.equal(await page.locator('.detail-lost').count(), 0);
  assert.equal(await page.textContent('#detail-title'), other.name);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a compact file of another layout version gives the error message, not a blank page', async () => {
  const { page, context } = await open('hostile-version.bin');
  assert.match(await page.textContent('.notice-error'), /n'ont pas pu être chargées/);
  assert.equal(await page.locator('button.retry').count(), 1);
  await context.close();
});

test('a dataset URL to another origin is refused (only local files)', async () => {
  const { page, context, outside } = await newPage(browser);
  await page.goto(`${server.url}?data=https%3A%2F%2Fevil.example%2Fx.geojson`);
  await ready(page);
  assert.equal(await countText(page), `${real.length} PTCE`, 'falls back to the bundled data');
  assert.deepEqual(outside, []);
  await context.close();
});
