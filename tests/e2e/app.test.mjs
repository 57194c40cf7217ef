// End-to-end: the built dist/ in headless Chromium, used as a visitor would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, newPage, ready, countText, mapTotal, settle, showAllCards } from './harness.mjs';

const TOTAL = JSON.parse(readFileSync('public/data/ptce.geojson', 'utf8')).features.length;
let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('first load: every PTCE as a card and on the map, no console error, no third-party request', async () => {
  const { page, context, errors, outside } = await newPage(browser);
  const t0 = Date.now();
  await page.goto(server.url);
  await ready(page);
  console.log(`  time to first card: ${Date.now() - t0} ms`);
  assert.equal(await countText(page), `${TOTAL} PTCE`);
  await settle(page, 800);
  assert.equal(await mapTotal(page, TOTAL), TOTAL, 'markers + cluster counts');
  // Cards come a page at a time; "more" reveals the rest, in order.
  assert.equal(await page.locator('.card').count(), 24);
  assert.match(await page.textContent('button.more'), /24/);
  await showAllCards(page);
  assert.equal(await page.locator('.card').count(), TOTAL);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
  await context.close();
});

test('content first: the app and its data download once the page is painted, not before', async () => {
  // Nothing in the page asks for them early (a preload would share a slow
  // network with the page and its style sheet before the first paint).
  const html = await (await fetch(server.url)).text();
  assert.doesNotMatch(html, /<link rel="(?:module)?preload"/);
  const { page, context, errors } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    const start = (re) => res.find((r) => re.test(r.name))?.startTime;
    return {
      parsed: nav.domInteractive,
      css: res.find((r) => /\.css$/.test(r.name))?.responseEnd,
      wasm: start(/_bg\.wasm$/),
      glue: start(/ptce-map-[0-9a-f]+\.js$/),
      data: start(/ptce\.bin$/),
      paint: performance.getEntriesByType('paint').length,
    };
  });
  assert.ok(t.paint > 0, 'the page was painted');
  for (const k of ['wasm', 'glue', 'data']) {
    assert.ok(t[k] >= t.parsed && t[k] >= t.css, `${k} starts at ${t[k]} ms, after the page (${t.parsed}) and its style (${t.css})`);
  }
  assert.equal(await countText(page), `${TOTAL} PTCE`);
  assert.deepEqual(errors, []);
  await context.close();
});

