// Thin bindings over Leaflet 1.9 and leaflet.markercluster, used only by
// src/leaflet.rs. Everything shown comes in as plain data and is written with
// textContent: no HTML string from the dataset ever reaches the DOM.
/* global L */

// Leaflet, its plugin and their styles serve only the map, which is built
// after the first cards and, on a phone, only once the map is shown: they are
// loaded then, off the page's critical path. Resolves to whether Leaflet is
// usable (the list works without it).
let leafletReady = null;
function addToHead(tag, attrs) {
  return new Promise((resolve) => {
    const el = document.createElement(tag);
    Object.assign(el, attrs);
    el.onload = () => resolve(true);
    el.onerror = () => resolve(false);
    document.head.append(el);
  });
}
export function loadLeaflet() {
  if (!leafletReady) {
    leafletReady = (async () => {
      const css = Promise.all([
        addToHead('link', { rel: 'stylesheet', href: 'vendor/leaflet/leaflet.css' }),
        addToHead('link', { rel: 'stylesheet', href: 'vendor/markercluster/MarkerCluster.css' }),
      ]);
      if (typeof L === 'undefined') await addToHead('script', { src: 'vendor/leaflet/leaflet.js' });
      if (typeof L !== 'undefined' && !L.markerClusterGroup) await addToHead('script', { src: 'vendor/markercluster/leaflet.markercluster.js' });
      await css;
      return typeof L !== 'undefined' && typeof L.markerClusterGroup === 'function';
    })();
  }
  return leafletReady;
}

// Read before the app rewrites the address (unknown parameters are dropped).
const BENCH = /[?&]bench=1/.test(location.search);
let map = null;
let cluster = null;
let markers = new Map(); // id -> L.Marker
let userMoved = false;
let programmatic = 0;
let onSelect = () => {};
let onHover = () => {};
let onTilesFailed = () => {};
let tiles = null;
let lastSelected = null;
let shown = new Set(); // ids whose markers are in the cluster group
let currentIds = null; // ids shown, kept so that new markers replace old ones in place
let loadsPending = 0; // bulk additions the cluster group is still working through

function reducedMotion() {
  return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function quiet(fn) {
  programmatic += 1;
  try { fn(); } finally { setTimeout(() => { programmatic -= 1; }, 400); }
}

export function createMap(container, tilesUrl, attribution, labels) {
  if (typeof L === 'undefined') return false;
  map = L.map(container, {
    center: [46.6, 2.4], zoom: 5, minZoom: 4, maxZoom: 18,
    zoomSnap: 0.5, scrollWheelZoom: false, keyboard: true,
    worldCopyJump: false, attributionControl: true, zoomControl: true,
  });
  map.attributionControl.setPrefix(false);
  // The benchmark (scripts/bench.mjs) drives the map directly, once every
  // marker is in.
  if (BENCH) { window.__ptceLeaflet = map; window.__ptceMapIdle = () => loadsPending === 0; }
  // Natural Earth outline first, so France shows even with no tile server.
  if (tilesUrl) {
    tiles = L.tileLayer(tilesUrl, { attribution, maxZoom: 19, crossOrigin: true });
    let errors = 0;
    let loaded = 0;
    let roundErrors = 0; // in the screenful being loaded
    // A tile server that answers nothing is taken off the map: otherwise
    // every pan and zoom asks it again for a screenful of tiles, and the
    // failures cost more than drawing the outline (retryTiles puts it back).
    tiles.on('tileerror', () => {
      errors += 1;
      roundErrors += 1;
      if (errors === 4 && loaded === 0) { tiles.remove(); errors = 0; onTilesFailed(); showLand(true); }
    });
    tiles.on('tileload', () => { loaded += 1; });
    // The land under the tiles is drawn again on every pan and zoom: once a
    // screenful of tiles has come in whole, it is hidden work, so it goes
    // (and comes back for a screenful with holes).
    tiles.on('loading', () => { roundErrors = 0; });
    tiles.on('load', () => showLand(roundErrors > 0 || loaded === 0));
    tiles.addTo(map);
  } else {
    onTilesFailed();
  }
  cluster = L.markerClusterGroup({
    // Markers are added in slices of 40 ms (the plugin's default is 200 ms,
    // a long task each on a phone) with a short pause between them.
    chunkedLoading: true, chunkInterval: 40, chunkDelay: 10,
    chunkProgress: (done, total) => { if (done >= total) loadsPending = Math.max(0, loadsPending - 1); },
    showCoverageOnHover: false, spiderfyOnMaxZoom: true,
    maxClusterRadius: 45, zoomToBoundsOnClick: true,
    iconCreateFunction: (c) => {
      const n = c.getChildCount();
      const el = document.createElement('span');
      el.textContent = String(n);
      return L.divIcon({ html: el, className: 'ptce-cluster', iconSize: [40, 40] });
    },
  });
  cluster.on('clusterkeypress', (e) => {
    const k = e.originalEvent && e.originalEvent.key;
    if (k === 'Enter' || k === ' ') e.layer.zoomToBounds({ padding: [30, 30] });
  });
  // Clusters are markers too: make them reachable and named for keyboards.
  cluster.on('animationend', labelClusters);
  map.on('zoomend moveend', labelClusters);
  cluster.addTo(map);
  // The density layer changes only when the zoom crosses DEPT_ZOOM.
  map.on('zoomend', () => { if (density.on && densityLevel() !== drawnLevel) applyDensity(); });
  const moved = () => { if (programmatic === 0) userMoved = true; };
  map.on('dragstart', moved);
  map.on('zoomstart', moved);
  // Ctrl/Cmd + wheel zooms; a plain wheel scrolls the page (no scroll trap).
  container.addEventListener('wheel', (e) => {
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      userMoved = true;
      map.setZoom(map.getZoom() + (e.deltaY < 0 ? 1 : -1));
    } else {
      const hint = container.querySelector('.map-wheel-hint');
      if (hint) { hint.hidden = false; clearTimeout(hint._t); hint._t = setTimeout(() => { hint.hidden = true; }, 1500); }
    }
  }, { passive: false });
  container._labels = labels;
  // Embedded on a touch screen: one finger scrolls the host page, two move
  // the map (the map must not trap the page's scroll).
  if (labels.embed && L.Browser.touch) {
    map.dragging.disable();
    container.addEventListener('touchstart', (e) => {
      if (e.touches.length >= 2) { map.dragging.enable(); userMoved = true; } else {
        const hint = container.querySelector('.map-wheel-hint');
        if (hint) { hint.textContent = labels.twoFingers || ''; hint.hidden = false; clearTimeout(hint._t); hint._t = setTimeout(() => { hint.hidden = true; }, 1500); }
      }
    }, { passive: true });
    container.addEventListener('touchend', (e) => { if (e.touches.length < 2) map.dragging.disable(); }, { passive: true });
  }
  return true;
}

