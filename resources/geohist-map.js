/* geohist map page: lights up the places of the events active at a time.
 *
 * Our own code (Leaflet is loaded separately). Python talks to window.geohist through
 * runJavaScript and hears back over QWebChannel (object "geohist"). Every user string reaches the
 * DOM through textContent or DOM nodes, never as HTML: titles and place names are data.
 */
(function () {
  'use strict';

  var HIGHLIGHT = '#e4572e';
  var SOFT_FILL = '#f0937a';
  var LAND = { fillColor: '#f4f1ea', fillOpacity: 1, color: '#b9b0a0', weight: 0.6, opacity: 1 };
  // A shaded country is its tint at SHADE_ALPHA × strength over the land: exactly the land colour
  // mixed towards #f5bba6 (soft: #f8d9cd) by the strength, but see-through, so the grey dots
  // below it still show (the base map's canvas draws them, under the shade).
  var SHADE_TINT = '#f68562', SHADE_SOFT_TINT = '#fcc1b0', SHADE_ALPHA = 0.5;
  var PANES = [['gh-countries', 250], ['gh-shade', 260]];
  var WORLD = [[-56, -170], [78, 190]];
  var STREAM_MS = 50; // steps closer than this are a drag or playback (see setTime)
  var LONG_SPAN = 3653; // events longer than ~10 years are scanned apart, keeping the sweep short
  var MAX_LABELS = 24;
  // Arcs: where ~1,800 events are active at once (100k events), 150 arcs read as a tangle, not
  // as links; and each cost ~0.1 ms of rasterizing a step as a wide stroke (~0.02 ms now, see
  // drawArcs).
  var MAX_ARCS = 50, ARC_POINTS = 32, MAX_LABEL_PLACES = 400, HIT_PX = 8;
  var LABEL_MERGE_PX = 34, MAX_LABEL_NAMES = 3; // a cluster's label names its first places
  var TEXT = {
    en: { legend: 'Legend', active: 'Active event', fading: 'Recently ended',
      uncertain: 'Uncertain date', region: 'Region / country', place: 'Other places',
      more: 'more', places: 'places', source: 'Base map: Natural Earth' },
    id: { legend: 'Keterangan', active: 'Peristiwa aktif', fading: 'Baru berakhir',
      uncertain: 'Tanggal tidak pasti', region: 'Wilayah / negara', place: 'Tempat lain',
      more: 'lainnya', places: 'tempat', source: 'Peta dasar: Natural Earth' }
  };

  var S = {
    map: null, bridge: null, pageReady: false, loaded: false, legendBox: null,
    countryLayers: {}, shade: new Int16Array(0), shadeLayer: null, shadeProj: { zoom: null },
    places: {}, placeIds: [], pidx: new Map(), evId: [], byId: null,
    first: new Float64Array(0), last: new Float64Array(0), isLong: new Uint8Array(0),
    longIdx: [], maxShort: 0,
    labels: null,
    opts: { afterglowDays: 365, autoFrame: false, lang: 'en', labels: true },
    time: null, seq: 0, selected: null, selectedIdx: -1, frameKey: null, renderQueued: false,
    frameUsed: false, lastStepAt: -Infinity,
    dotLayer: null, hoverTip: null, proj: { zoom: null },
    arcPts: new Map(), arcHits: [], sprites: new Map(), shows: null
    // plus the typed arrays of indexPlaces / indexEvents (see "a step without garbage")
  };

  /* ---------- small helpers ---------- */

  var AREA_KINDS = ['country', 'polity'];

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function tr(key) {
    return (TEXT[S.opts.lang] || TEXT.en)[key];
  }

  function afterFrames(fn) {
    requestAnimationFrame(function () { requestAnimationFrame(fn); });
  }

  function notify(name, arg) {
    if (!S.bridge || typeof S.bridge[name] !== 'function') return;
    if (arg === undefined) S.bridge[name](); else S.bridge[name](arg);
  }

  function lowerBound(arr, x) { // first index with arr[i] >= x
    var lo = 0, hi = arr.length;
    while (lo < hi) { var mid = (lo + hi) >>> 1; if (arr[mid] < x) lo = mid + 1; else hi = mid; }
    return lo;
  }

  function upperBound(arr, x) { // first index with arr[i] > x
    var lo = 0, hi = arr.length;
    while (lo < hi) { var mid = (lo + hi) >>> 1; if (arr[mid] <= x) lo = mid + 1; else hi = mid; }
    return lo;
  }

  function mix(a, b, k) { // blend two #rrggbb colours, k=0 → a, k=1 → b
    var pa = parseInt(a.slice(1), 16), pb = parseInt(b.slice(1), 16), out = 0;
    for (var s = 16; s >= 0; s -= 8) {
      var ca = (pa >> s) & 255, cb = (pb >> s) & 255;
      out |= Math.round(ca + (cb - ca) * k) << s;
    }
    return '#' + (0x1000000 + out).toString(16).slice(1);
  }

  function nameAt(place, t) { // the narrowest dated name valid at t, else the plain name
    var best = null;
    (place.names || []).forEach(function (n) {
      if (t === null || t < n.first_day || t > n.last_day) return;
      if (!best || n.last_day - n.first_day < best.last_day - best.first_day) best = n;
    });
    return best ? best.name : place.name;
  }

  /* ---------- page set-up and handshake ---------- */

  function attach(map, cfg) {
    S.map = map;
    map.getContainer().classList.add('geohist-map');
    PANES.forEach(function (p) { map.createPane(p[0]).style.zIndex = String(p[1]); });
    // the view first: each country's outline is then projected once, not again for the new view
    // (~14 ms of every launch)
    map.setMinZoom(1);
    map.setMaxZoom(9);
    map.fitBounds(WORLD, { animate: false });
    var data = JSON.parse(document.getElementById(cfg.basemap).textContent);
    S.baseRenderer = new WholePixelCanvas({ pane: 'gh-countries' });
    L.geoJSON(data, {
      pane: 'gh-countries', renderer: S.baseRenderer, interactive: false, style: function () { return LAND; },
      onEachFeature: function (feature, layer) {
        var iso = feature.properties.iso_a3;
        (S.countryLayers[iso] = S.countryLayers[iso] || []).push(layer);
      }
    }).addTo(map);
    S.legendBox = addLegend(map);
    S.shadeLayer = new CanvasLayer(drawChanging, 'gh-shade').addTo(map);
    S.hoverTip = L.tooltip({ direction: 'top', offset: [0, -4], className: 'geohist-hover' });
    map.on('click', onCanvasClick);
    map.on('mousemove', onCanvasHover);
    S.labels = new window.GeohistLabels(map, function () {
      return S.legendBox ? [S.legendBox] : [];
    });
    afterFrames(function () {
      connectBridge(function () { S.pageReady = true; notify('pageReady'); });
    });
  }

  function connectBridge(done) {
    var transport = window.qt && window.qt.webChannelTransport;
    if (!transport || typeof window.QWebChannel !== 'function') { done(); return; }
    new window.QWebChannel(transport, function (channel) {
      S.bridge = channel.objects.geohist || null;
      done();
    });
  }

  function addLegend(map) {
    var box = el('div', 'geohist-legend leaflet-control');
    var Legend = L.Control.extend({
      options: { position: 'bottomright' },
      onAdd: function () { L.DomEvent.disableClickPropagation(box); return box; }
    });
    new Legend().addTo(map);
    fillLegend(box);
    return box;
  }

  function fillLegend(box) {
    while (box.firstChild) box.removeChild(box.firstChild);
    box.appendChild(el('div', 'gh-legend-title', tr('legend')));
    [['active', 'active'], ['fading', 'fading'], ['soft', 'uncertain'], ['region', 'region'],
      ['place', 'place']].forEach(function (row) {
      var line = el('div', 'gh-legend-row');
      line.appendChild(el('span', 'gh-sw gh-sw-' + row[0]));
      line.appendChild(el('span', 'gh-legend-text', tr(row[1])));
      box.appendChild(line);
    });
    box.appendChild(el('div', 'gh-legend-source', tr('source')));
    if (S.labels) S.labels.obstaclesChanged(); // its size may differ in another language
  }

  /* ---------- payload ---------- */

  function load(payload) {
    clearAll();
    S.places = payload.places || {};
    if (payload.lang) S.opts.lang = payload.lang;
    if (payload.afterglowDays !== undefined) S.opts.afterglowDays = payload.afterglowDays;
    indexPlaces(payload.placeIds || Object.keys(S.places));
    indexEvents(payload.events || {});
    S.dotLayer = new DotsLayer({ renderer: S.baseRenderer }).addTo(S.map);
    S.loaded = true;
    if (S.legendBox) fillLegend(S.legendBox);
    frameCatalog();
    render();
  }

  /* A language switch: the titles, date labels and place names of the loaded events in another
   * language (payload.py's label_columns, events in the payload's order). Unlike load() it keeps
   * everything else, including where the map looks. */
  function relabel(cols) {
    var n = S.evId.length, i;
    if (!S.loaded || (cols.title || []).length !== n) {
      throw new Error('geohist.relabel: ' + (cols.title || []).length + ' titles for ' + n + ' events');
    }
    for (i = 0; i < n; i++) {
      S.evTitle[i] = cols.title[S.loadOrder[i]]; S.evLabel[i] = cols.date_label[S.loadOrder[i]];
    }
    S.dateLabels = cols.date_labels || [];
    Object.keys(cols.place_names || {}).forEach(function (id) {
      if (S.places[id]) S.places[id].name = cols.place_names[id];
    });
    setOptions({ lang: cols.lang }); // redraws the legend if the language changed, and renders
  }

  function frameCatalog() { // open on where this history happens, not on the whole globe
    var bounds = L.latLngBounds([]);
    S.placeIds.forEach(function (id) { bounds.extend([S.places[id].lat, S.places[id].lon]); });
    if (bounds.isValid()) S.map.fitBounds(bounds.pad(0.08), { animate: false, maxZoom: 5 });
  }

  /* ---------- a step without garbage ----------
   * At 100k events a step touches ~1,800 events and ~2,400 places. Held as objects, maps and
   * strings, that was ~2 MB of garbage a step, which grew the page's JS heap from 35 to ~200 MB
   * within 50 steps (V8 lets the heap grow well past what is live before it collects). So places
   * and events are numbered once per payload, and a step writes its results into typed arrays
   * allocated here: hits (events lit or fading), per-place state, per-country shade.
   */

  var TOUCHED = 1, ACTIVE = 2, SOFT = 4, SELECTED = 8; // bits of S.pFlags

  function indexPlaces(ids) {
    var n = ids.length, isos = new Map(), list = [];
    S.placeIds = ids; S.pidx = new Map();
    S.proj = { zoom: null }; S.arcPts = new Map(); // positions() and arcs are by place number
    S.isArea = new Uint8Array(n); S.pcStart = new Int32Array(n + 1);
    ids.forEach(function (id, k) {
      var place = S.places[id];
      S.pidx.set(id, k);
      S.isArea[k] = AREA_KINDS.indexOf(place.kind) >= 0 ? 1 : 0;
      S.pcStart[k] = list.length;
      (place.countries || []).forEach(function (iso) {
        if (!isos.has(iso)) isos.set(iso, isos.size);
        list.push(isos.get(iso));
      });
    });
    S.pcStart[n] = list.length; S.pcList = Int32Array.from(list);
    S.countryIds = Array.from(isos.keys());
    S.pFlags = new Uint8Array(n); S.pStr = new Float32Array(n); S.pKey = new Int32Array(n);
    S.pHead = new Int32Array(n); S.pTail = new Int32Array(n);
    S.touched = new Int32Array(n); S.nTouched = 0;
    S.labelOrder = new Int32Array(Math.min(n, MAX_LABEL_PLACES)); S.nLabels = 0;
    S.labelSeen = new Int32Array(n); S.labelStamp = 0;
    S.cStr = new Float32Array(S.countryIds.length); S.cSoft = new Uint8Array(S.countryIds.length);
    S.shade = new Int16Array(S.countryIds.length); // per country: 0, or 1 + 2 * level + soft
  }

  /* Events arrive as columns (see geohist/mapview/payload.py): id, title, first_day, last_day,
   * soft, date_label (a number into date_labels) and place_count numbers each from place (numbers
   * into placeIds). Here they are sorted by start and kept as columns. */
  function indexEvents(cols) {
    if (Array.isArray(cols)) throw new TypeError('geohist.load: events must be columns, see payload.py');
    var n = (cols.id || []).length, from = new Int32Array(n + 1), order = new Array(n), i, k;
    for (i = 0; i < n; i++) { order[i] = i; from[i + 1] = from[i] + cols.place_count[i]; }
    order.sort(function (a, b) {
      var ia = cols.id[a], ib = cols.id[b];
      return cols.first_day[a] - cols.first_day[b] || (ia < ib ? -1 : ia > ib ? 1 : 0);
    });
    S.evId = new Array(n); S.evTitle = new Array(n); S.evLabel = new Int32Array(n);
    S.loadOrder = Int32Array.from(order); // event i here was event loadOrder[i] of the payload
    S.dateLabels = cols.date_labels || []; S.byId = null; S.longIdx = []; S.maxShort = 0;
    S.first = new Float64Array(n); S.last = new Float64Array(n); S.isLong = new Uint8Array(n);
    S.evSoft = new Uint8Array(n); S.epStart = new Int32Array(n + 1);
    S.epList = new Int32Array(n ? from[n] : 0); S.epOwner = new Int32Array(S.epList.length);
    S.epNext = new Int32Array(S.epList.length);
    for (i = 0; i < n; i++) {
      var o = order[i], span = cols.last_day[o] - cols.first_day[o];
      S.evId[i] = cols.id[o]; S.evTitle[i] = cols.title[o]; S.evLabel[i] = cols.date_label[o];
      S.first[i] = cols.first_day[o]; S.last[i] = cols.last_day[o]; S.evSoft[i] = cols.soft[o] ? 1 : 0;
      if (span > LONG_SPAN) { S.isLong[i] = 1; S.longIdx.push(i); } else if (span > S.maxShort) {
        S.maxShort = span;
      }
      var at = S.epStart[i];
      for (k = from[o]; k < from[o + 1]; k++) { S.epList[at] = cols.place[k]; S.epOwner[at++] = i; }
      S.epStart[i + 1] = at;
    }
    S.hitI = new Int32Array(n); S.hitS = new Float32Array(n); S.hitA = new Uint8Array(n); S.nHits = 0;
    S.evSeen = new Int32Array(n); S.evStamp = 0; // labelInfo's distinct events
    S.selectedIdx = eventIndex(S.selected);
  }

  function eventIndex(id) { // the number of the event with this id, -1 if none
    if (id === null || id === undefined) return -1;
    if (!S.byId) { // built on the first selection, not for every catalog
      S.byId = new Map();
      S.evId.forEach(function (eid, i) { if (!S.byId.has(eid)) S.byId.set(eid, i); });
    }
    return S.byId.has(id) ? S.byId.get(id) : -1;
  }

  function clearAll() {
    if (S.dotLayer) S.map.removeLayer(S.dotLayer);
    if (S.hoverTip) S.map.closeTooltip(S.hoverTip);
    S.dotLayer = null; S.arcHits = [];
    S.shade = new Int16Array(0); S.nTouched = S.nHits = S.nLabels = 0;
    if (S.shadeLayer) S.shadeLayer.redraw();
    S.frameKey = null;
    S.loaded = false; S.shows = null;
  }

  /* ---------- one time step ---------- */

  /* A step on its own (a key, a click, a jump) is worked out at once, so the work overlaps the
   * wait for the next frame and that frame shows it (rendering in requestAnimationFrame put all
   * the work after the frame began: 100k events, 97 → 84 ms a step; 10k, 44 → 38). Steps in a
   * stream (dragging, playing: the previous one less than STREAM_MS ago) only record the time,
   * and the map is worked out once per frame, just before it is painted: they arrive as fast as
   * the mouse moves (60 Hz and more), and rendering each on arrival lands work anywhere in the
   * frame and starves the painting (10k drag: 114–128 frames in 5 s instead of 165–187).
   * Whoever reads the state gets it worked out first (see state()). */
  function setTime(day, seq) {
    var t = Math.floor(Number(day));
    if (t !== S.time) { S.time = t; requestRender(); } // the same day again changes nothing
    S.seq = (seq === undefined || seq === null) ? S.seq + 1 : seq;
    var painted = S.seq;
    afterFrames(function () { notify('onFramePainted', painted); });
  }

  function requestRender() {
    var now = performance.now(), streaming = now - S.lastStepAt < STREAM_MS;
    S.lastStepAt = now;
    if (streaming || S.frameUsed || S.renderQueued) { queueRender(); return; }
    render();
    markFrameUsed();
  }

  function markFrameUsed() { // until the next frame begins, steps wait for it
    if (S.frameUsed) return;
    S.frameUsed = true;
    requestAnimationFrame(function () { S.frameUsed = false; });
  }

  function queueRender() {
    if (S.renderQueued) return;
    S.renderQueued = true;
    requestAnimationFrame(flushRender); // runs before the frame's afterFrames callbacks
  }

  function flushRender() {
    if (!S.renderQueued) return;
    render();
    markFrameUsed();
  }

  function render() {
    S.renderQueued = false; S.shows = null;
    if (!S.loaded || S.time === null || !S.map) return;
    collect(S.time);
    aggregate();
    applyPlaces();
    S.arcHits = pickArcs();
    applyCountries();
    orderLabels();
    S.shadeLayer.redraw();
    maybeFrame();
  }

  function collect(t) { // hits: events active at t or ended less than afterglowDays before it
    var glow = Math.max(0, Number(S.opts.afterglowDays) || 0), n = 0;
    function visit(i) {
      if (S.last[i] >= t) { S.hitI[n] = i; S.hitA[n] = 1; S.hitS[n++] = 1; return; }
      var age = t - S.last[i];
      if (age < glow) { S.hitI[n] = i; S.hitA[n] = 0; S.hitS[n++] = 1 - age / glow; }
    }
    var hi = upperBound(S.first, t);
    for (var i = lowerBound(S.first, t - glow - S.maxShort); i < hi; i++) {
      if (!S.isLong[i]) visit(i);
    }
    for (var k = 0; k < S.longIdx.length; k++) if (S.first[S.longIdx[k]] <= t) visit(S.longIdx[k]);
    S.nHits = n;
  }

  /* Each place takes the strongest state among its events: active beats fading (strength 1),
   * fading ones keep the strongest afterglow; soft (uncertain) only if all those events are;
   * selected if any is. Each place also gets the list of its active events, linked through
   * S.epNext (one link per event-place pair) in hit order, for its label. */
  function aggregate() {
    var flags = S.pFlags, str = S.pStr, k, j;
    for (k = 0; k < S.nTouched; k++) flags[S.touched[k]] = 0;
    S.nTouched = 0;
    for (var h = 0; h < S.nHits; h++) {
      var i = S.hitI[h], active = S.hitA[h] === 1, strength = S.hitS[h], soft = S.evSoft[i] === 1;
      for (j = S.epStart[i]; j < S.epStart[i + 1]; j++) {
        var p = S.epList[j], f = flags[p];
        if (!f) { f = TOUCHED | SOFT; str[p] = 0; S.pHead[p] = -1; S.touched[S.nTouched++] = p; }
        if (active && !(f & ACTIVE)) {
          f = ((f | ACTIVE) & ~SOFT) | (soft ? SOFT : 0); str[p] = 1;
        } else if (active === ((f & ACTIVE) !== 0)) {
          if (strength > str[p]) str[p] = strength;
          if (!soft) f &= ~SOFT;
        }
        if (active) {
          if (S.pHead[p] < 0) S.pHead[p] = j; else S.epNext[S.pTail[p]] = j;
          S.pTail[p] = j; S.epNext[j] = -1;
        }
        if (i === S.selectedIdx) f |= SELECTED;
        flags[p] = f;
      }
    }
  }

  function applyPlaces() { // each lit or fading place's style key, which picks its sprite
    for (var k = 0; k < S.nTouched; k++) S.pKey[S.touched[k]] = placeKey(S.touched[k]);
  }

  /* Places drawn alike share a style key (and a sprite): strength level
   * (0–50) << 4 | active 8 | soft 4 | selected 2 | 1; 0 is unlit. */
  function placeKey(p) {
    var f = S.pFlags[p];
    if (!f) return 0;
    return (Math.round(S.pStr[p] * 50) << 4) | (f & ACTIVE ? 8 : 0) | (f & SOFT ? 4 : 0) |
      (f & SELECTED ? 2 : 0) | 1;
  }

  function keyState(key) { // the look a style key stands for, as markStyles takes it
    return { active: !!(key & 8), strength: (key >> 4) / 50, soft: !!(key & 4), selected: !!(key & 2) };
  }

  function placeState(p) {
    var f = S.pFlags[p];
    return { active: !!(f & ACTIVE), strength: S.pStr[p], soft: !!(f & SOFT), selected: !!(f & SELECTED) };
  }

  function markStyles(s) {
    var k = s.strength, big = s.active ? (s.selected ? 1.4 : 1) : 0.7;
    return {
      mark: { radius: 7 * big, fillColor: s.soft ? SOFT_FILL : HIGHLIGHT,
        fillOpacity: (s.soft ? 0.55 : 1) * k, color: s.soft ? HIGHLIGHT : (s.selected ? '#1f2933' : '#ffffff'),
        weight: s.selected ? 3 : 2, opacity: k, dashArray: s.soft ? '3 3' : null },
      halo: { radius: 15 * big, fillColor: HIGHLIGHT, fillOpacity: (s.soft ? 0.12 : 0.25) * k },
      area: { fillColor: HIGHLIGHT, fillOpacity: (s.soft ? 0.16 : 0.3) * k, color: HIGHLIGHT,
        weight: s.selected ? 2.5 : 1.5, opacity: 0.9 * k, dashArray: s.soft ? '5 4' : null }
    };
  }

  /* ---------- arcs between the places of one event ---------- */

  function multiPlace(i) { return S.epStart[i + 1] - S.epStart[i] > 1; }

  function arcLatLngs(i, n) { // event i's places joined in order by great-circle arcs
    var lines = [], prev = null;
    for (var j = S.epStart[i]; j < S.epStart[i + 1]; j++) {
      var place = S.places[S.placeIds[S.epList[j]]];
      if (prev) lines.push(greatArc(prev, place, n));
      prev = place;
    }
    return lines;
  }

  function greatArc(a, b, n) { // great circle from a to b, bowed slightly so short hops read as arcs
    var r = Math.PI / 180, la1 = a.lat * r, lo1 = a.lon * r, la2 = b.lat * r, lo2 = b.lon * r;
    var d = 2 * Math.asin(Math.sqrt(Math.pow(Math.sin((la2 - la1) / 2), 2) +
      Math.cos(la1) * Math.cos(la2) * Math.pow(Math.sin((lo2 - lo1) / 2), 2)));
    if (d < 1e-9) return [[a.lat, a.lon], [b.lat, b.lon]];
    var pts = [], prev = a.lon;
    for (var k = 0; k <= n; k++) {
      var f = k / n, A = Math.sin((1 - f) * d) / Math.sin(d), B = Math.sin(f * d) / Math.sin(d);
      var x = A * Math.cos(la1) * Math.cos(lo1) + B * Math.cos(la2) * Math.cos(lo2);
      var y = A * Math.cos(la1) * Math.sin(lo1) + B * Math.cos(la2) * Math.sin(lo2);
      var z = A * Math.sin(la1) + B * Math.sin(la2);
      var lon = Math.atan2(y, x) / r;
      while (lon - prev > 180) lon -= 360;
      while (lon - prev < -180) lon += 360;
      prev = lon;
      pts.push([Math.atan2(z, Math.sqrt(x * x + y * y)) / r, lon]);
    }
    return bow(pts, 0.12);
  }

  function bow(pts, amount) { // offset sideways by a sine bump, bulging northwards
    var p0 = pts[0], p1 = pts[pts.length - 1];
    var dx = p1[1] - p0[1], dy = p1[0] - p0[0], len = Math.sqrt(dx * dx + dy * dy);
    if (len < 1e-9) return pts;
    var sign = dx >= 0 ? 1 : -1;
    return pts.map(function (p, k) {
      var off = amount * len * Math.sin(Math.PI * k / (pts.length - 1));
      return [p[0] + Math.abs(dx) / len * off, p[1] - sign * dy / len * off];
    });
  }

  /* ---------- every place on two canvases ----------
   * One Leaflet layer per place costs a full repaint of thousands of paths per step. The base
   * map's canvas also draws the grey dots (redrawn only when the view moves), and the shade
   * canvas above it draws, after the shaded countries, the lit regions, the arcs and the lit
   * and fading markers, each marker blitted from a sprite pre-rendered per style. Clicks and
   * hovering find the place under the pointer by its projected position (placeAt). Last, the
   * labels are painted over it all (geohist-labels.js).
   * Two canvases, not five (base map, dots, shade, Leaflet's regions, lit) as large catalogs
   * had, or seven (Leaflet's canvas per pane) as small ones had, and one of them changes per
   * step: each full-size canvas costs the software compositor its own pass over a changed frame
   * (~1.6 ms at 1920×1080) and Chromium keeps ~3 frame-sized buffers for it, even for one that
   * never changes (at 100k events: 4.4 or 6.3 MB each). Measured: a 10k-event step ~3 ms
   * closer to the no-op step, the seed history ~40 MB lighter (see benchmarks/README.md).
   */

  /* Leaflet's canvas renderer, kept at whole pixels. After a view reset (fitBounds or setView
   * without animation) Leaflet re-places the canvas from the view's centre, which at a
   * fractional zoom (zoomSnap 0.25) leaves it at a fractional offset, e.g. translate3d(-141.313px,
   * -81.505px): the compositor then resamples the whole base map on every frame (10k events:
   * 4.1–6.6 ms of the display compositor's 5.6–8.3 ms frame, at 1920×1080) and draws it a
   * little blurred. At rest the canvas belongs at its bounds' corner, where _update put it and
   * where its content was drawn for. */
  var WholePixelCanvas = L.Canvas.extend({
    _reset: function () {
      L.Canvas.prototype._reset.call(this);
      if (this._bounds) L.DomUtil.setPosition(this._container, this._bounds.min);
    }
  });

  /* The grey dots, drawn by Leaflet's canvas renderer of the base map's pane, after the
   * countries: they pan, zoom (animated) and redraw with the base map. A Leaflet path with the
   * renderer's whole area as its bounds, so any redraw of that canvas includes it. */
  var DotsLayer = L.Path.extend({
    options: { pane: 'gh-countries', interactive: false },
    initialize: function (options) { L.setOptions(this, options); },
    _project: function () { this._pxBounds = this._renderer._bounds; },
    _update: function () { this._pxBounds = this._renderer._bounds; },
    _updatePath: function () {
      var renderer = this._renderer, origin = this._map.getPixelOrigin();
      if (!renderer._drawing) return; // Leaflet calls this outside its drawing pass too
      drawDots(renderer._ctx, renderer._bounds, positions().xy, -origin.x, -origin.y);
    },
    _containsPoint: function () { return false; }
  });

  var CanvasLayer = L.Layer.extend({
    initialize: function (draw, pane) { this._draw = draw; this._pane = pane; },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create('canvas', 'gh-canvas leaflet-zoom-hide');
      this._canvas.style.pointerEvents = 'none';
      map.getPane(this._pane).appendChild(this._canvas);
      map.on('moveend zoomend resize viewreset', this.redraw, this);
      this.redraw();
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off('moveend zoomend resize viewreset', this.redraw, this);
    },
    redraw: function () {
      var map = this._map, c = this._canvas;
      if (!map) return;
      var size = map.getSize(), ratio = window.devicePixelRatio || 1;
      var w = Math.round(size.x * ratio), h = Math.round(size.y * ratio);
      if (c.width !== w || c.height !== h) {
        c.width = w; c.height = h; c.style.width = size.x + 'px'; c.style.height = size.y + 'px';
      }
      L.DomUtil.setPosition(c, map.containerPointToLayerPoint([0, 0]));
      var ctx = c.getContext('2d');
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      this._draw(ctx, size, positions());
    }
  });

  function positions() { // places projected once per zoom; dx/dy turn them into container pixels
    var map = S.map, zoom = map.getZoom();
    if (S.proj.zoom !== zoom) {
      var xy = new Float64Array(S.placeIds.length * 2);
      S.placeIds.forEach(function (id, k) {
        var p = map.project([S.places[id].lat, S.places[id].lon], zoom);
        xy[2 * k] = p.x; xy[2 * k + 1] = p.y;
      });
      S.proj = { zoom: zoom, xy: xy, regions: new Map() };
      S.arcPts = new Map();
    }
    var origin = map.getPixelOrigin(), lp = map.containerPointToLayerPoint([0, 0]);
    return { xy: S.proj.xy, dx: -origin.x - lp.x, dy: -origin.y - lp.y, zoom: zoom };
  }

  function drawDots(ctx, bounds, xy, dx, dy) { // bounds: what the canvas shows, as xy + (dx, dy)
    var r = 2.6, x0 = bounds.min.x - r, y0 = bounds.min.y - r, x1 = bounds.max.x + r, y1 = bounds.max.y + r;
    ctx.fillStyle = '#5f6b7a'; ctx.globalAlpha = 0.6; ctx.beginPath();
    for (var k = 0; k < xy.length; k += 2) {
      var x = xy[k] + dx, y = xy[k + 1] + dy;
      if (x < x0 || y < y0 || x > x1 || y > y1) continue;
      ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.fill(); ctx.globalAlpha = 1;
  }

  function drawChanging(ctx, size, P) { // the shade canvas: all that changes with the time
    drawShade(ctx);
    if (!S.loaded) return;
    drawRegions(ctx, P);
    drawLit(ctx, size, P);
    S.labels.draw(ctx, S.opts.labels ? labelItems(P) : [], size);
  }

  function drawLit(ctx, size, P) {
    drawArcs(ctx, S.arcHits, P);
    ctx.globalAlpha = 1; ctx.setLineDash([]);
    for (var layer = 0; layer < 3; layer++) { // fading under active under selected
      for (var k = 0; k < S.nTouched; k++) {
        var p = S.touched[k], f = S.pFlags[p];
        if ((f & ACTIVE ? (f & SELECTED ? 2 : 1) : 0) !== layer) continue;
        var img = sprite(S.pKey[p]), half = img.cssSize / 2;
        var x = P.xy[2 * p] + P.dx, y = P.xy[2 * p + 1] + P.dy;
        if (x < -half || y < -half || x > size.x + half || y > size.y + half) continue;
        // at whole pixels a sprite is blitted; at fractional ones every pixel is resampled, which
        // made drawing 2,400 lit places (100k events) ~6 ms slower a step
        ctx.drawImage(img, Math.round(x - half), Math.round(y - half), img.cssSize, img.cssSize);
      }
    }
  }

  function sprite(key) { // halo and marker of one style key, as markStyles describes them
    var img = S.sprites.get(key);
    if (img) return img;
    var st = markStyles(keyState(key));
    var ratio = window.devicePixelRatio || 1, css = Math.ceil(2 * st.halo.radius + 4), c = css / 2;
    img = document.createElement('canvas');
    img.width = img.height = Math.ceil(css * ratio); img.cssSize = css;
    var ctx = img.getContext('2d');
    ctx.scale(ratio, ratio);
    ctx.beginPath(); ctx.arc(c, c, st.halo.radius, 0, 2 * Math.PI);
    ctx.fillStyle = st.halo.fillColor; ctx.globalAlpha = st.halo.fillOpacity; ctx.fill();
    ctx.beginPath(); ctx.arc(c, c, st.mark.radius, 0, 2 * Math.PI);
    ctx.fillStyle = st.mark.fillColor; ctx.globalAlpha = st.mark.fillOpacity; ctx.fill();
    ctx.strokeStyle = st.mark.color; ctx.globalAlpha = st.mark.opacity; ctx.lineWidth = st.mark.weight;
    ctx.setLineDash(st.mark.dashArray ? [3, 3] : []); ctx.stroke();
    S.sprites.set(key, img);
    return img;
  }

  function drawRegions(ctx, P) { // lit places with a shape (GeoJSON geometry)
    for (var k = 0; k < S.nTouched; k++) {
      var p = S.touched[k];
      if (!S.places[S.placeIds[p]].geometry) continue;
      var st = markStyles(placeState(p)).area, shape = regionShape(p, P), j;
      ctx.setLineDash(st.dashArray ? st.dashArray.split(' ').map(Number) : []);
      ctx.lineWidth = st.weight; ctx.lineJoin = ctx.lineCap = 'round';
      ctx.fillStyle = st.fillColor; ctx.strokeStyle = st.color;
      ctx.beginPath(); // polygons: filled (even-odd, as Leaflet fills) and outlined
      shape.rings.forEach(function (xy) { tracePath(ctx, xy, P, true); });
      ctx.globalAlpha = st.fillOpacity; ctx.fill('evenodd');
      ctx.globalAlpha = st.opacity; ctx.stroke();
      ctx.beginPath(); // lines: outlined only
      shape.lines.forEach(function (xy) { tracePath(ctx, xy, P, false); });
      ctx.stroke();
      for (j = 0; j < shape.points.length; j += 2) { // points: small circles, as pointToLayer makes
        ctx.beginPath(); ctx.arc(shape.points[j] + P.dx, shape.points[j + 1] + P.dy, 4, 0, 2 * Math.PI);
        ctx.globalAlpha = st.fillOpacity; ctx.fill();
        ctx.globalAlpha = st.opacity; ctx.stroke();
      }
    }
    ctx.globalAlpha = 1; ctx.setLineDash([]);
  }

  function tracePath(ctx, xy, P, closed) {
    ctx.moveTo(xy[0] + P.dx, xy[1] + P.dy);
    for (var k = 2; k < xy.length; k += 2) ctx.lineTo(xy[k] + P.dx, xy[k + 1] + P.dy);
    if (closed) ctx.closePath();
  }

  /* A place's GeoJSON geometry in pixels at the current zoom (projected once per zoom): polygon
   * rings, lines, and points as [x, y, x, y, ...]. */
  function regionShape(p, P) {
    var shape = S.proj.regions.get(p);
    if (shape) return shape;
    shape = { rings: [], lines: [], points: [] };
    function project(positions) {
      var xy = new Float64Array(positions.length * 2);
      positions.forEach(function (c, k) {
        var pt = S.map.project([c[1], c[0]], P.zoom);
        xy[2 * k] = pt.x; xy[2 * k + 1] = pt.y;
      });
      return xy;
    }
    (function walk(g) {
      if (!g) return;
      var c = g.coordinates;
      switch (g.type) {
        case 'Point': shape.points.push.apply(shape.points, project([c])); break;
        case 'MultiPoint': shape.points.push.apply(shape.points, project(c)); break;
        case 'LineString': shape.lines.push(project(c)); break;
        case 'MultiLineString': c.forEach(function (line) { shape.lines.push(project(line)); }); break;
        case 'Polygon': c.forEach(function (ring) { shape.rings.push(project(ring)); }); break;
        case 'MultiPolygon':
          c.forEach(function (poly) { poly.forEach(function (ring) { shape.rings.push(project(ring)); }); });
          break;
        case 'GeometryCollection': (g.geometries || []).forEach(walk); break;
        case 'Feature': walk(g.geometry); break;
        case 'FeatureCollection': (g.features || []).forEach(walk); break;
        default: break;
      }
    })(S.places[S.placeIds[p]].geometry);
    S.proj.regions.set(p, shape);
    return shape;
  }

  function pickArcs() { // the selected event's arcs, then the latest events', up to MAX_ARCS
    var out = [], h, i;
    for (h = 0; h < S.nHits; h++) {
      if (S.hitI[h] === S.selectedIdx && multiPlace(S.hitI[h])) out.push({ i: S.hitI[h], strength: S.hitS[h] });
    }
    for (h = S.nHits - 1; h >= 0 && out.length < MAX_ARCS; h--) {
      i = S.hitI[h];
      if (S.hitA[h] && i !== S.selectedIdx && multiPlace(i)) out.push({ i: i, strength: S.hitS[h] });
    }
    return out.reverse();
  }

  /* An arc is three lines one device pixel wide, 0.75 px apart (five for the selected
   * event's), not one 2.2 px stroke: Skia draws a line no wider than a pixel with its hairline
   * drawer, while a wider stroke becomes an outline filled with supersampled anti-aliasing.
   * ~48 arcs at 10k events, rasterizing a step: 4.2–5.2 ms as 2.2 px strokes, 2.7–3.4 with 4
   * segments instead of 32 or as quadratic curves, 1.1 as three hairlines; one alone (0.4–0.6)
   * reads too thin. The offset lines are worked out while drawing, not kept: arrays made per
   * arc and dropped with it cost the page memory (benchmarks/README.md, fifth session). */
  var ARC_LINES = [-0.75, 0, 0.75], SELECTED_ARC_LINES = [-1.5, -0.75, 0, 0.75, 1.5]; // device px

  /* The arcs, one path for those drawn alike (strength in fiftieths, solid or dashed): one
   * colour throughout, so the order they are stroked in does not show. */
  function drawArcs(ctx, hits, P) {
    var ratio = window.devicePixelRatio || 1, groups = new Map();
    hits.forEach(function (hit) {
      var key = Math.round(hit.strength * 50) * 2 + (S.evSoft[hit.i] ? 1 : 0), group = groups.get(key);
      if (!group) groups.set(key, group = []);
      group.push(hit.i);
    });
    ctx.strokeStyle = HIGHLIGHT; ctx.lineWidth = 1 / ratio;
    groups.forEach(function (arcs, key) {
      ctx.globalAlpha = 0.85 * (key >> 1) / 50;
      ctx.setLineDash(key & 1 ? [6, 6] : []);
      ctx.beginPath();
      arcs.forEach(function (i) {
        var pts = arcPoints(i, P), offsets = i === S.selectedIdx ? SELECTED_ARC_LINES : ARC_LINES;
        for (var g = 0; g < pts.length; g++) {
          for (var c = 0; c < offsets.length; c++) traceOffset(ctx, pts[g], offsets[c] / ratio, P);
        }
      });
      ctx.stroke();
    });
  }

  function arcPoints(i, P) { // the arc's lines, projected at the zoom (kept until it changes)
    var pts = S.arcPts.get(i);
    if (!pts) {
      pts = arcLatLngs(i, ARC_POINTS).map(function (line) {
        var a = new Float64Array(line.length * 2);
        line.forEach(function (ll, j) {
          var p = S.map.project(ll, P.zoom); a[2 * j] = p.x; a[2 * j + 1] = p.y;
        });
        return a;
      });
      S.arcPts.set(i, pts);
    }
    return pts;
  }

  function traceOffset(ctx, xy, off, P) { // the polyline moved sideways by off px along its normal
    var m = xy.length / 2;
    for (var j = 0; j < m; j++) {
      var p = j > 0 ? j - 1 : 0, q = j < m - 1 ? j + 1 : m - 1;
      var tx = xy[2 * q] - xy[2 * p], ty = xy[2 * q + 1] - xy[2 * p + 1], len = Math.sqrt(tx * tx + ty * ty) || 1;
      var x = xy[2 * j] - ty / len * off + P.dx, y = xy[2 * j + 1] + tx / len * off + P.dy;
      if (j) ctx.lineTo(x, y); else ctx.moveTo(x, y);
    }
  }

  function placeAt(point) { // the place under a container point: lit ones first, then any dot
    var P = positions(), best = -1, bestD = HIT_PX * HIT_PX, k;
    function test(p) {
      var dx = P.xy[2 * p] + P.dx - point.x, dy = P.xy[2 * p + 1] + P.dy - point.y;
      if (dx * dx + dy * dy <= bestD) { best = p; bestD = dx * dx + dy * dy; }
    }
    for (k = 0; k < S.nTouched; k++) test(S.touched[k]);
    if (best < 0) for (k = 0; k < S.placeIds.length; k++) test(k);
    return best < 0 ? null : S.placeIds[best];
  }

  function onCanvasClick(e) {
    var id = placeAt(e.containerPoint);
    if (id) notify('onPlaceClicked', id);
  }

  function onCanvasHover(e) {
    var id = placeAt(e.containerPoint), place = id && S.places[id];
    S.map.getContainer().style.cursor = id ? 'pointer' : '';
    if (!place) { S.map.closeTooltip(S.hoverTip); return; }
    S.hoverTip.setLatLng([place.lat, place.lon]).setContent(el('span', 'gh-hover', nameAt(place, S.time)));
    if (!S.map.hasLayer(S.hoverTip)) S.map.openTooltip(S.hoverTip);
  }

  /* ---------- countries and polities on the base map ----------
   * The base map is drawn once and never restyled: restyling one country made Leaflet's canvas
   * renderer redraw every country inside its bounds (most of the world when zoomed out), ~20 ms a
   * step. Shaded countries are painted first on the canvas just above, from outlines projected
   * once per zoom.
   */

  function applyCountries() { // each country as strongly as its most lit place
    var str = S.cStr, soft = S.cSoft, n = S.countryIds.length, k, j;
    str.fill(-1);
    for (k = 0; k < S.nTouched; k++) {
      var p = S.touched[k];
      for (j = S.pcStart[p]; j < S.pcStart[p + 1]; j++) {
        var c = S.pcList[j];
        if (S.pStr[p] > str[c]) { str[c] = S.pStr[p]; soft[c] = S.pFlags[p] & SOFT ? 1 : 0; }
      }
    }
    for (k = 0; k < n; k++) S.shade[k] = str[k] < 0 ? 0 : 1 + 2 * Math.round(str[k] * 50) + soft[k];
  }

  function drawShade(ctx) {
    var map = S.map, zoom = map.getZoom();
    if (S.shadeProj.zoom !== zoom) S.shadeProj = { zoom: zoom, rings: new Map() };
    var origin = map.getPixelOrigin(), lp = map.containerPointToLayerPoint([0, 0]);
    var dx = -origin.x - lp.x, dy = -origin.y - lp.y;
    ctx.lineJoin = 'round';
    for (var c = 0; c < S.shade.length; c++) {
      if (!S.shade[c]) continue;
      var rings = countryRings(S.countryIds[c], zoom), strength = ((S.shade[c] - 1) >> 1) / 50;
      var soft = (S.shade[c] - 1) & 1;
      if (!rings.length) continue;
      ctx.beginPath();
      rings.forEach(function (xy) {
        ctx.moveTo(xy[0] + dx, xy[1] + dy);
        for (var k = 2; k < xy.length; k += 2) ctx.lineTo(xy[k] + dx, xy[k + 1] + dy);
        ctx.closePath();
      });
      ctx.fillStyle = soft ? SHADE_SOFT_TINT : SHADE_TINT;
      ctx.globalAlpha = SHADE_ALPHA * strength;
      ctx.fill('evenodd');
      ctx.globalAlpha = 1;
      ctx.strokeStyle = mix(LAND.color, HIGHLIGHT, strength);
      // 1 px, not thicker: Skia draws it as a hairline, far cheaper than stroking an outline
      // (100k events, ~90 countries redrawn a step: 1.4 px cost 20–25 ms a step more)
      ctx.lineWidth = 1;
      ctx.setLineDash(soft ? [4, 3] : []);
      ctx.stroke();
    }
  }

  function countryRings(iso, zoom) { // every ring of a country's shapes, in pixels at zoom
    var rings = S.shadeProj.rings.get(iso);
    if (rings) return rings;
    rings = [];
    function walk(lls) {
      if (!lls.length) return;
      if (!(lls[0] instanceof L.LatLng)) { lls.forEach(walk); return; }
      var xy = new Float64Array(lls.length * 2);
      lls.forEach(function (ll, k) {
        var p = S.map.project(ll, zoom);
        xy[2 * k] = p.x; xy[2 * k + 1] = p.y;
      });
      rings.push(xy);
    }
    (S.countryLayers[iso] || []).forEach(function (layer) { walk(layer.getLatLngs()); });
    S.shadeProj.rings.set(iso, rings);
    return rings;
  }

  /* ---------- labels, summary, framing ---------- */

  function orderLabels() { // who anchors a label: the selected event's places, then by start
    S.labelStamp++; S.nLabels = 0;
    var h;
    if (S.selectedIdx >= 0) {
      for (h = 0; h < S.nHits; h++) if (S.hitA[h] && S.hitI[h] === S.selectedIdx) pushLabelPlaces(S.hitI[h]);
    }
    for (h = 0; h < S.nHits; h++) if (S.hitA[h]) pushLabelPlaces(S.hitI[h]);
  }

  function pushLabelPlaces(i) { // countries speak through their shading when a city names the spot
    var a = S.epStart[i], b = S.epStart[i + 1], specific = false, j;
    for (j = a; j < b; j++) if (!S.isArea[S.epList[j]]) { specific = true; break; }
    for (j = a; j < b && S.nLabels < S.labelOrder.length; j++) {
      var p = S.epList[j];
      if ((specific && S.isArea[p]) || S.labelSeen[p] === S.labelStamp) continue;
      S.labelSeen[p] = S.labelStamp; S.labelOrder[S.nLabels++] = p;
    }
  }

  function labelItems(P) { // one label per cluster of nearby lit places, anchored on the first
    var clusters = [], near = LABEL_MERGE_PX * LABEL_MERGE_PX;
    for (var k = 0; k < S.nLabels; k++) {
      var p = S.labelOrder[k], x = P.xy[2 * p] + P.dx, y = P.xy[2 * p + 1] + P.dy, c = null;
      for (var q = 0; q < clusters.length && !c; q++) {
        var ddx = clusters[q].x - x, ddy = clusters[q].y - y;
        if (ddx * ddx + ddy * ddy < near) c = clusters[q];
      }
      if (c) c.members.push(p); else if (clusters.length < MAX_LABELS) clusters.push({ x: x, y: y, members: [p] });
    }
    return clusters.map(function (c) {
      var info = labelInfo(c.members), id = S.placeIds[c.members[0]], place = S.places[id];
      var look = { soft: info.soft, selected: info.selected }, lines = labelLines(info);
      // the key is what the label shows, so an unchanged label is not laid out again
      return { id: id, latlng: [place.lat, place.lon], look: look, lines: lines,
        key: JSON.stringify([look.soft, look.selected, lines]) };
    });
  }

  /* The names of a cluster's places, its first two events (numbers), how many events it has. */
  function labelInfo(members) {
    var names = [], events = [], count = 0, soft = true, selected = false, stamp = ++S.evStamp;
    members.forEach(function (p) {
      var name = nameAt(S.places[S.placeIds[p]], S.time);
      if (names.indexOf(name) < 0) names.push(name);
      for (var j = S.pHead[p]; j >= 0; j = S.epNext[j]) {
        var i = S.epOwner[j];
        if (S.evSeen[i] === stamp) continue;
        S.evSeen[i] = stamp; count++;
        if (events.length < 2) events.push(i);
      }
      soft = soft && !!(S.pFlags[p] & SOFT); selected = selected || !!(S.pFlags[p] & SELECTED);
    });
    return { names: names, events: events, count: count, soft: soft, selected: selected };
  }

  /* A label's lines, as [class, text] or, for the line of names, [class, [[class, text], ...]]. */
  function labelLines(info) {
    var names = [['gh-names', info.names.slice(0, MAX_LABEL_NAMES).join(' · ')]];
    if (info.names.length > MAX_LABEL_NAMES) { // kept whole while long names give way
      names.push(['gh-more-names', '+' + (info.names.length - MAX_LABEL_NAMES) + ' ' + tr('places')]);
    }
    var lines = [['gh-label-name', names]];
    info.events.forEach(function (i) {
      lines.push(['gh-label-title', S.evTitle[i]]);
      var date = S.dateLabels[S.evLabel[i]];
      if (date) lines.push(['gh-label-date', date]);
    });
    if (info.count > 2) lines.push(['gh-label-more', '+' + (info.count - 2) + ' ' + tr('more')]);
    return lines;
  }

  /* What a step shows, as ids; built on demand (state(), auto-framing), once per render. */
  function shows() {
    if (!S.shows) S.shows = { active: activeEventIds(), lit: placeIdsWhere(true), fading: placeIdsWhere(false) };
    return S.shows;
  }

  function activeEventIds() {
    var ids = [];
    for (var h = 0; h < S.nHits; h++) if (S.hitA[h]) ids.push(S.evId[S.hitI[h]]);
    return ids;
  }

  function placeIdsWhere(active) { // lit (active) or fading places, sorted
    var ids = [];
    for (var k = 0; k < S.nTouched; k++) {
      var p = S.touched[k];
      if (!!(S.pFlags[p] & ACTIVE) === active) ids.push(S.placeIds[p]);
    }
    return ids.sort();
  }

  function maybeFrame() {
    if (!S.opts.autoFrame) return;
    var lit = shows().lit, key = lit.join('\n');
    if (key === S.frameKey) return;
    S.frameKey = key;
    if (!lit.length) return;
    var bounds = L.latLngBounds([]);
    lit.forEach(function (id) {
      var place = S.places[id];
      bounds.extend([place.lat, place.lon]);
      if (place.geometry) extendByGeometry(bounds, place.geometry);
    });
    S.arcHits.forEach(function (hit) { // the arcs drawn, which bow out of the places' box
      arcLatLngs(hit.i, ARC_POINTS).forEach(function (line) { line.forEach(function (ll) { bounds.extend(ll); }); });
    });
    S.map.flyToBounds(bounds, { padding: [90, 90], maxZoom: 5, duration: 0.8 });
  }

  function extendByGeometry(bounds, geometry) { // every position of a GeoJSON geometry
    (function walk(c) {
      if (!c) return;
      if (typeof c[0] === 'number') { bounds.extend([c[1], c[0]]); return; }
      c.forEach(walk);
    })(geometry.coordinates);
    (geometry.geometries || []).forEach(function (g) { extendByGeometry(bounds, g); });
  }

  /* ---------- the rest of the public API ---------- */

  function labels() { // the labels on show, as geohist-labels.js painted them
    flushRender();
    return S.labels ? S.labels.shown() : [];
  }

  function state() {
    flushRender();
    var now = shows();
    return { time: S.time, active: now.active.slice(), lit: now.lit.slice(),
      fading: now.fading.slice(), ready: S.pageReady, loaded: S.loaded, selected: S.selected, seq: S.seq };
  }

  function setOptions(options) {
    var o = options || {}, langChanged = o.lang !== undefined && o.lang !== S.opts.lang;
    ['afterglowDays', 'autoFrame', 'lang', 'labels'].forEach(function (k) { if (o[k] !== undefined) S.opts[k] = o[k]; });
    if (o.autoFrame) S.frameKey = null;
    if (langChanged && S.legendBox) fillLegend(S.legendBox);
    render();
  }

  function selectEvent(id) {
    S.selected = (id === undefined) ? null : id;
    S.selectedIdx = eventIndex(S.selected);
    render();
  }

  window.geohist = {
    attach: attach, load: load, relabel: relabel, setTime: setTime, state: state, labels: labels,
    setOptions: setOptions, selectEvent: selectEvent,
    get map() { return S.map; }
  };
})();
