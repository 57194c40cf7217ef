/* global L */
// Plain-JS reference for the benchmark: same data, search, region filter,
// paged list (50 cards) and clustered markers as the app.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const file = params.get('data') || 'ptce.geojson';
  const fold = (s) => (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const map = L.map('map', { center: [46.6, 2.4], zoom: 5, maxZoom: 18 });
  // The same tile server as the app: a map is drawn over a base map.
  L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', { attribution: '© OpenStreetMap', maxZoom: 19, crossOrigin: true }).addTo(map);
  window.__refMap = map;
  // The plugin's defaults; the progress callback only tells the benchmark
  // when every marker is in.
  let loadsPending = 0;
  window.__refMapIdle = () => loadsPending === 0;
  const cluster = L.markerClusterGroup({ chunkedLoading: true, chunkProgress: (done, total) => { if (done >= total) loadsPending = Math.max(0, loadsPending - 1); } });
  map.addLayer(cluster);
  let records = [];
  let markers = [];
  const q = document.getElementById('q');
  const region = document.getElementById('region');
  function render() {
    const t0 = performance.now();
    const terms = fold(q.value).split(' ').filter(Boolean);
    const r = region.value;
    const hits = [];
    for (let i = 0; i < records.length; i += 1) {
      const p = records[i];
      if (r && p.region_code !== r) continue;
      if (terms.every((t) => p._hay.includes(t))) hits.push(i);
    }
    hits.sort((a, b) => records[a]._key.localeCompare(records[b]._key));
    window.__refFilterMs = performance.now() - t0;
    document.getElementById('count').textContent = `${hits.length} PTCE`;
    const ul = document.getElementById('cards');
    ul.textContent = '';
    for (const i of hits.slice(0, 50)) {
      const p = records[i];
      const li = document.createElement('li');
      li.className = 'card';
      const h = document.createElement('h3');
      h.textContent = p.name;
      const s = document.createElement('p');
      s.textContent = p.summary_fr;
      li.append(h, s);
      ul.append(li);
    }
    cluster.clearLayers();
    loadsPending += 1;
    cluster.addLayers(hits.map((i) => markers[i]));
  }
  fetch(`../../data/${file}`).then((r) => r.json()).then((fc) => {
    const t0 = performance.now();
    records = fc.features.map((f) => {
      const p = f.properties;
      p._lat = f.geometry.coordinates[1];
      p._lon = f.geometry.coordinates[0];
      p._hay = fold([p.name, p.region_name, p.summary_fr, p.description_fr, p.commune, p.department_name, ...(p.aliases || []), ...(p.structures || [])].join(' | '));
      p._key = fold(p.name);
      return p;
    });
    markers = records.map((p) => L.marker([p._lat, p._lon], { title: p.name }));
    window.__refParseMs = performance.now() - t0;
    const regions = [...new Map(records.map((p) => [p.region_code, p.region_name])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
    for (const [code, name] of regions) { const o = document.createElement('option'); o.value = code; o.textContent = name; region.append(o); }
    q.addEventListener('input', render);
    region.addEventListener('change', render);
    render();
  });
})();