// The file names the page asks for under data/, in order, as it asks.
function dataRequests(page) {
  const asked = [];
  page.on('request', (r) => { if (/\/data\//.test(r.url())) asked.push(r.url().split('/').pop()); });
  return asked;
}

test('the app reads the compact data file, and the published GeoJSON gives the same directory', async () => {
  const { page, context, errors } = await newPage(browser);
  const asked = dataRequests(page);
  await page.goto(server.url);
  await ready(page);
  assert.deepEqual(asked, ['ptce.bin'], 'one download for the data, the compact file');
  await showAllCards(page);
  const fromCompact = await page.$$eval('.card h3', (hs) => hs.map((h) => h.textContent));
  await page.goto(`${server.url}?data=ptce.geojson`);
  await ready(page);
  await showAllCards(page);
  const fromGeojson = await page.$$eval('.card h3', (hs) => hs.map((h) => h.textContent));
  assert.equal(fromCompact.length, TOTAL);
  assert.deepEqual(fromGeojson, fromCompact);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a dataset named in the address downloads while the wasm compiles, and the bundled one does not', async () => {
  const { page, context, errors } = await newPage(browser);
  const asked = dataRequests(page);
  await page.goto(`${server.url}?data=ptce.geojson`);
  await ready(page);
  assert.deepEqual(asked, ['ptce.geojson']);
  const t = await page.evaluate(() => ({
    data: performance.getEntriesByType('resource').find((r) => /ptce\.geojson$/.test(r.name)).startTime,
    asked: window.__ptceTimings.fetchStartMs,
  }));
  assert.ok(t.data < t.asked, `the download started at ${t.data} ms, before the app asked for it at ${t.asked} ms`);
  // A name the app would refuse is not fetched early either.
  asked.length = 0;
  await page.goto(`${server.url}?data=..%2Fsecret.geojson`);
  await ready(page);
  assert.deepEqual(asked, ['ptce.bin']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a page that is never drawn (a hidden frame) still starts the app', async () => {
  const { page, context } = await newPage(browser);
  // No animation frame ever comes, as in a frame the browser does not draw.
  await page.addInitScript(() => { window.requestAnimationFrame = () => 0; });
  await page.goto(server.url);
  await ready(page);
  assert.equal(await countText(page), `${TOTAL} PTCE`);
  await context.close();
});

test('new results start again from the top: first screenful at once, the page a frame later', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  await page.waitForSelector('button.more');
  await page.click('button.more');
  await page.waitForFunction(() => document.querySelectorAll('.card').length === 48);
  // Record how many cards each frame shows after a sort change.
  const frames = await page.evaluate(async () => {
    const seen = [];
    const select = document.querySelector('#sort-select');
    select.value = [...select.options].map((o) => o.value).find((v) => v !== select.value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
    for (let i = 0; i < 6; i += 1) {
      seen.push(document.querySelectorAll('.card').length);
      await new Promise((r) => requestAnimationFrame(r));
    }
    return seen;
  });
  // (The list updates in the microtasks after the event: the first count
  // read is the old 48.)
  assert.equal(frames.find((n) => n !== 48), 6, `first screenful first (${frames})`);
  assert.equal(frames.at(-1), 24, `then one page, from the top (${frames})`);
  assert.match(await page.textContent('button.more'), /24/);
  await context.close();
});

test('search is accent-insensitive and narrows cards and markers', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  await page.fill('#search-input', 'epopee');
  await page.waitForFunction(() => document.querySelector('.result-count').textContent.trim() === '1 PTCE');
  assert.match(await page.textContent('.card-list'), /Un collectif au service du territoire/);
  await settle(page, 600);
  assert.equal(await mapTotal(page, 1), 1);
  assert.match(page.url(), /q=epopee/);
  await context.close();
});

test('a facet filters, shows counts, and lands in the URL', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  const label = page.locator('fieldset[data-facet="region"] label', { hasText: 'Auvergne-Rhône-Alpes' });
  const expected = Number((await label.locator('.facet-count').textContent()).trim());
  assert.ok(expected > 0 && expected < TOTAL);
  await label.click();
  await page.waitForFunction((n) => document.querySelector('.result-count').textContent.trim() === `${n} PTCE`, expected);
  assert.match(page.url(), /region=84/);
  await settle(page, 700);
  assert.equal(await mapTotal(page, expected), expected);
  // The other regions still show what they would add.
  const paca = await page.locator('fieldset[data-facet="region"] label', { hasText: 'Provence' }).locator('.facet-count').textContent();
  assert.ok(Number(paca) > 0);
  await context.close();
});

test('selecting a card opens its detail and its popup on the map', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  await showAllCards(page);
  await page.click('#card-fask');
  await page.waitForSelector('#detail-title');
  assert.equal((await page.textContent('#detail-title')).trim(), 'Fask');
  assert.match(page.url(), /ptce=fask/);
  await page.waitForSelector('.leaflet-popup', { timeout: 5000 });
  assert.match(await page.textContent('.leaflet-popup'), /Fask/);
  assert.equal(await page.getAttribute('.detail a[href^="tel:"]', 'href'), 'tel:+33484885287');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'detail-title');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.detail', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'card-fask', 'focus returns to the card');
  await context.close();
});

test('wide screen: an open detail leaves the data credits of the footer in view and the page its height', async () => {
  // 1000 px: the credits take two lines there.
  for (const width of [1280, 1000]) {
    const { page, context } = await newPage(browser, { viewport: { width, height: 700 } });
    await page.goto(server.url);
    await ready(page);
    const height = () => page.evaluate(() => document.documentElement.scrollHeight);
    const before = await height();
    await page.locator('.card .card-open').first().click();
    await page.waitForSelector('#detail-title');
    const seen = await page.evaluate(() => {
      const footer = document.querySelector('.site-footer').getBoundingClientRect();
      // Points along the credits' first line, from its left end.
      return [20, 200, 400].map((x) => document.elementFromPoint(x, footer.top + 12)?.closest('.site-footer') !== null);
    });
    assert.deepEqual(seen, [true, true, true], `${width} px: credits covered`);
    assert.equal(await height(), before, `${width} px: the open detail made the page taller`);
    await context.close();
  }
});

