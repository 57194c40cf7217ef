// Phones, iframes and sharing, end to end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, newPage, ready, countText, settle } from './harness.mjs';

const features = JSON.parse(readFileSync('public/data/ptce.geojson', 'utf8')).features;
const PACA = features.filter((f) => f.properties.region_code === '93').length;
let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('embedded in a sandboxed iframe with a locked region preset, resized by postMessage', async () => {
  const { page, context, errors } = await newPage(browser);
  await page.goto(`${server.url}host/embed.html`);
  const frame = page.frameLocator('#map');
  await frame.locator('.card').first().waitFor({ timeout: 20000 });
  assert.equal((await frame.locator('.result-count').textContent()).trim(), `${PACA} PTCE`);
  assert.equal(await frame.locator('fieldset[data-facet="region"]').count(), 0, 'locked facet hidden');
  // Hidden, the preset is still said: the list tells what it covers.
  assert.equal((await frame.locator('.locked-scope').textContent()).trim(), "Périmètre de cette carte : Provence-Alpes-Côte d'Azur");
  // The preset is the host's frame, not a filter the visitor set: not
  // counted on the filters button, and no "clear all" for it alone.
  assert.equal(await frame.locator('.facets-toggle .badge').count(), 0);
  assert.equal(await frame.locator('button.clear-all').count(), 0);
  await frame.locator('#search-input').fill('marseille');
  await frame.locator('.facets-toggle .badge').waitFor({ state: 'attached', timeout: 5000 });
  assert.equal((await frame.locator('.facets-toggle .badge').textContent()).trim(), '1');
  await frame.locator('button.clear-all').click();
  await frame.locator('button.clear-all').waitFor({ state: 'detached', timeout: 5000 });
  assert.equal((await frame.locator('.result-count').textContent()).trim(), `${PACA} PTCE`, 'clearing keeps the preset');
  const link = frame.locator('a.full-map-link');
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.equal(await link.getAttribute('rel'), 'noopener');
  assert.match(await link.getAttribute('href'), /region=93/);
  assert.doesNotMatch(await link.getAttribute('href'), /embed=1/);
  await page.waitForFunction(() => document.getElementById('map').hasAttribute('data-ptce-resized'), null, { timeout: 10000 });
  const h = await page.evaluate(() => Number(document.getElementById('map').getAttribute('data-ptce-resized')));
  assert.ok(h > 400, `iframe resized to ${h}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a locked preset is named in the visitor language; without a lock there is no scope line', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(`${server.url}?embed=1&lang=en&region=93&secteur=culture-creation&lock=region,secteur`);
  await ready(page);
  assert.equal((await page.locator('.locked-scope').textContent()).trim(), "This map covers: Provence-Alpes-Côte d'Azur · Culture, creative work and media");
  await page.goto(`${server.url}?region=93`);
  await ready(page);
  assert.equal(await page.locator('.locked-scope').count(), 0);
  await context.close();
});

test('the embed dialog builds an iframe snippet for the current filters', async () => {
  const { page, context } = await newPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(`${server.url}?secteur=culture-creation`);
  await ready(page);
  await page.click('#embed-open');
  await page.waitForSelector('dialog.embed-dialog[open]');
  const code = await page.inputValue('#embed-code');
  assert.match(code, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?secteur=culture-creation&amp;embed=1&amp;lock=secteur"/);
  assert.match(code, /title="Carte des pôles/);
  assert.match(code, /loading="lazy"/);
  assert.match(code, /sandbox="allow-scripts allow-same-origin allow-popups"/);
  assert.match(await page.inputValue('#embed-script'), /embed-resize\.js/);
  await page.keyboard.press('Escape');
  await page.waitForSelector('dialog.embed-dialog[open]', { state: 'detached' }).catch(() => {});
  assert.equal(await page.evaluate(() => document.querySelector('dialog.embed-dialog').open), false);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'embed-open', 'focus restored');
  await context.close();
});

test('copy link of the current view puts the URL in the clipboard', async () => {
  const { page, context } = await newPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.goto(`${server.url}?q=laine`);
  await ready(page);
  await page.click('.results-bar .copy-link');
  await settle(page, 200);
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /\?q=laine$/);
  // Typed just before copying: the address catches up with the typing.
  await page.fill('#search-input', 'bois');
  await page.click('.results-bar .copy-link');
  await settle(page, 100);
  assert.match(await page.evaluate(() => navigator.clipboard.readText()), /\?q=bois$/);
  await context.close();
});

test('near me, granted: distances, sorted by distance, radius filter', async () => {
  const { page, context } = await newPage(browser, {
    viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true,
    permissions: ['geolocation'], geolocation: { latitude: 43.2965, longitude: 5.3698 },
  });
  await page.goto(server.url);
  await ready(page);
  await page.click('.near-btn');
  await page.waitForSelector('.card-distance');
  const first = (await page.locator('.card-distance').first().textContent()).trim();
  assert.match(first, /^\d+(\.\d)? km$/);
  assert.ok(parseFloat(first) < 10, `nearest is ${first}`);
  assert.equal(await page.inputValue('#sort-select'), 'distance');
  await page.selectOption('#radius-select', '25');
  await page.waitForFunction((n) => document.querySelector('.result-count').textContent.trim() !== `${n} PTCE`, features.length);
  const km = await page.$$eval('.card-distance', (els) => els.map((e) => parseFloat(e.textContent)));
  assert.ok(km.length > 0 && km.every((k) => k <= 25), km.join(','));
  await context.close();
});

test('near me, refused: a clear message and nothing else changes', async () => {
  const { page, context } = await newPage(browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await page.goto(server.url);
  await ready(page);
  const before = await countText(page);
  await page.click('.near-btn');
  await page.waitForSelector('.near-me [role="alert"]');
  assert.match(await page.textContent('.near-me [role="alert"]'), /Position (refusée|indisponible)/);
  assert.equal(await countText(page), before);
  assert.equal(await page.locator('.card-distance').count(), 0);
  await context.close();
});
