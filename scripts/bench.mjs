// Benchmark: builds nothing itself (run `scripts/bench.sh`), serves dist/ on
// loopback and measures the app and a plain-JS reference page in headless
// Chromium at a phone viewport with 4× CPU throttling, on the real dataset and
// synthetic 10k / 100k ones. Prints medians as a table, then ours/reference
// ratios. Usage: node scripts/bench.mjs [--runs N] [--sizes real,10k,100k]
// [--tiles local|none] [--dist DIR] [--app-format bin|geojson]. Tiles: `local` (the default) a stand-in
// image for every tile, as with a tile server that answers (both pages draw
// tiles); `none` as with one that does not.
import { readFileSync } from 'node:fs';
import { serve, launch, TILE_PNG } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const RUNS = Number(opt('runs', 3));
const SIZES = opt('sizes', 'real,10k,100k').split(',');
const TILES = opt('tiles', 'local');
const DIST = opt('dist', 'dist');
const APP_FORMAT = opt('app-format', 'bin');
// The same records for both pages: the reference reads the GeoJSON, as a
// plain-JS page would; the app reads its compact twin, which `ptce-data`
// writes beside the GeoJSON (`--app-format geojson` gives it the GeoJSON).
const FILES = { real: 'ptce', '10k': 'bench-10k', '100k': 'bench-100k' };

const median = (xs) => { const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b); return v.length ? v[Math.floor((v.length - 1) / 2)] : NaN; };

async function measure(browser, url, kind) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.route(/tile\.openstreetmap\.org/, (r) => (TILES === 'local' ? r.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG }) : r.abort()));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const cardSel = kind === 'app' ? '.card .card-open' : '#cards .card';
  // Two moments: the first card seen (for the app, the directory written
  // into the page at build time, shown before any script runs) and the first
  // card the page's script made (the app ready to search and open cards).
  const seenSel = kind === 'app' ? '.card' : cardSel;
  await page.addInitScript(([sel, seen]) => {
    window.__events = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__events.push([e.name, e.duration]); })
      .observe({ type: 'event', durationThreshold: 16, buffered: true });
    const tick = () => {
      const t = performance.now();
      if (!window.__firstSeen && document.querySelector(seen)) window.__firstSeen = t;
      if (document.querySelector(sel)) window.__firstCard = t; else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, [cardSel, seenSel]);
  const out = {};
  await page.goto(url, { timeout: 90000 });
  // Waited for with a plain promise: the helper script a selector or
  // function wait puts into the page costs 60 ms at 4× CPU, which would land
  // on the page's load instead of the measurement.
  await page.evaluate(() => new Promise((done, fail) => {
    const until = performance.now() + 90000;
    const check = () => (window.__firstCard ? done() : performance.now() > until ? fail(new Error('no card after 90 s')) : setTimeout(check, 100));
    check();
  }));
  out.ready = await page.evaluate(() => window.__firstCard);
  // Search ready: the search text folded. The reference folds it while
  // reading, before its first card. The app folds it in short tasks after its
  // first cards: a key typed before it ends waits for it (the count says
  // so), except on a small file, folded at once in a few milliseconds.
  out.search = kind === 'app'
    ? await page.evaluate(() => new Promise((done) => {
      const check = () => (window.__ptceTimings?.searchReadyAt
        ? done(Math.max(window.__ptceTimings.searchReadyAt, window.__firstCard)) : setTimeout(check, 50));
      check();
    }))
    : out.ready;
  out.seen = await page.evaluate(() => window.__firstSeen);
  out.parse = await page.evaluate((k) => (k === 'app' ? window.__ptceTimings?.parseIndexMs : window.__refParseMs), kind);
  if (process.env.BENCH_DEBUG) console.log(kind, JSON.stringify(await page.evaluate(() => ({ t: window.__ptceTimings, res: performance.getEntriesByType('resource').map((r) => [r.name.split('/').pop(), Math.round(r.startTime), Math.round(r.responseEnd)]) }))));
  await page.waitForTimeout(1500);
  // Keystrokes: three letters, a pause between them as a person types.
  await page.focus(kind === 'app' ? '#search-input' : '#q');
  await page.evaluate(() => { window.__events = []; });
  const filters = [];
  for (const ch of 'mar') {
    await page.keyboard.type(ch);
    await page.waitForTimeout(400);
    filters.push(await page.evaluate((k) => (k === 'app' ? window.__ptceTimings?.filterMs : window.__refFilterMs), kind));
  }
  out.filter = median(filters);
  const ev = await page.evaluate(() => window.__events.filter(([n]) => ['keydown', 'keypress', 'keyup', 'input', 'beforeinput'].includes(n)).map(([, d]) => d));
  out.keystroke = ev.length ? Math.max(...ev) : 15.9; // below the 16 ms reporting floor
  await page.fill(kind === 'app' ? '#search-input' : '#q', '');
  await page.waitForTimeout(800);
  // Map: show it (phones toggle it), pan and zoom with Leaflet's own calls.
  // The app builds its map when the map is first shown.
  if (kind === 'app') {
    await page.click('.pane-btn:nth-child(2)');
    await page.waitForFunction(() => window.__ptceLeaflet, null, { timeout: 30000 });
    await page.waitForFunction(() => document.querySelector('.ptce-marker, .ptce-cluster'), null, { timeout: 60000 });
  }
  // Pan and zoom once every marker is in the cluster group (both pages add
  // them in timed chunks): the figures are the map's, not the loading's.
  await page.waitForFunction((k) => (k === 'app' ? window.__ptceMapIdle?.() : window.__refMapIdle?.()), kind, { timeout: 60000 });
  await page.waitForTimeout(500);
  out.pan = await page.evaluate(async (k) => {
    const map = k === 'app' ? window.__ptceLeaflet : window.__refMap;
    const deltas = [];
    let last = performance.now();
    let run = true;
    const frame = (t) => { deltas.push(t - last); last = t; if (run) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
    for (let i = 0; i < 4; i += 1) {
      await new Promise((r) => { map.once('moveend', r); map.panBy([i % 2 ? -120 : 120, 60], { animate: true, duration: 0.4 }); });
    }
    run = false;
    return deltas.slice(1).reduce((a, b) => a + b, 0) / Math.max(1, deltas.length - 1);
  }, kind);
  out.zoom = await page.evaluate(async (k) => {
    const map = k === 'app' ? window.__ptceLeaflet : window.__refMap;
    const t0 = performance.now();
    await new Promise((r) => { map.once('zoomend', r); map.setZoom(map.getZoom() + 1, { animate: false }); });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  }, kind);
  const heap = await cdp.send('Runtime.getHeapUsage');
  out.heap = heap.usedSize / 1048576;
  await context.close();
  return out;
}

