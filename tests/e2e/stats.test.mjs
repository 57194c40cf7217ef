// Statistics view and density layer: charts count the filtered PTCE exactly
// as the facets do, the density layer shades regions (circles for
// departments when zoomed in) without losing markers or filters, and a
// download still gives the filtered set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, newPage, ready, countText, mapTotal, settle } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// {value key: count} of a chart's table and of a facet group.
async function chartCounts(page, chart) {
  return page.$$eval(`.chart[data-chart="${chart}"] tbody tr`, (rows) => Object.fromEntries(rows.map((r) => [r.dataset.key, Number(r.querySelector('td').textContent)])));
}
async function facetCounts(page, facet) {
  return page.$$eval(`fieldset[data-facet="${facet}"] li`, (items) => Object.fromEntries(items.map((li) => [li.querySelector('input').id, Number(li.querySelector('.facet-count').textContent)])));
}
// Facet checkbox ids are f-{facet}-{slug(value)}: map chart keys the same way.
const slug = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
function keyed(facet, counts) {
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [`f-${facet}-${slug(k)}`, v]));
}

test('statistics: open, chart counts equal facet counts, follow the filters, context with sources', async () => {
  const { page, context } = await newPage(browser);
  await page.goto(server.url);
  await ready(page);
  await page.click('.stats-toggle');
  await page.waitForSelector('.stats-panel');
  assert.equal(await page.getAttribute('.stats-toggle', 'aria-pressed'), 'true');
  assert.match(page.url(), /stats=1/);
  assert.equal(await page.locator('.card').count(), 0, 'the charts replace the cards');
  for (const [chart, facet] of [['region', 'region'], ['sector', 'secteur'], ['phase', 'phase']]) {
    assert.deepEqual(keyed(facet, await chartCounts(page, chart)), await facetCounts(page, facet), chart);
  }
  // Every chart is an SVG image with its values in words.
  const alt = await page.getAttribute('.chart[data-chart="region"] svg', 'aria-label');
  assert.match(alt, /Provence-Alpes-Côte d'Azur : \d+/);
  assert.equal(await page.locator('.chart[data-chart="region"] svg rect').count(), Object.keys(await chartCounts(page, 'region')).length);
  // A filter on sector: the region chart now counts the filtered PTCE only.
  await page.locator('fieldset[data-facet="secteur"] label').first().click();
  await page.waitForFunction(() => /secteur=/.test(location.search));
  await settle(page, 300);
  const total = Number((await countText(page)).replace(/\D/g, ''));
  const regions = await chartCounts(page, 'region');
  assert.equal(Object.values(regions).reduce((a, b) => a + b, 0), total);
  assert.deepEqual(keyed('region', regions), await facetCounts(page, 'region'));
  // Recognition years: a PTCE counts once a year.
  const years = await chartCounts(page, 'year');
  for (const y of Object.keys(years)) assert.match(y, /^20\d\d$/);
  // Context figures, each with its source named.
  const ctx = await page.textContent('.context-figures');
  for (const fact of ['56 en 2021, 218 en 2025', '180 dossiers', '130 recevables', '23 lauréats', '8 pôles témoins', '15 lauréats', '100 000 euros sur deux ans', '67 candidatures']) {
    assert.ok(ctx.includes(fact), fact);
  }
  assert.equal(await page.locator('.context-figures cite').count(), 4);
  // Back to the cards.
  await page.click('.stats-back');
  await page.waitForSelector('.card');
  assert.doesNotMatch(page.url(), /stats=1/);
  await context.close();
});

test('density layer: regions shaded, department circles when zoomed in, markers and filters kept; a download follows', async () => {
  const { page, context } = await newPage(browser, { acceptDownloads: true });
  await page.goto(server.url);
  await ready(page);
  await page.waitForSelector('.leaflet-ptceRegions-pane path', { state: 'attached' });
  const all = Number((await countText(page)).replace(/\D/g, ''));
  assert.equal(await mapTotal(page, all), all);
  const fills = () => page.$$eval('.leaflet-ptceRegions-pane path', (ps) => ps.map((p) => p.getAttribute('fill')).filter((f) => f && f !== 'none'));
  assert.equal((await fills()).length, 0);
  await page.click('.density-toggle');
  await page.waitForSelector('.density-legend[data-level="region"]');
  assert.match(page.url(), /densite=1/);
  assert.equal((await fills()).length, 13, 'every region shaded, empty ones included');
  assert.ok(new Set(await fills()).size >= 3, 'several classes');
  const classes = await page.locator('.density-legend li').count();
  assert.ok(classes >= 3, 'legend lists the classes');
  assert.equal(await mapTotal(page, all), all, 'markers still on the map');
  // A region filter: kept with the layer on; zoom in to the departments.
  await page.locator('fieldset[data-facet="region"] label', { hasText: 'Provence' }).click();
  await page.waitForFunction(() => /region=93/.test(location.search) && /densite=1/.test(location.search));
  const total = Number((await countText(page)).replace(/\D/g, ''));
  const departments = await page.locator('fieldset[data-facet="dep"] li').count();
  await settle(page, 800);
  for (let i = 0; i < 6 && !(await page.locator('.density-legend[data-level="department"]').count()); i += 1) {
    await page.click('.leaflet-control-zoom-in');
    await settle(page, 400);
  }
  await page.waitForSelector('.density-legend[data-level="department"]');
  await page.waitForFunction((n) => document.querySelectorAll('.leaflet-ptceDensity-pane path').length === n, departments, { timeout: 5000 });
  assert.equal(await page.locator('.leaflet-tooltip.density-count').count(), departments);
  const circleSum = await page.$$eval('.leaflet-tooltip.density-count', (ts) => ts.reduce((a, t) => a + Number(t.textContent), 0));
  // Region-precision records have no department: the legend says how many.
  const unplaced = Number(((await page.textContent('.density-legend')).match(/\(non représentés\) : (\d+)/) || [0, 0])[1]);
  assert.equal(circleSum + unplaced, total, 'circles plus the unplaced add up to the selection');
  assert.equal((await fills()).length, 0, 'region fills give way to circles');
  // Off again: nothing shaded, markers and filters unchanged.
  await page.click('.density-toggle');
  await page.waitForSelector('.density-legend', { state: 'detached' });
  assert.equal(await page.locator('.leaflet-ptceDensity-pane path').count(), 0);
  assert.equal(await countText(page), `${total} PTCE`);
  assert.match(page.url(), /region=93/);
  // Statistics and a download of the same selection.
  await page.click('.stats-toggle');
  await page.waitForSelector('.stats-panel');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('.export-csv')]);
  const rows = readFileSync(await dl.path(), 'utf8').split('\r\n').slice(1).filter(Boolean);
  assert.equal(rows.length, total);
  await context.close();
});
