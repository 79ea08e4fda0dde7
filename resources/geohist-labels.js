/* geohist map labels: one box per cluster of lit places, beside its dot, clear of the others.
 *
 * Plain divs in a pane of our own, not Leaflet tooltips: a tooltip measures itself when it opens
 * (a forced layout per label), and pushing overlapping tooltips apart read and wrote layout in
 * turns: ~400 ms per time step with two dozen labels at 10k events. Here every DOM write comes
 * first; the sizes of changed labels come from a ResizeObserver, which the browser calls after
 * its own layout of the frame, so reading them forces no extra layout (reading offsetWidth right
 * after the writes did: ~3 ms a step at 10k events); then positions are worked out in plain
 * arithmetic and written as transforms, visibility and the arrow's transform, none of which needs
 * the text laid out again. All of it lands in the same frame. Label content is made by the
 * caller with DOM nodes (text is data, never markup), only when its key changes, and may reuse
 * the label's last content element.
 */
(function () {
  'use strict';

  var OFFSET_PX = 14; // from the place to the label's near edge (room for the arrow)
  var GAP_PX = 4; // between labels that had to be stacked
  var EDGE_PX = 4; // keep clear of the map's edges
  var FAR_PX = 220; // a label pushed further than this from its place is hidden, not misleading
  var SWITCH_COST = 12; // px: a label changes sides only for a clear gain, so it does not flicker

  function LabelLayer(map, obstacles) {
    this.map = map;
    this.obstacles = obstacles || function () { return []; };
    this.pane = map.createPane('gh-labels');
    this.pane.style.zIndex = '650';
    this.pane.style.pointerEvents = 'none';
    this.pane.classList.add('leaflet-zoom-hide'); // stale while Leaflet animates a zoom
    this.boxes = new Map(); // id → { node, key, latlng, side, size }
    this.order = [];
    this.obstacleCache = null;
    map.on('resize', this.obstaclesChanged, this);
    this.sizes = new ResizeObserver(this.measured.bind(this));
  }

  /* items: [{ id, latlng: [lat, lon], key, fill: function (last) { return Element; } }], most
   * important first: earlier labels keep their place, later ones move out of their way. fill
   * gets the element it returned last time for this label (null at first) and may return it
   * changed in place. */
  LabelLayer.prototype.show = function (items) {
    var boxes = this.boxes, pane = this.pane, keep = new Set(), sizes = this.sizes;
    items.forEach(function (item) {
      var box = boxes.get(item.id);
      if (!box) {
        box = { node: document.createElement('div'), pointer: document.createElement('div'), key: null,
          content: null, side: 'right', size: null };
        box.node.className = 'geohist-label';
        box.pointer.className = 'gh-arrow';
        box.node.appendChild(box.pointer);
        box.node.geohistBox = box;
        pane.appendChild(box.node);
        boxes.set(item.id, box);
        sizes.observe(box.node); // its first size arrives after the next layout
      }
      if (box.key !== item.key) {
        box.key = item.key;
        var content = item.fill(box.content); // a new size, if any, arrives through measured()
        if (content !== box.content) {
          if (box.content) box.node.replaceChild(content, box.content); else box.node.appendChild(content);
          box.content = content;
        }
      }
      box.latlng = item.latlng;
      keep.add(item.id);
    });
    boxes.forEach(function (box, id) {
      if (!keep.has(id)) {
        sizes.unobserve(box.node);
        box.node.remove(); boxes.delete(id);
      }
    });
    this.order = items.map(function (item) { return item.id; });
    this.arrange();
  };

  /* ResizeObserver callback: new sizes of label boxes, known without forcing a layout. */
  LabelLayer.prototype.measured = function (entries) {
    var changed = false;
    entries.forEach(function (entry) {
      var box = entry.target.geohistBox, border = entry.borderBoxSize[0];
      if (!box) return;
      var size = [border.inlineSize, border.blockSize];
      if (!box.size || box.size[0] !== size[0] || box.size[1] !== size[1]) { box.size = size; changed = true; }
    });
    if (changed) this.arrange();
  };

  LabelLayer.prototype.arrange = function () {
    var map = this.map, size = map.getSize(), boxes = this.boxes;
    // Only boxes whose size is known take part; a new one is placed when measured() hears of it.
    var list = this.order.map(function (id) { return boxes.get(id); }).filter(function (b) {
      if (!b.size && b.shown !== false) { b.shown = false; b.node.style.visibility = 'hidden'; }
      return !!b.size;
    });
    var dims = list.map(function (b) { return b.size; });
    var placed = this.obstacleRects().slice();
    var spots = list.map(function (b, k) {
      var anchor = map.latLngToContainerPoint(b.latlng);
      var spot = bestSpot(anchor, dims[k][0], dims[k][1], b.side, placed, size);
      if (spot.shown) placed.push(spot.rect);
      return spot;
    });
    // Writes only, and only what changed: an unchanged label costs the frame no style, layout
    // or paint work.
    list.forEach(function (b, k) {
      var spot = spots[k];
      // visibility, not display: a hidden label keeps its size and its text stays laid out
      if (b.shown !== spot.shown) { b.shown = spot.shown; b.node.style.visibility = spot.shown ? '' : 'hidden'; }
      if (!spot.shown) return;
      if (b.sideShown !== spot.side) {
        b.sideShown = spot.side;
        b.node.classList.toggle('gh-left', spot.side === 'left');
      }
      b.side = spot.side;
      var arrow = Math.round(Math.min(Math.max(spot.arrowY, 8), dims[k][1] - 8));
      // moved by a transform, which costs no style or layout: a custom property read by the
      // label's ::before restyled the whole label (10k events: ~0.3 ms of style a step)
      if (b.arrow !== arrow) { b.arrow = arrow; b.pointer.style.transform = 'translateY(' + arrow + 'px)'; }
      var at = map.containerPointToLayerPoint([spot.rect.left, spot.rect.top]).round();
      if (!b.at || !b.at.equals(at)) { b.at = at; L.DomUtil.setPosition(b.node, at); }
    });
  };

  LabelLayer.prototype.clear = function () { this.show([]); };

  /* The obstacles' boxes in container pixels. Read once and kept: reading them right after the
   * labels' DOM writes forced a layout every step. They move only when the map is resized or
   * the caller changes them (obstaclesChanged). */
  LabelLayer.prototype.obstacleRects = function () {
    if (this.obstacleCache) return this.obstacleCache;
    var origin = this.map.getContainer().getBoundingClientRect();
    this.obstacleCache = this.obstacles().map(function (node) {
      var r = node.getBoundingClientRect();
      return { left: r.left - origin.left, right: r.right - origin.left,
        top: r.top - origin.top, bottom: r.bottom - origin.top };
    });
    return this.obstacleCache;
  };

  LabelLayer.prototype.obstaclesChanged = function () { this.obstacleCache = null; };

  /* The cheapest of: right or left of the place, moved down or up past the labels already
   * placed. Leaving the map costs more than any move; changing sides costs a little. */
  function bestSpot(anchor, w, h, side, placed, size) {
    var best = null;
    ['right', 'left'].forEach(function (s) {
      var left = s === 'right' ? anchor.x + OFFSET_PX : anchor.x - OFFSET_PX - w;
      var top = anchor.y - h / 2;
      [1, -1].forEach(function (direction) {
        var shift = settle(left, top, w, h, placed, direction);
        var rect = { left: left, right: left + w, top: top + shift, bottom: top + shift + h };
        var outside = rect.left < EDGE_PX || rect.right > size.x - EDGE_PX ||
          rect.top < EDGE_PX || rect.bottom > size.y - EDGE_PX;
        var cost = Math.abs(shift) + (s !== side ? SWITCH_COST : 0) + (outside ? 1e6 : 0);
        if (!best || cost < best.cost) {
          best = { side: s, rect: rect, cost: cost, arrowY: anchor.y - rect.top,
            shown: Math.abs(shift) <= FAR_PX };
        }
      });
    });
    return best;
  }

  /* How far to move a box down (direction 1) or up (-1) until it covers no placed box. */
  function settle(left, top, w, h, placed, direction) {
    var shift = 0, moved = true;
    for (var pass = 0; moved && pass <= placed.length; pass++) {
      moved = false;
      for (var i = 0; i < placed.length; i++) {
        var q = placed[i];
        var y0 = top + shift, y1 = y0 + h;
        if (left < q.right && q.left < left + w && y0 < q.bottom + GAP_PX && q.top < y1 + GAP_PX) {
          shift = direction > 0 ? q.bottom + GAP_PX - top : q.top - GAP_PX - h - top;
          moved = true;
        }
      }
    }
    return shift;
  }

  window.GeohistLabels = LabelLayer;
})();