const server = await serve(DIST, {});
const browser = await launch();
const rows = [];
for (const size of SIZES) {
  const file = FILES[size];
  const runs = size === '100k' ? 1 : RUNS;
  const results = { app: [], ref: [] };
  // The two pages take turns, so that a machine slowing down or speeding up
  // during the run weighs on both alike and the ratios stay fair.
  for (let i = 0; i < runs; i += 1) {
    for (const kind of ['app', 'ref']) {
      const url = kind === 'app' ? `${server.url}?data=${file}.${APP_FORMAT}&bench=1` : `${server.url}bench/reference/?data=${file}.geojson`;
      // The build-time directory holds the bundled records: with another
      // dataset its cards are not that dataset's, so they are not counted.
      try { const r = await measure(browser, url, kind); if (kind === 'app' && size !== 'real') r.seen = NaN; results[kind].push(r); } catch (e) { console.error(`${size} ${kind}: ${e.message.split('\n')[0]}`); }
    }
  }
  for (const kind of ['app', 'ref']) {
    const m = {};
    for (const k of ['seen', 'ready', 'search', 'parse', 'filter', 'keystroke', 'pan', 'zoom', 'heap']) m[k] = median(results[kind].map((r) => r[k]));
    rows.push({ size, kind, runs: results[kind].length, ...m });
  }
}
await browser.close();
await server.close();

const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
console.log(`\nPhone viewport 360×740, CPU throttled 4×, tiles: ${TILES === 'local' ? 'a local stand-in' : 'server not answering'}, medians (ms unless noted)`);
console.log(['dataset', 'page', 'runs', 'card seen', 'ready', 'search ready', 'parse+index', 'filter', 'keystroke evt', 'pan frame', 'zoom', 'heap MiB'].map((s) => s.padStart(14)).join(''));
for (const r of rows) {
  console.log([r.size, r.kind === 'app' ? 'app' : 'reference', r.runs, f(r.seen, 0), f(r.ready, 0), f(r.search, 0), f(r.parse), f(r.filter, 2), f(r.keystroke), f(r.pan), f(r.zoom), f(r.heap)].map((s) => String(s).padStart(14)).join(''));
}
console.log('(card seen: first card on screen; ready: first card made by the page\'s script, openable; search ready: its search text folded)');
console.log('\nRatios ours / reference (≤ 1.0 means the app is faster)');
for (const size of SIZES) {
  const a = rows.find((r) => r.size === size && r.kind === 'app');
  const b = rows.find((r) => r.size === size && r.kind === 'ref');
  if (!a || !b) continue;
  console.log(`${size.padStart(6)}: card seen ${f(a.seen / b.seen, 2)}  ready ${f(a.ready / b.ready, 2)}  search ready ${f(a.search / b.search, 2)}  keystroke ${f(a.keystroke / b.keystroke, 2)}  filter ${f(a.filter / b.filter, 2)}  pan ${f(a.pan / b.pan, 2)}  zoom ${f(a.zoom / b.zoom, 2)}`);
}
const dataSize = (n) => { try { return readFileSync(`dist/data/${n}`).length; } catch { return NaN; } };
console.log(`\nDataset sizes (raw bytes, GeoJSON / compact): ${SIZES.map((s) => `${s} ${dataSize(`${FILES[s]}.geojson`)} / ${dataSize(`${FILES[s]}.bin`)}`).join(', ')}`);
