// Where a keystroke's time goes on a phone (360×740, 4× CPU): self time by
// function from a CPU profile taken while typing "mar" in the search box,
// after the load. A diagnostic, not a test; wasm functions are named only in
// a build whose wasm keeps its name section.
// Usage: node scripts/profile-typing.mjs [dataset file] [dist]
import { serve, launch } from '../tests/e2e/harness.mjs';
const file = process.argv[2] || 'ptce.geojson';
const srv = await serve(process.argv[3]); const browser = await launch();
const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
const page = await context.newPage();
await page.route(/tile\.openstreetmap\.org/, (r) => r.abort());
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
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
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = new Map();
for (let i = 0; i < profile.samples.length; i += 1) dt.set(profile.samples[i], (dt.get(profile.samples[i]) || 0) + (profile.timeDeltas[i] || 0) / 1000);
for (const [id, ms] of dt) { const f = byId.get(id).callFrame; const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}`; self.set(k, (self.get(k) || 0) + ms); }
console.log(`filterMs per key: ${filter.map((x) => x?.toFixed(1)).join(', ')}`);
console.log([...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP || 40)).map(([k, v]) => `${v.toFixed(1)}\t${k.slice(0, 150)}`).join('\n'));
await browser.close(); srv.close();
