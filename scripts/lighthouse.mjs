// Lighthouse (npm `lighthouse`, mobile preset: simulated slow 4G and 4× CPU)
// against the built dist/ served on loopback, in the Debian chromium. Prints
// the Performance score and the metrics the budgets name; medians of N runs.
// Usage: node scripts/lighthouse.mjs [--runs N] [query]
import { spawn } from 'node:child_process';
import lighthouse from 'lighthouse';
import { serve } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const query = args.filter((a, i) => i !== runsAt && i !== runsAt + 1)[0] || '';
const PORT = 9333;

const chrome = spawn(process.env.CHROMIUM || '/usr/bin/chromium', [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  `--remote-debugging-port=${PORT}`, '--user-data-dir=/tmp/ptce-lighthouse-profile', 'about:blank',
], { stdio: 'ignore' });
// Wait for the DevTools endpoint.
for (let i = 0; i < 50; i += 1) {
  try { await fetch(`http://127.0.0.1:${PORT}/json/version`); break; } catch { await new Promise((r) => setTimeout(r, 200)); }
}
const server = await serve(process.env.DIST || 'dist', {});
const url = `${server.url}${query}`;
const median = (xs) => { const v = [...xs].sort((a, b) => a - b); return v[Math.floor((v.length - 1) / 2)]; };
const rows = [];
try {
  for (let i = 0; i < RUNS; i += 1) {
    const r = await lighthouse(url, { port: PORT, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
    const a = r.lhr.audits;
    rows.push({
      score: Math.round(r.lhr.categories.performance.score * 100),
      fcp: a['first-contentful-paint'].numericValue,
      lcp: a['largest-contentful-paint'].numericValue,
      tbt: a['total-blocking-time'].numericValue,
      cls: a['cumulative-layout-shift'].numericValue,
      si: a['speed-index'].numericValue,
    });
    if (process.env.LH_DEBUG) {
      const node = a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
      console.log('LCP element', node?.selector, node?.nodeLabel?.slice(0, 80), JSON.stringify(a['largest-contentful-paint-element']?.details?.items?.[1]?.items));
      console.log('layout shifts', JSON.stringify((a['layout-shifts']?.details?.items || []).map((it) => [it.score, it.node?.selector, it.node?.nodeLabel?.slice(0, 60)])));
      console.log('long tasks', JSON.stringify((a['long-tasks']?.details?.items || []).map((t) => [t.url?.split('/').pop(), Math.round(t.startTime), Math.round(t.duration)])));
      for (const k of ['bootup-time', 'mainthread-work-breakdown', 'render-blocking-resources']) console.log(k, a[k].displayValue || '', a[k].numericValue);
    }
  }
} finally {
  await server.close();
  chrome.kill();
}
const m = (k) => median(rows.map((r) => r[k]));
console.log(`Lighthouse mobile (simulated slow 4G, 4× CPU), ${url}, median of ${rows.length}`);
console.log(`  Performance ${m('score')}   FCP ${(m('fcp') / 1000).toFixed(2)} s   LCP ${(m('lcp') / 1000).toFixed(2)} s   TBT ${Math.round(m('tbt'))} ms   CLS ${m('cls').toFixed(3)}   Speed Index ${(m('si') / 1000).toFixed(2)} s`);
console.log(`  runs: ${rows.map((r) => r.score).join(', ')}`);