function labelClusters() {
  if (!map) return;
  const fmt = map.getContainer()._labels || {};
  // Attributes are written only when they change (Leaflet reuses a
  // cluster's element for its new count): rewriting the same values on
  // every zoom made the browser restyle every cluster each time.
  document.querySelectorAll('.ptce-cluster').forEach((el) => {
    const label = (fmt.cluster || '{n} PTCE').replace('{n}', el.textContent);
    if (el.getAttribute('aria-label') === label) return;
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'button');
    el.setAttribute('aria-label', label);
  });
}

// The countries, drawn while no tile has covered them (see createMap).
let land = null;
let landWanted = true;
function showLand(on) {
  landWanted = on;
  if (!map || !land) return;
  if (on && !map.hasLayer(land)) land.addTo(map);
  else if (!on && map.hasLayer(land)) land.remove();
}

// The bundled outline: countries under the tiles (seen until tiles come, or
// when they fail), region borders above them.
export function addBasemap(geojson, kind) {
  if (!map) return;
  const regions = kind === 'regions';
  const pane = regions ? 'ptceRegions' : 'ptceLand';
  if (!map.getPane(pane)) {
    map.createPane(pane);
    map.getPane(pane).style.zIndex = regions ? 350 : 150;
    map.getPane(pane).style.pointerEvents = 'none';
  }
  const layer = L.geoJSON(geojson, {
    pane, interactive: false,
    style: (f) => {
      if (regions) return regionStyle(f);
      return f.properties.france
        ? { color: '#47606e', weight: 1.2, fillColor: '#f4f1e8', fillOpacity: 1 }
        : { color: '#9aa7ad', weight: 0.8, fillColor: '#e6e8e3', fillOpacity: 1 };
    },
  });
  if (regions) { layer.addTo(map); regionsLayer = layer; applyDensity(); } else { land = layer; showLand(landWanted); }
}

// Density layer: below DEPT_ZOOM, regions shaded by their number of PTCE;
// from it on, one circle per department whose area follows its
// count (no department outlines are bundled). Markers and filters stay.
const DEPT_ZOOM = 7;
let regionsLayer = null;
let deptLayer = null;
let density = { on: false, regions: {}, depts: [] };
let onDensityLevel = () => {};
let drawnLevel = '';

