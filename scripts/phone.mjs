// Shared by the diagnostics (profile-load, profile-typing, trace-load,
// slow-load): a phone page (360×740 unless told, touch, 4× CPU, no tile
// server) and a CPU profile summed by function.
export async function throttledPhone(browser, screen = { viewport: { width: 360, height: 740 } }) {
  const context = await browser.newContext({ ...screen, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.route(/tile\.openstreetmap\.org/, (r) => r.abort());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return { context, page, cdp };
}

// Self time (ms) by function and script of a CPU profile, largest first, as
// printable lines; TOP in the environment sets how many (40).
export function selfTimeLines(profile, keep = () => true) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i += 1) dt.set(profile.samples[i], (dt.get(profile.samples[i]) || 0) + (profile.timeDeltas[i] || 0) / 1000);
  const self = new Map();
  for (const [id, ms] of dt) { const f = byId.get(id).callFrame; const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}`; self.set(k, (self.get(k) || 0) + ms); }
  return [...self].filter(([k]) => keep(k)).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP || 40)).map(([k, v]) => `${v.toFixed(1)}\t${k.slice(0, 150)}`).join('\n');
}
