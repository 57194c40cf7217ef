// The shipped Content-Security-Policy is enforced and nothing violates it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve, launch, newPage, ready, countText, settle, showAllCards } from './harness.mjs';

const header = readFileSync('dist/csp-header.txt', 'utf8').replace(/^Content-Security-Policy:\s*/, '').trim();
let server;
let browser;
before(async () => { server = await serve('dist', { 'content-security-policy': header }); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the app runs under its strict CSP with no violation', async () => {
  assert.doesNotMatch(header, /script-src[^;]*'unsafe-inline'/);
  assert.doesNotMatch(header, /'unsafe-eval'/);
  const { page, context, errors } = await newPage(browser);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(server.url);
  await ready(page);
  const total = JSON.parse(readFileSync('public/data/ptce.geojson', 'utf8')).features.length;
  assert.equal(await countText(page), `${total} PTCE`);
  await showAllCards(page);
  await page.click('#card-fask');
  await page.waitForSelector('#detail-title');
  await settle(page, 1000);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors.filter((e) => /Content Security Policy/i.test(e)), []);
  await context.close();
});