function densityLevel() {
  if (!density.on || !map) return '';
  return map.getZoom() >= DEPT_ZOOM ? 'department' : 'region';
}

function regionStyle(f) {
  return drawnLevel === 'region'
    ? { color: '#3d4f59', weight: 1.2, opacity: 0.9, fill: true, fillColor: density.regions[f.properties.code] || density.empty, fillOpacity: 0.62 }
    : { color: '#5d6f78', weight: 1, fill: false, opacity: 0.8 };
}

function applyDensity() {
  if (!map) return;
  drawnLevel = densityLevel();
  if (regionsLayer) regionsLayer.setStyle(regionStyle);
  if (deptLayer) { deptLayer.remove(); deptLayer = null; }
  if (drawnLevel === 'department') {
    if (!map.getPane('ptceDensity')) {
      map.createPane('ptceDensity');
      map.getPane('ptceDensity').style.zIndex = 360;
      map.getPane('ptceDensity').style.pointerEvents = 'none';
    }
    deptLayer = L.layerGroup(density.depts.map((d) => L.circleMarker([d.lat, d.lon], {
      pane: 'ptceDensity', radius: d.r, interactive: false,
      color: '#08519c', weight: 1.5, fillColor: '#3182bd', fillOpacity: 0.3,
    }).bindTooltip(String(d.count), { permanent: true, direction: 'center', className: 'density-count', pane: 'ptceDensity' })));
    deptLayer.addTo(map);
  }
  onDensityLevel(drawnLevel);
}

// regions: {code: colour}; depts: [{lat, lon, r, count}]
export function setDensity(on, regions, empty, depts) {
  density = { on, regions, empty, depts };
  applyDensity();
}

export function setDensityHandler(cb) { onDensityLevel = cb; }

export function retryTiles() {
  if (map && tiles && !map.hasLayer(tiles)) tiles.addTo(map);
}

export function setHandlers(select, hover, tilesFailed) {
  onSelect = select; onHover = hover; onTilesFailed = tilesFailed;
}

// One icon object per look (colour, glyph, approximate): Leaflet builds each
// marker's element from it only when the marker is drawn, so 100 000 records
// do not mean 100 000 elements at load.
const icons = new Map();
let IconClass = null;
function iconFor(p) {
  const key = `${p.colour}|${p.glyph}|${p.approx ? 1 : 0}`;
  let icon = icons.get(key);
  if (!icon) {
    IconClass = IconClass || L.DivIcon.extend({
      createIcon(old) {
        const div = L.DivIcon.prototype.createIcon.call(this, old);
        const el = document.createElement('span');
        el.className = 'ptce-marker-inner';
        el.textContent = this.options.glyph;
        el.style.background = this.options.colour;
        div.replaceChildren(el);
        return div;
      },
    });
    icon = new IconClass({
      html: false, glyph: p.glyph, colour: p.colour,
      className: p.approx ? 'ptce-marker ptce-marker--approx' : 'ptce-marker',
      iconSize: [30, 30], iconAnchor: [15, 15], popupAnchor: [0, -14],
    });
    icons.set(key, icon);
  }
  return icon;
}

// Popup content, built when the popup first opens.
function popupFor(p, openLabel) {
  const box = document.createElement('div');
  box.className = 'ptce-popup';
  const h = document.createElement('strong');
  h.textContent = p.name;
  const place = document.createElement('div');
  place.textContent = p.place;
  const btn = document.createElement('button');
  btn.type = 'button';
  btn.className = 'ptce-popup-open';
  btn.textContent = openLabel;
  btn.addEventListener('click', () => onSelect(p.id, true));
  box.append(h, place, btn);
  return box;
}

// points: array of {id, name, lat, lon, colour, glyph, approx, place, label}
export function setPoints(points, openLabel) {
  if (!map) return;
  if (cluster) cluster.clearLayers();
  markers = new Map();
  shown = new Set();
  for (const p of points) {
    const m = L.marker([p.lat, p.lon], { icon: iconFor(p), title: p.label, alt: p.label, keyboard: true, riseOnHover: true });
    m.ptceId = p.id;
    let box = null;
    // The padding keeps an opened popup clear of the controls drawn over
    // the map's corners (zoom, density switch; the attribution below).
    m.bindPopup(() => (box = box || popupFor(p, openLabel)), {
      autoPan: true, closeButton: true,
      autoPanPaddingTopLeft: [56, 64], autoPanPaddingBottomRight: [16, 40],
    });
    m.on('click', () => onSelect(p.id, false));
    m.on('keypress', (e) => { if (e.originalEvent && e.originalEvent.key === 'Enter') onSelect(p.id, true); });
    m.on('mouseover', () => onHover(p.id));
    m.on('mouseout', () => onHover(''));
    markers.set(p.id, m);
  }
  // Markers may be rebuilt (language change) after the results were shown.
  if (currentIds) showOnly(currentIds);
}