test('clicking a marker selects its PTCE; hovering a card highlights its marker', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(`${server.url}?q=okhra`);
  await ready(page);
  await settle(page, 800);
  await page.hover('.card');
  assert.equal(await page.locator('.ptce-marker.is-hovered').count(), 1);
  await page.click('.leaflet-marker-pane .ptce-marker');
  await page.waitForSelector('#detail-title');
  assert.equal((await page.textContent('#detail-title')).trim(), 'Okhra');
  assert.equal(await page.locator('.card.is-selected').count(), 1);
  await context.close();
});

test('a cluster shows its count in the middle of its disc', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  await page.waitForSelector('.ptce-cluster span', { timeout: 8000 });
  await settle(page, 800);
  const offsets = await page.evaluate(() => [...document.querySelectorAll('.ptce-cluster')].map((c) => {
    const [a, b] = [c.getBoundingClientRect(), c.querySelector('span').getBoundingClientRect()];
    return Math.max(Math.abs(a.x + a.width / 2 - (b.x + b.width / 2)), Math.abs(a.y + a.height / 2 - (b.y + b.height / 2)));
  }));
  assert.ok(offsets.length > 0, 'the real data makes clusters at the first view');
  assert.ok(Math.max(...offsets) <= 2, `count off centre by ${Math.max(...offsets)} px`);
  await context.close();
});

test('a popup opened from the address is not hidden under the map controls', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(`${server.url}?vue=43.2965,5.3698,9&ptce=bou-sol`);
  await ready(page);
  await page.waitForSelector('.leaflet-popup', { timeout: 8000 });
  await settle(page, 1000);
  const overlaps = await page.evaluate(() => {
    const popup = document.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
    return ['.density-toggle', '.leaflet-control-zoom'].filter((sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return popup.left < r.right && r.left < popup.right && popup.top < r.bottom && r.top < popup.bottom;
    });
  });
  assert.deepEqual(overlaps, []);
  await context.close();
});

test('a PTCE inside a cluster is revealed when chosen from the list', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  await settle(page, 800);
  await showAllCards(page);
  await page.click('#card-hisseo');
  await page.waitForSelector('.leaflet-popup', { timeout: 8000 });
  assert.match(await page.textContent('.leaflet-popup'), /Hisseo/);
  await context.close();
});

test('a permalink reopens the detail after reload', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(`${server.url}?ptce=bou-sol`);
  await page.waitForSelector('#detail-title');
  assert.equal((await page.textContent('#detail-title')).trim(), "Bou'Sol");
  await page.reload();
  await page.waitForSelector('#detail-title');
  assert.equal((await page.textContent('#detail-title')).trim(), "Bou'Sol");
  await context.close();
});

test('Back undoes a filter', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  await page.locator('fieldset[data-facet="secteur"] label', { hasText: 'Mode et textile' }).click();
  await page.waitForFunction((n) => document.querySelector('.result-count').textContent.trim() !== `${n} PTCE`, TOTAL);
  assert.match(page.url(), /secteur=mode-textile/);
  await page.goBack();
  await page.waitForFunction((n) => document.querySelector('.result-count').textContent.trim() === `${n} PTCE`, TOTAL);
  assert.equal(await page.isChecked('fieldset[data-facet="secteur"] input[id$="mode-textile"]'), false);
  await context.close();
});

test('the address follows typing once it pauses; Back after a filter returns to the typed text', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  const entries = await page.evaluate(() => history.length);
  await page.type('#search-input', 'ass', { delay: 30 });
  await page.waitForFunction(() => /[?&]q=ass\b/.test(location.search));
  assert.equal(await page.evaluate(() => history.length), entries, 'typing adds no history entry');
  // A filter right after typing: the text keeps its own entry.
  await page.type('#search-input', 'o', { delay: 0 });
  await page.locator('fieldset[data-facet="secteur"] label').first().click();
  await page.waitForFunction(() => /secteur=/.test(location.search));
  assert.match(page.url(), /q=asso\b/);
  await page.goBack();
  await page.waitForFunction(() => !/secteur=/.test(location.search));
  assert.match(page.url(), /q=asso\b/);
  assert.equal(await page.inputValue('#search-input'), 'asso');
  await context.close();
});

