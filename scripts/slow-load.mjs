// First paint and first card made by the app on a slow phone network (4× CPU,
// 412×823, network throttled by the browser: RTT and throughput below), for
// one or more builds taking turns run by run. A diagnostic, not a test.
// Usage: [RTT=150] [KBPS=1600] [N=7] node scripts/slow-load.mjs [dist ...]
import { serve, launch } from '../tests/e2e/harness.mjs';
import { throttledPhone } from './phone.mjs';

const dists = process.argv.slice(2).length ? process.argv.slice(2) : ['dist'];
const N = Number(process.env.N || 7);
const RTT = Number(process.env.RTT || 150);
const KBPS = Number(process.env.KBPS || 1600);
const servers = await Promise.all(dists.map((d) => serve(d)));
const browser = await launch();
const runs = dists.map(() => []);
for (let i = 0; i < N; i += 1) {
  for (let d = 0; d < dists.length; d += 1) {
    // Lighthouse's phone screen.
    const { context, page, cdp } = await throttledPhone(browser, { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: RTT, downloadThroughput: (KBPS * 1024) / 8, uploadThroughput: (675 * 1024) / 8 });
    await page.addInitScript(() => {
      window.__slow = {};
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__slow[e.name] = e.startTime; }).observe({ type: 'paint', buffered: true });
      const tick = () => { if (document.querySelector('.card .card-open')) window.__slow.card = performance.now(); else requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    await page.goto(servers[d].url, { timeout: 120000 });
    await page.waitForFunction(() => window.__slow.card, null, { timeout: 120000, polling: 100 });
    runs[d].push(await page.evaluate(() => ({
      fcp: window.__slow['first-contentful-paint'],
      card: window.__slow.card,
      wasm: performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'))?.startTime,
    })));
    await context.close();
  }
}
const median = (xs) => { const v = [...xs].sort((a, b) => a - b); return v[Math.floor((v.length - 1) / 2)]; };
console.log(`RTT ${RTT} ms, ${KBPS} kbit/s, 4× CPU, medians of ${N}`);
dists.forEach((d, i) => {
  const m = (k) => Math.round(median(runs[i].map((r) => r[k])));
  console.log(`${d}: first paint ${m('fcp')} ms, wasm requested ${m('wasm')} ms, first app card ${m('card')} ms`);
});
await browser.close();
for (const s of servers) await s.close();
