// Where a keystroke's time goes on a phone (360×740, 4× CPU): self time by
// function from a CPU profile taken while typing "mar" in the search box,
// after the load. A diagnostic, not a test; wasm functions are named only in
// a build whose wasm keeps its name section.
// Usage: node scripts/profile-typing.mjs [dataset file] [dist]
import { serve, launch } from '../tests/e2e/harness.mjs';
import { throttledPhone, selfTimeLines } from './phone.mjs';
const file = process.argv[2] || 'ptce.geojson';
const srv = await serve(process.argv[3]); const browser = await launch();
const { page, cdp } = await throttledPhone(browser);
await page.goto(`${srv.url}?data=${file}&bench=1`);
await page.waitForSelector('.card .card-open', { timeout: 90000 });
await page.waitForTimeout(1500);
console.log(`timings before typing: ${JSON.stringify(await page.evaluate(() => window.__ptceTimings))}`);
await page.focus('#search-input');
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const filter = [];
for (const ch of 'mar') {
  await page.keyboard.type(ch);
  await page.waitForTimeout(400);
  filter.push(await page.evaluate(() => window.__ptceTimings?.filterMs));
}
const { profile } = await cdp.send('Profiler.stop');
console.log(`filterMs per key: ${filter.map((x) => x?.toFixed(1)).join(', ')}`);
console.log(selfTimeLines(profile, (k) => !k.startsWith('(idle)')));
await browser.close(); srv.close();