test('bad URL parameters are ignored, never fatal', async () => {
  const { page, context, errors } = await newPage(browser);
  await page.goto(`${server.url}?region=99,zz&ptce=%3Cscript%3E&tri=xyz&vue=900,1,2&unknown=1`);
  await ready(page);
  assert.equal(await countText(page), `${TOTAL} PTCE`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a dataset that cannot be fetched shows a message and a retry button', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(`${server.url}?data=missing.geojson`);
  await page.waitForSelector('.notice-error');
  assert.match(await page.textContent('.notice-error'), /n'ont pas pu être chargées/);
  assert.equal(await page.locator('button.retry').count(), 1);
  assert.ok(await page.isVisible('.map'), 'the page is not blank');
  await page.goto(`${server.url}?data=not-json.geojson`);
  await page.waitForSelector('.notice-error');
  await context.close();
});

test('after a failed load, the retry button loads the data once the network is back', async () => {
  const { page, context } = await newPage(browser);
  let offline = true;
  await page.route(/data\/ptce\.bin/, (r) => (offline ? r.abort() : r.continue()));
  await page.goto(server.url);
  await page.waitForSelector('.notice-error');
  assert.equal(await page.locator('.card .card-open').count(), 0);
  offline = false;
  await page.click('button.retry');
  await page.waitForSelector('.card .card-open');
  assert.equal(await page.locator('.notice-error').count(), 0, 'the error is gone');
  assert.equal(await countText(page), '75 PTCE');
  await page.fill('#search-input', 'marseille');
  await page.waitForFunction(() => !/^75 PTCE/.test(document.querySelector('.result-count').textContent.trim()));
  assert.ok((await page.locator('.card .card-open').count()) > 0, 'the reloaded data is searchable');
  await context.close();
});

test('broken records are skipped and counted; the rest show', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(`${server.url}?data=two-broken.geojson`);
  await ready(page);
  assert.equal(await countText(page), '5 PTCE');
  assert.match(await page.textContent('.notice-warn'), /2 fiche/);
  await context.close();
});

test('once tiles cover the map, the land under them is no longer drawn; region borders stay', async () => {
  const { page, context, errors } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  await page.waitForSelector('.leaflet-tile-pane img.leaflet-tile-loaded');
  await page.waitForSelector('.leaflet-ptceRegions-pane path');
  await page.waitForFunction(() => !document.querySelector('.leaflet-ptceLand-pane path'));
  // Still none after a zoom, whose tiles come in whole too.
  await page.click('.leaflet-control-zoom-in');
  await settle(page, 800);
  assert.equal(await page.locator('.leaflet-ptceLand-pane path').count(), 0);
  assert.equal(await page.locator('.leaflet-ptceRegions-pane path').count(), 13);
  assert.equal(await page.locator('.map-notice').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('with no tile server the bundled outline still shows France', async () => {
  const { page, context, errors } = await newPage(browser, { tiles: 'abort' });
  await page.goto(server.url);
  await ready(page);
  await page.waitForSelector('.map-notice', { timeout: 10000 });
  await page.waitForSelector('.leaflet-ptceLand-pane path');
  await page.waitForSelector('.leaflet-ptceRegions-pane path');
  assert.ok(await page.locator('.leaflet-ptceLand-pane path').count() >= 1, 'France outline drawn');
  assert.equal(await page.locator('.leaflet-ptceRegions-pane path').count(), 13, 'the 13 metropolitan regions');
  assert.equal(await countText(page), `${TOTAL} PTCE`);
  // The silent server is taken off the map: zooming asks it for nothing.
  const tileRequests = () => page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.includes('tile.')).length);
  await page.waitForFunction(() => !document.querySelector('.leaflet-tile-pane img'));
  const before = await tileRequests();
  await page.click('.leaflet-control-zoom-in');
  await page.waitForTimeout(600);
  assert.equal(await tileRequests(), before, 'no tile asked after the server failed');
  // "Try again" asks it again; still silent, so the notice comes back.
  await page.click('.tiles-retry');
  await page.waitForFunction((n) => performance.getEntriesByType('resource').filter((r) => r.name.includes('tile.')).length > n, before);
  await page.waitForSelector('.map-notice .tiles-retry', { timeout: 10000 });
  assert.ok(errors.every((e) => /Failed to load resource/.test(e)), errors.join('\n'));
  const { page: p2, context: c2, outside } = await newPage(browser);
  await p2.goto(`${server.url}?tiles=none`);
  await ready(p2);
  await p2.waitForSelector('.map-notice');
  assert.equal(await p2.locator('.tiles-retry').count(), 0, 'no retry when told to use no tiles');
  assert.equal(await p2.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.includes('tile.')).length), 0);
  assert.deepEqual(outside, []);
  await context.close();
  await c2.close();
});

