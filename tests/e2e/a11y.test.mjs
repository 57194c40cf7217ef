// Accessibility: axe-core (from npm) on the main views, a keyboard-only path,
// the page without JavaScript, and print.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, newPage, ready, settle } from './harness.mjs';

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function axe(page, frame) {
  const target = frame || page;
  await target.evaluate(AXE);
  const result = await target.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    rules: {
      // Leaflet draws its own attribution and tile images; region at the
      // page level is satisfied by our landmarks. No rule is disabled.
    },
  }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

test('axe: first load, filters, detail, phone, embed', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  await settle(page, 800);
  assert.deepEqual(await axe(page), [], 'first load');
  await page.locator('fieldset[data-facet="secteur"] label').first().click();
  await settle(page, 300);
  assert.deepEqual(await axe(page), [], 'filters applied');
  await page.click('.card-open >> nth=0');
  await page.waitForSelector('#detail-title');
  assert.deepEqual(await axe(page), [], 'detail view');
  await context.close();

  const phone = await newPage(browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await phone.page.goto(server.url);
  await ready(phone.page);
  await phone.page.click('.facets-toggle');
  assert.deepEqual(await axe(phone.page), [], 'phone, filters open');
  await phone.context.close();

  const embed = await newPage(browser);
  await embed.page.goto(`${server.url}?embed=1&region=84&lock=region`);
  await ready(embed.page);
  assert.deepEqual(await axe(embed.page), [], 'embed mode');
  await embed.context.close();

  const stats = await newPage(browser);
  await stats.page.goto(`${server.url}?stats=1&densite=1`);
  await stats.page.waitForSelector('.chart svg rect');
  await stats.page.waitForSelector('.density-legend');
  await stats.page.click('.chart[data-chart="region"] summary');
  assert.deepEqual(await axe(stats.page), [], 'statistics and density layer');
  await stats.context.close();
});

async function tabUntil(page, predicate, max = 400) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return true;
  }
  return false;
}

test('keyboard only: search, filter, open a PTCE from a marker, close, focus back', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  await settle(page, 800);
  assert.ok(await tabUntil(page, () => document.activeElement.id === 'search-input'), 'reach the search field');
  await page.keyboard.type('marseille');
  await page.waitForFunction(() => /^\d+ PTCE$/.test(document.querySelector('.result-count').textContent.trim()) && document.querySelectorAll('.card').length < 20);
  assert.ok(await tabUntil(page, () => document.activeElement.matches('fieldset[data-facet="secteur"] input')), 'reach a sector checkbox');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => /secteur=/.test(location.search));
  await settle(page, 800);
  assert.ok(await tabUntil(page, () => document.activeElement.classList.contains('ptce-marker')), 'reach a marker');
  const name = await page.evaluate(() => document.activeElement.getAttribute('title'));
  await page.keyboard.press('Enter');
  await page.waitForSelector('#detail-title');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'detail-title');
  assert.ok(name.startsWith((await page.textContent('#detail-title')).trim()), `${name}`);
  await page.keyboard.press('Escape');
  await page.waitForSelector('.detail', { state: 'detached' });
  const back = await page.evaluate(() => document.activeElement.outerHTML.slice(0, 120));
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('ptce-marker')), `focus back on the marker, not ${back}`);
  await context.close();
});

test('keyboard: the skip link jumps to the results', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'results');
  await context.close();
});

test('without JavaScript the page is a readable directory of every PTCE', async () => {
  const total = JSON.parse(readFileSync('public/data/ptce.geojson', 'utf8')).features.length;
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url);
  assert.match(await page.textContent('h1'), /PTCE/);
  assert.equal(await page.locator('#static-directory .card').count(), total);
  assert.equal(await page.locator('#static-directory a[href^="tel:+33"]').count() > 10, true);
  assert.match(await page.getAttribute('meta[name="description"]', 'content'), /PTCE/);
  assert.ok(await page.locator('meta[property="og:title"]').count() === 1);
  await context.close();
});

test('the app replaces the static directory without shifting the layout', async () => {
  const { page, context } = await newPage(browser);
  await page.addInitScript(() => {
    window.__cls = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
      .observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(server.url);
  await ready(page);
  await settle(page, 1500);
  assert.equal(await page.locator('#static-directory').count(), 0);
  const cls = await page.evaluate(() => window.__cls);
  console.log(`  cumulative layout shift: ${cls.toFixed(4)}`);
  assert.ok(cls <= 0.02, `CLS ${cls}`);
  await context.close();
});

test('print gives the filtered directory with contacts and no interface chrome', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(`${server.url}?region=93`);
  await ready(page);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.map-pane'), false);
  assert.equal(await page.isVisible('.sidebar'), false);
  assert.equal(await page.isVisible('.lang-switch'), false);
  assert.equal(await page.isVisible('.card-contacts >> nth=0'), true);
  assert.match(await page.textContent('.card-contacts >> nth=0'), /\d{2} \d{2} \d{2}|@|http/);
  await context.close();
});