// Show exactly `ids`. A small change (a keystroke, one facet) moves only the
// difference in and out of the cluster group; a large one rebuilds it in bulk,
// which the plugin does faster than many single removals.
export function showOnly(ids) {
  currentIds = ids;
  if (!cluster) return;
  const next = new Set(ids);
  const add = [];
  const remove = [];
  for (const id of next) if (!shown.has(id)) { const m = markers.get(id); if (m) add.push(m); }
  for (const id of shown) if (!next.has(id)) { const m = markers.get(id); if (m) remove.push(m); }
  if (add.length + remove.length === 0) return;
  if (remove.length > 0 && remove.length + add.length > next.size) {
    cluster.clearLayers();
    const layers = [];
    for (const id of next) { const m = markers.get(id); if (m) layers.push(m); }
    loadsPending += 1;
    cluster.addLayers(layers);
  } else {
    if (remove.length) cluster.removeLayers(remove);
    if (add.length) { loadsPending += 1; cluster.addLayers(add); }
  }
  shown = next;
  setTimeout(labelClusters, 0);
}

// How far a control floating over the map's bottom edge (the phone's
// list/map switch, fixed to the screen) reaches into the map, in pixels.
function floatingRoom() {
  const pill = document.querySelector('.pane-toggle');
  if (!pill || getComputedStyle(pill).position !== 'fixed') return 0;
  const room = map.getContainer().getBoundingClientRect().bottom - pill.getBoundingClientRect().top;
  return Math.max(0, Math.ceil(room));
}

export function fitTo(ids, force) {
  if (!map || (userMoved && !force)) return;
  const pts = [];
  for (const id of ids) { const m = markers.get(id); if (m) pts.push(m.getLatLng()); }
  quiet(() => {
    if (pts.length === 0) map.setView([46.6, 2.4], 5, { animate: false });
    else if (pts.length === 1) map.setView(pts[0], 10, { animate: false });
    else {
      map.fitBounds(L.latLngBounds(pts), {
        paddingTopLeft: [30, 30], paddingBottomRight: [30, 30 + floatingRoom()], maxZoom: 11, animate: !reducedMotion(),
      });
    }
  });
}

export function setView(lat, lon, zoom) {
  if (!map) return;
  userMoved = true;
  quiet(() => map.setView([lat, lon], zoom, { animate: false }));
}

export function resetUserMoved() { userMoved = false; }

export function select(id) {
  if (!cluster) return;
  if (lastSelected && lastSelected !== id) {
    const old = markers.get(lastSelected);
    if (old && old._icon) old._icon.classList.remove('is-selected');
  }
  lastSelected = id || null;
  const m = markers.get(id);
  if (!m || !cluster.hasLayer(m)) { if (map) map.closePopup(); return; }
  const reveal = () => quiet(() => {
    let done = false;
    const open = () => {
      if (done || lastSelected !== id) return;
      done = true;
      if (m._icon) m._icon.classList.add('is-selected');
      m.openPopup();
    };
    cluster.zoomToShowLayer(m, open);
    // The plugin's callback can be lost when another move interrupts it.
    setTimeout(() => { if (!done && m._icon) open(); }, 1500);
  });
  // Wait for a running fit or zoom to end: the plugin needs a still map.
  if (map._animatingZoom || (map._panAnim && map._panAnim._inProgress)) map.once('moveend', reveal);
  else reveal();
}

export function highlight(id) {
  document.querySelectorAll('.ptce-marker.is-hovered').forEach((el) => el.classList.remove('is-hovered'));
  const m = id && markers.get(id);
  if (m && m._icon) m._icon.classList.add('is-hovered');
}

export function focusMarker(id) {
  const m = markers.get(id);
  if (m && m._icon) m._icon.focus();
}

export function invalidate() { if (map) map.invalidateSize(); }

export function visibleMarkerCount() {
  // For tests: individual markers plus cluster counts currently on the map.
  let total = 0;
  document.querySelectorAll('.ptce-marker').forEach(() => { total += 1; });
  document.querySelectorAll('.ptce-cluster span').forEach((s) => { total += Number(s.textContent) || 0; });
  return total;
}