test('English interface through ?lang=en and the switcher', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(`${server.url}?lang=en`);
  await ready(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('label[for="search-input"]'), /Search a PTCE/);
  await page.click('.lang-switch');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.doesNotMatch(page.url(), /lang=en/);
  await context.close();
});

test('phone: first cards on the first screen, search and switch kept in reach, the list comes back where it was', async () => {
  const { page, context } = await newPage(browser, { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  await page.goto(server.url);
  await ready(page);
  const firstCard = await page.evaluate(() => document.querySelector('.card').getBoundingClientRect().top);
  assert.ok(firstCard < 740 - 120, `first card starts at ${firstCard}px`);
  // Shown and not covered: the centre of each control hits the control.
  const inReach = () => page.evaluate(() => ['#search-input', '.facets-toggle', '.pane-btn:nth-child(2)'].map((sel) => {
    const el = document.querySelector(sel);
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return r.top >= 0 && r.bottom <= innerHeight && (hit === el || el.contains(hit));
  }));
  await page.evaluate(() => window.scrollTo(0, 2500));
  await settle(page, 300);
  assert.deepEqual(await inReach(), [true, true, true], 'search, filters and switch after scrolling the list');
  const bar = await page.evaluate(() => document.querySelector('.sidebar').getBoundingClientRect().height);
  assert.ok(bar <= 111, `the search bar that stays on screen is ${bar}px tall (at most 15% of the screen)`);
  await page.click('.pane-btn:nth-child(2)');
  await settle(page, 400);
  const [top, bottom] = await page.evaluate(() => { const r = document.querySelector('.map').getBoundingClientRect(); return [r.top, r.bottom]; });
  assert.ok(top >= 0 && bottom <= 741 && bottom - top > 450, `map from ${top} to ${bottom}px`);
  assert.deepEqual(await inReach(), [true, true, true], 'search, filters and switch over the map');
  const controlsApart = await page.evaluate(() => {
    const [a, b] = ['.density-toggle', '.legend summary'].map((s) => document.querySelector(s).getBoundingClientRect());
    // Apart by a visible gap, not merely touching (one hid the other's edge).
    return a.right + 4 <= b.left || b.right + 4 <= a.left || a.bottom + 4 <= b.top || b.bottom + 4 <= a.top;
  });
  assert.ok(controlsApart, 'the density switch and the legend stand apart');
  await page.click('.pane-btn:nth-child(1)');
  await settle(page, 400);
  assert.ok(Math.abs(await page.evaluate(() => window.scrollY) - 2500) < 5, 'the list is back where it was left');
  // Results changed while the map was shown: the list comes back from its start.
  await page.evaluate(() => window.scrollTo(0, 2500));
  await page.click('.pane-btn:nth-child(2)');
  await settle(page, 300);
  await page.fill('#search-input', 'solidaire');
  await settle(page, 400);
  await page.click('.pane-btn:nth-child(1)');
  await settle(page, 400);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'new results from their start');
  // A link taking focus under the floating switch is scrolled clear of it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page, 200);
  const obscured = await page.evaluate(() => {
    const pill = document.querySelector('.pane-toggle').getBoundingClientRect();
    const link = [...document.querySelectorAll('.card-open')].find((a) => {
      const r = a.getBoundingClientRect();
      return r.top < pill.bottom && r.bottom > pill.top;
    });
    if (!link) return 'no link under the switch to try';
    link.focus();
    const r = link.getBoundingClientRect();
    return r.bottom <= document.querySelector('.pane-toggle').getBoundingClientRect().top ? 'clear' : `under the switch at ${r.top}px`;
  });
  assert.equal(obscured, 'clear');
  // At the end of the page, the last lines clear the floating switch.
  await page.evaluate(() => window.scrollTo(0, 1e6));
  await settle(page, 300);
  const clear = await page.evaluate(() => document.querySelector('.site-footer p:last-child').getBoundingClientRect().bottom
    <= document.querySelector('.pane-toggle').getBoundingClientRect().top);
  assert.ok(clear, 'the footer ends above the switch');
  await context.close();
});

test('phone map: nothing at its bottom edge is under the floating switch (tile notice, credits, fitted markers)', async () => {
  const phone = { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true };
  // What lies under the switch, among the elements `sel` matches.
  const underSwitch = (page, sel) => page.evaluate((s) => {
    const pill = document.querySelector('.pane-toggle').getBoundingClientRect();
    return [...document.querySelectorAll(s)].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.left < pill.right && pill.left < r.right && r.top < pill.bottom && pill.top < r.bottom;
    }).map((el) => `${el.className} "${el.textContent.trim().slice(0, 30)}"`);
  }, sel);
  // A silent tile server: its notice and "Réessayer" stay in reach.
  const { page, context } = await newPage(browser, { tiles: 'abort', ...phone });
  await page.goto(server.url);
  await ready(page);
  await page.click('.pane-btn:nth-child(2)');
  await page.waitForSelector('.map-notice .tiles-retry', { timeout: 10000 });
  assert.deepEqual(await underSwitch(page, '.map-notice, .tiles-retry'), []);
  const retryHit = await page.evaluate(() => {
    const el = document.querySelector('.tiles-retry');
    const r = el.getBoundingClientRect();
    return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === el;
  });
  assert.ok(retryHit, 'a tap on « Réessayer » reaches it');
  await context.close();
  // Tiles that load: their credits stay readable, and fitting the results to
  // the map keeps every marker clear of it: here two PTCE, in the Nord and
  // in Haute-Loire, one above the other in the middle of the map.
  const { page: p2, context: c2 } = await newPage(browser, phone);
  await p2.goto(`${server.url}?dep=43,59`);
  await ready(p2);
  await p2.click('.pane-btn:nth-child(2)');
  await p2.waitForFunction(() => /OpenStreetMap/.test(document.querySelector('.leaflet-control-attribution')?.textContent), null, { timeout: 10000 });
  await settle(p2, 1200);
  assert.deepEqual(await underSwitch(p2, '.leaflet-control-attribution'), []);
  assert.deepEqual(await underSwitch(p2, '.ptce-marker, .ptce-cluster'), []);
  await c2.close();
});

