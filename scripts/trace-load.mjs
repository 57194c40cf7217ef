// Where the main thread spends a phone load (360×740, 4× CPU): totals of the
// trace events by name and the long ones in order. A diagnostic, not a test:
// run `node scripts/trace-load.mjs [query]` after a release build.
import { serve, launch } from '../tests/e2e/harness.mjs';
import { throttledPhone } from './phone.mjs';
const srv = await serve(); const browser = await launch();
const { page, cdp } = await throttledPhone(browser);
const events = [];
cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.wasm,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
await page.goto(srv.url + (process.argv[2] || ''));
await page.waitForSelector('.card .card-open', { timeout: 90000 });
await cdp.send('Tracing.end'); await done;
const main = events.filter((e) => e.ph === 'X' && e.name === 'RunTask');
const tids = new Map(); for (const e of main) tids.set(`${e.pid}:${e.tid}`, (tids.get(`${e.pid}:${e.tid}`) || 0) + e.dur);
const [mainTid] = [...tids].sort((a, b) => b[1] - a[1])[0];
const agg = new Map();
for (const e of events) if (e.ph === 'X' && `${e.pid}:${e.tid}` === mainTid && e.dur) agg.set(e.name, (agg.get(e.name) || 0) + e.dur / 1000);
console.log([...agg].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${v.toFixed(1)}\t${k}`).join('\n'));
const t0 = Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
for (const e of events.filter((e) => e.ph === "X" && `${e.pid}:${e.tid}` === mainTid && ["RunTask","Layout","FunctionCall","EvaluateScript","wasm.CompileLazy","ParseHTML","TimerFire"].includes(e.name) && e.dur > 15000)) console.log("  at", Math.round((e.ts - t0) / 1000), e.name, Math.round(e.dur / 1000), JSON.stringify(e.args?.data?.url || e.args?.data?.functionName || e.args?.beginData?.stackTrace?.[0]?.functionName || "").slice(0, 80));
const other = new Map();
for (const e of events) if (e.ph === 'X' && e.dur && /wasm|Compile/i.test(e.name)) other.set(e.name, (other.get(e.name) || 0) + e.dur / 1000);
console.log('--- wasm/compile (all threads)'); console.log([...other].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${v.toFixed(1)}\t${k}`).join('\n'));
await browser.close(); srv.close();
