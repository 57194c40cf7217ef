// Where a phone load (360×740, 4× CPU) spends its JavaScript and wasm time:
// self time by function from a CPU profile, from navigation to the first card.
// A diagnostic, not a test. Wasm functions are named only in a build whose
// wasm keeps its name section. Usage: node scripts/profile-load.mjs [query] [dist]
import { serve, launch } from '../tests/e2e/harness.mjs';
import { throttledPhone, selfTimeLines } from './phone.mjs';
const srv = await serve(process.argv[3]); const browser = await launch();
const { page, cdp } = await throttledPhone(browser);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.goto(srv.url + (process.argv[2] || ''));
await page.waitForSelector('.card .card-open', { timeout: 90000 });
await page.waitForTimeout(300);
const { profile } = await cdp.send('Profiler.stop');
console.log(selfTimeLines(profile));
await browser.close(); srv.close();