test('phone: « Voir sur la carte » shows the open PTCE on the map; « Liste » or its popup brings its detail back', async () => {
  const { page, context } = await newPage(browser, { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  await page.goto(server.url);
  await ready(page);
  // Twice: the map built by this button, then the map already built.
  for (const nth of [0, 3]) {
    await page.click(`.card-open >> nth=${nth}`);
    await page.waitForSelector('.detail .see-on-map');
    const name = (await page.textContent('#detail-title')).trim();
    await page.click('.see-on-map');
    await page.waitForSelector('.detail', { state: 'hidden' });
    assert.equal(await page.isVisible('.map'), true, 'the map is shown');
    // Its popup, and no other one shown (a popup closed while the map was
    // hidden may still be fading out, at no opacity).
    const shownPopups = () => page.evaluate(() => [...document.querySelectorAll('.leaflet-popup')]
      .filter((p) => Number(getComputedStyle(p).opacity) > 0).map((p) => p.querySelector('strong').textContent.trim()));
    await page.waitForFunction((n) => [...document.querySelectorAll('.leaflet-popup')]
      .some((p) => getComputedStyle(p).opacity === '1' && p.querySelector('strong').textContent.trim() === n), name, { timeout: 10000 });
    assert.deepEqual(await shownPopups(), [name], 'its popup is open');
    assert.equal(await page.locator('.ptce-marker.is-selected').count(), 1, 'its marker is marked');
    assert.ok(new URL(page.url()).searchParams.get('ptce'), 'still selected in the address');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'map', 'focus moves to the map');
    // Back by the list, or by the popup's « Voir la fiche ».
    await page.click(nth === 0 ? '.pane-btn:nth-child(1)' : '.ptce-popup-open');
    await page.waitForSelector('.detail', { state: 'visible' });
    assert.equal((await page.textContent('#detail-title')).trim(), name, 'the same detail is back');
    await page.click('.detail-close');
    await page.waitForSelector('.detail', { state: 'detached' });
  }
  // Wide screens show the map beside the detail: no such button.
  const { page: wide, context: c2 } = await newPage(browser);
  await wide.goto(`${server.url}?ptce=fask`);
  await ready(wide);
  await wide.waitForSelector('.detail');
  assert.equal(await wide.isVisible('.see-on-map'), false);
  await c2.close();
  await context.close();
});

test('wide screen: a card link taking focus in the scrolled list is not hidden under the result tools', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  await showAllCards(page);
  await page.evaluate(() => { document.getElementById('results').scrollTop = 1500; });
  await settle(page, 300);
  const seen = await page.evaluate(() => {
    const pane = document.getElementById('results').getBoundingClientRect();
    const link = [...document.querySelectorAll('.card-open')].find((a) => {
      const r = a.getBoundingClientRect();
      return r.top > pane.top + 20 && r.top < pane.top + 120;
    });
    link.focus();
    const r = link.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
    return hit === link || link.contains(hit);
  });
  assert.ok(seen, 'the focused link is the element seen at its place');
  await context.close();
});

test('new results are shown from their start, after scrolling down the old ones (phone and wide screen)', async () => {
  const inSight = (page) => page.evaluate(() => {
    const bar = document.querySelector('.sidebar').getBoundingClientRect();
    const count = document.querySelector('.result-count').getBoundingClientRect();
    const top = innerWidth <= 900 ? bar.bottom - 1 : 0;
    return { count: count.top >= top && count.bottom <= innerHeight, paneTop: document.getElementById('results').scrollTop };
  });
  const scrollDown = (page) => page.evaluate(() => { window.scrollTo(0, 2500); document.getElementById('results').scrollTop = 2500; });
  for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
    const { page, context } = await newPage(browser, { viewport });
    await page.goto(server.url);
    await ready(page);
    await showAllCards(page);
    // Another order of the same 75: as long a list, from its start.
    await scrollDown(page);
    await settle(page, 300);
    await page.selectOption('#sort-select', 'region');
    await settle(page, 600);
    assert.deepEqual(await inSight(page), { count: true, paneTop: 0 }, `new order at ${viewport.width}px`);
    // A shorter list: its count and first cards, not its end.
    await showAllCards(page);
    await scrollDown(page);
    await settle(page, 300);
    await page.fill('#search-input', 'marseille');
    await settle(page, 600);
    assert.equal(await countText(page), '7 PTCE');
    assert.deepEqual(await inSight(page), { count: true, paneTop: 0 }, `search at ${viewport.width}px`);
    await context.close();
  }
});

test('phone: list and map toggle, no horizontal scroll at 320 px', async () => {
  for (const width of [320, 360]) {
    const { page, context } = await newPage(browser, { viewport: { width, height: 740 }, hasTouch: true, isMobile: true });
    await page.goto(server.url);
    await ready(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at ${width}`);
    assert.equal(await page.isVisible('.map'), false);
    await page.click('.pane-btn:nth-child(2)');
    assert.equal(await page.isVisible('.map'), true);
    await page.click('.pane-btn:nth-child(1)');
    await page.click('.card-open >> nth=0');
    await page.waitForSelector('.detail');
    await page.click('.detail-close');
    await page.waitForSelector('.detail', { state: 'detached' });
    await context.close();
  }
});
