/* geohist map labels: one box per cluster of lit places, beside its dot, clear of the others,
 * painted on the map's changing canvas after the places and arcs.
 *
 * Painted, not DOM: two dozen label elements whose text changed on most steps cost each frame
 * style, layout and paint on the page's main thread (~6.5 ms at 10k events), a second layout
 * once a ResizeObserver had their sizes, and ~5 ms of rastering their layers on the other
 * core. Painted here, a 10k-event step costs 3.5–5.6 ms more than a no-op step instead of
 * 6.6–8.3, and a 5 s drag drops 47–60 of 300 frames instead of 103–117 (benchmarks/README.md,
 * sixth session). Before the DOM boxes they were Leaflet tooltips, which measured and pushed
 * each other apart in turns: ~400 ms a step.
 *
 * A label is laid out (lines wrapped, long names cut with an ellipsis) only when its content
 * changes, from text widths measured on the canvas and kept; its size is then known at once, so
 * labels are placed and painted in the same pass. Text is drawn with fillText: titles and names
 * are data and never become markup. shown() reports what was painted, for tests and tools.
 */
(function () {
  'use strict';

  var OFFSET_PX = 14; // from the place to the label's near edge (room for the arrow)
  var GAP_PX = 4; // between labels that had to be stacked
  var EDGE_PX = 4; // keep clear of the map's edges
  var FAR_PX = 220; // a label pushed further than this from its place is hidden, not misleading
  var SWITCH_COST = 12; // px: a label changes sides only for a clear gain, so it does not flicker

  /* The look: a white box with a coloured left edge and an arrow towards its place. */
  var FAMILY = '"DejaVu Sans", "Segoe UI", "Noto Sans", system-ui, sans-serif';
  var LINE_HEIGHT = 1.35;
  var PAD = { top: 4, right: 9, bottom: 5, left: 8 };
  var RADIUS = 5, ARROW = 6;
  var BOX_FILL = '#ffffff';
  // a crisp outline and a 1 px drop below, not a blurred shadow: blurs are slow without a GPU
  var OUTLINE = 'rgba(31, 41, 51, 0.16)', DROP = 'rgba(31, 41, 51, 0.12)';
  var EDGE = { width: 3, color: '#e4572e', dashed: false };
  var SOFT_EDGE = { width: 3, color: '#f0937a', dashed: true };
  var SELECTED_EDGE = { width: 4, color: '#1f2933' }; // dashed if soft too
  // Each kind of line: font size and weight, colour, widest (px; titles wrap, names are cut).
  var KINDS = {
    'gh-label-name': { size: 13, bold: true, color: '#1f2933', max: 320 },
    'gh-label-title': { size: 12, color: '#3e4c59', max: 250, wrap: true, above: 1 },
    'gh-label-date': { size: 11, color: '#7b8794', italicIfSoft: true },
    'gh-label-more': { size: 11, color: '#7b8794' }
  };
  var MORE_NAMES = { color: '#52606d', gap: 0.3 }; // "+2 places": kept whole, gap in em
  var ELLIPSIS = '\u2026';
  var MEASURED_MAX = 20000; // text widths kept before the cache starts afresh

  function LabelLayer(map, obstacles) {
    this.map = map;
    this.obstacles = obstacles || function () { return []; };
    this.layouts = new Map(); // id → { key, layout, side } of the last step's labels
    this.lastStep = []; // what draw() placed, for shown()
    this.obstacleCache = null;
    this.widths = new Map(); // font + text → px
    map.on('resize', this.obstaclesChanged, this);
  }

  /* Places and paints items: [{ id, latlng: [lat, lon], key, look: { soft, selected },
   * lines }], most important first (earlier labels keep their place, later ones move out of
   * their way). lines: [kind, text] or, for the names, [kind, [[part kind, text], ...]]; key
   * stands for look and lines, so an unchanged label is not laid out again. ctx draws in the
   * map container's CSS pixels; size is the container's size. */
  LabelLayer.prototype.draw = function (ctx, items, size) {
    var self = this, layouts = new Map(), placed = this.obstacleRects().slice(), step = [];
    items.forEach(function (item) {
      var last = self.layouts.get(item.id), side = last ? last.side : 'right';
      var layout = last && last.key === item.key ? last.layout : self.layout(ctx, item);
      var spot = bestSpot(self.map.latLngToContainerPoint(item.latlng), layout.width, layout.height,
        side, placed, size);
      step.push({ id: item.id, item: item, layout: layout, left: Math.round(spot.rect.left),
        top: Math.round(spot.rect.top), side: spot.side, shown: spot.shown,
        arrowY: Math.round(Math.min(Math.max(spot.arrowY, 8), layout.height - 8)) });
      // the side it was painted on, kept while it is left out, so it does not flip sides
      layouts.set(item.id, { key: item.key, layout: layout, side: spot.shown ? spot.side : side });
      if (spot.shown) placed.push(spot.rect); // else pushed too far: left out, not misleading
    });
    var boxes = step.filter(function (p) { return p.shown; });
    paintBoxes(ctx, boxes);
    paintTexts(ctx, boxes);
    this.layouts = layouts;
    this.lastStep = step;
  };

  /* The labels of the last step: id, look, lines (their whole texts), rows (as drawn: wrapped
   * and cut), the box in container pixels, the side of its place it is on, and whether it was
   * painted (shown) or left out because it would have been too far from its place. */
  LabelLayer.prototype.shown = function () {
    return this.lastStep.map(function (p) {
      var lines = p.item.lines.map(function (line) {
        var text = Array.isArray(line[1]) ? line[1].map(function (part) { return part[1]; }).join(' ') : line[1];
        return { kind: line[0], text: text };
      });
      return {
        id: p.id, soft: !!p.item.look.soft, selected: !!p.item.look.selected,
        lines: lines, text: lines.map(function (l) { return l.text; }).join(''),
        rows: p.layout.rows.map(function (r) { return r.text; }),
        left: p.left, top: p.top, right: p.left + p.layout.width, bottom: p.top + p.layout.height,
        side: p.side, shown: p.shown
      };
    });
  };

  LabelLayer.prototype.obstaclesChanged = function () { this.obstacleCache = null; };

  /* The obstacles' boxes in container pixels. Read once and kept: reading layout while a step
   * is painted could force one. They move only when the map is resized or the caller changes
   * them (obstaclesChanged). */
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

  /* ---------- layout: rows of text, and the box's size ---------- */

  function font(kind, soft, bold) { // kind: one of KINDS; bold: as the kind has it unless given
    var heavy = bold === undefined ? kind.bold : bold;
    return (kind.italicIfSoft && soft ? 'italic ' : '') + (heavy ? 'bold ' : '') + kind.size + 'px ' + FAMILY;
  }

  LabelLayer.prototype.width = function (ctx, fontName, text) {
    var key = fontName + '\n' + text, w = this.widths.get(key);
    if (w !== undefined) return w;
    if (this.widths.size >= MEASURED_MAX) this.widths.clear();
    ctx.font = fontName; // set, not compared: reading ctx.font back costs more than setting it
    w = ctx.measureText(text).width;
    this.widths.set(key, w);
    return w;
  };

  /* The longest start of text that fits in max px with an ellipsis (the whole text if it fits). */
  LabelLayer.prototype.fit = function (ctx, fontName, text, max) {
    if (this.width(ctx, fontName, text) <= max) return text;
    var lo = 0, hi = text.length - 1;
    while (lo < hi) { // the largest n with text[0:n] + … no wider than max
      var mid = (lo + hi + 1) >> 1;
      if (this.width(ctx, fontName, text.slice(0, mid).trimEnd() + ELLIPSIS) <= max) lo = mid; else hi = mid - 1;
    }
    return text.slice(0, lo).trimEnd() + ELLIPSIS;
  };

  /* Words filled greedily into rows no wider than max; a word wider than that alone is cut.
   * Rows as [text, px]. Words are measured one by one, as the browser's own text layout caches
   * them: a title seen for the first time costs a measurement per new word, not per row tried. */
  LabelLayer.prototype.wrap = function (ctx, fontName, text, max) {
    var words = String(text).split(/\s+/).filter(Boolean), rows = [], row = '', rowWidth = 0;
    var space = this.width(ctx, fontName, ' ');
    for (var k = 0; k < words.length; k++) {
      var w = this.width(ctx, fontName, words[k]);
      if (row && rowWidth + space + w <= max) { row += ' ' + words[k]; rowWidth += space + w; continue; }
      if (row) rows.push(this.cut(ctx, fontName, row, rowWidth, max));
      row = words[k]; rowWidth = w;
    }
    rows.push(this.cut(ctx, fontName, row, rowWidth, max));
    return rows;
  };

  LabelLayer.prototype.cut = function (ctx, fontName, text, width, max) { // [text, px], fitted
    if (width <= max) return [text, width];
    var cut = this.fit(ctx, fontName, text, max);
    return [cut, this.width(ctx, fontName, cut)];
  };

  LabelLayer.prototype.layout = function (ctx, item) {
    var self = this, soft = !!item.look.soft, rows = [], y = PAD.top, contentWidth = 0;
    var edge = item.look.selected ? { width: SELECTED_EDGE.width, color: SELECTED_EDGE.color, dashed: soft }
      : (soft ? SOFT_EDGE : EDGE);
    var x0 = edge.width + PAD.left;
    function row(fontName, color, text, x, height, width) {
      rows.push({ font: fontName, color: color, text: text, x: x0 + x, y: y, height: height });
      contentWidth = Math.max(contentWidth, x + width);
    }
    item.lines.forEach(function (line) {
      var kind = KINDS[line[0]] || KINDS['gh-label-title'], height = kind.size * LINE_HEIGHT;
      var fontName = font(kind, soft);
      y += kind.above || 0;
      if (Array.isArray(line[1])) { // names, and "+N places" kept whole after them
        var names = line[1][0] ? line[1][0][1] : '', more = line[1][1] ? line[1][1][1] : '';
        var moreFont = font(kind, soft, false), gap = more ? MORE_NAMES.gap * kind.size : 0;
        var moreWidth = more ? self.width(ctx, moreFont, more) : 0;
        var shown = self.fit(ctx, fontName, names, (kind.max || Infinity) - gap - moreWidth);
        var namesWidth = self.width(ctx, fontName, shown);
        row(fontName, kind.color, shown, 0, height, namesWidth);
        if (more) row(moreFont, MORE_NAMES.color, more, namesWidth + gap, height, moreWidth);
        y += height;
        return;
      }
      var text = String(line[1]);
      var texts = kind.wrap ? self.wrap(ctx, fontName, text, kind.max)
        : [self.cut(ctx, fontName, text, self.width(ctx, fontName, text), kind.max || Infinity)];
      texts.forEach(function (t) {
        row(fontName, kind.color, t[0], 0, height, t[1]);
        y += height;
      });
    });
    rows.forEach(function (r) { // the baseline: text centred in its line as CSS centres it
      var m = fontMetrics(ctx, r.font);
      r.baseline = r.y + (r.height - m.ascent - m.descent) / 2 + m.ascent;
    });
    return { width: Math.ceil(x0 + contentWidth + PAD.right), height: Math.ceil(y + PAD.bottom),
      rows: rows, edge: edge };
  };

  var metrics = new Map();
  function fontMetrics(ctx, fontName) {
    var m = metrics.get(fontName);
    if (m) return m;
    ctx.font = fontName;
    var t = ctx.measureText('Hg');
    m = { ascent: t.fontBoundingBoxAscent, descent: t.fontBoundingBoxDescent };
    metrics.set(fontName, m);
    return m;
  }

  /* ---------- painting ---------- */

  /* Painted at whole pixels, every large area a rectangle on the pixel grid: Skia fills those
   * as a blit, any other shape (a rounded box) through its anti-aliasing rasterizer, several
   * times slower. The box is opaque: a see-through fill made Skia blend every pixel under two
   * dozen labels (10k events: ~2.6 ms of rasterizing a step). The outline is two one-pixel
   * strokes, which Skia draws as hairlines. (Keeping each label as a bitmap, rasterized when
   * its content changes and copied on each step, cost more than the DOM labels did: at 10k
   * events +11.0 and +9.3 ms a step over the no-op, against +8.7 and +7.2.)
   * All the labels' boxes are painted a part at a time, then their texts a font at a time: fewer
   * canvas calls and state changes (the labels' stage at 10k events, 6.6-7.0 -> 5.7-6.05 ms a
   * step). Boxes do not overlap, so only where an arrow meets a neighbour could the order show.
   * A rounded box is three rectangles and four quarter discs. */
  function paintBoxes(ctx, boxes) {
    ctx.globalAlpha = 1; ctx.setLineDash([]); ctx.lineWidth = 1;
    [[DROP, 0.5], [OUTLINE, -0.5]].forEach(function (stroke) { // the drop below, the outline
      ctx.strokeStyle = stroke[0];
      ctx.beginPath();
      boxes.forEach(function (b) {
        ctx.roundRect(b.left - 0.5, b.top + stroke[1], b.layout.width + 1, b.layout.height + 1, RADIUS + 0.5);
      });
      ctx.stroke();
    });
    ctx.fillStyle = BOX_FILL;
    boxes.forEach(function (b) {
      var w = b.layout.width, h = b.layout.height, r = RADIUS;
      ctx.fillRect(b.left + r, b.top, w - 2 * r, h);
      ctx.fillRect(b.left, b.top + r, r, h - 2 * r);
      ctx.fillRect(b.left + w - r, b.top + r, r, h - 2 * r);
    });
    ctx.beginPath(); // the corners, and the arrows from the near edge towards the places
    boxes.forEach(function (b) {
      var left = b.left, top = b.top, w = b.layout.width, h = b.layout.height, r = RADIUS;
      corner(ctx, left + r, top + r, r, Math.PI, 1.5 * Math.PI);
      corner(ctx, left + w - r, top + r, r, 1.5 * Math.PI, 2 * Math.PI);
      corner(ctx, left + w - r, top + h - r, r, 0, 0.5 * Math.PI);
      corner(ctx, left + r, top + h - r, r, 0.5 * Math.PI, Math.PI);
      // clockwise on screen, as corner() goes: one path is filled by the nonzero rule, and an
      // arrow wound the other way would cut a hole where it meets a neighbour's corner
      var right = b.side === 'right', x = right ? left : left + w, y = top + b.arrowY;
      var from = right ? ARROW : -ARROW; // from below the tip (right side) or above it (left)
      ctx.moveTo(x, y + from); ctx.lineTo(x + (right ? -ARROW : ARROW), y);
      ctx.lineTo(x, y - from); ctx.closePath();
    });
    ctx.fill();
    boxes.forEach(function (b) {
      var edge = b.layout.edge, top = b.top, h = b.layout.height;
      ctx.fillStyle = edge.color; // the coloured left edge, inside the box's rounded corners
      if (!edge.dashed) {
        edgeBand(ctx, b.left, top, edge.width, h, true, true);
      } else {
        for (var y = top; y < top + h; y += 3 * edge.width) {
          var dash = Math.min(2 * edge.width, top + h - y); // rounded only where it meets a corner
          edgeBand(ctx, b.left, y, edge.width, dash, y === top, y + dash === top + h);
        }
      }
    });
  }

  /* The labels' lines, a font at a time: setting the canvas's font is not free. */
  function paintTexts(ctx, boxes) {
    ctx.textBaseline = 'alphabetic'; ctx.textAlign = 'left';
    var byFont = new Map();
    boxes.forEach(function (b) {
      b.layout.rows.forEach(function (r) {
        var list = byFont.get(r.font);
        if (!list) byFont.set(r.font, list = []);
        list.push([r, b.left, b.top]);
      });
    });
    byFont.forEach(function (list, font) {
      ctx.font = font; // not read back: serializing it costs more than setting it
      var color = null;
      list.forEach(function (t) {
        var r = t[0];
        if (color !== r.color) ctx.fillStyle = color = r.color;
        ctx.fillText(r.text, t[1] + r.x, t[2] + r.baseline);
      });
    });
  }

  function corner(ctx, cx, cy, r, from, to) {
    ctx.moveTo(cx, cy); ctx.arc(cx, cy, r, from, to); ctx.closePath();
  }

  /* The left edge from y to y + h, its ends following the box's corners where they meet them:
   * one path, no clip. */
  function edgeBand(ctx, left, y, width, h, roundTop, roundBottom) {
    var r = RADIUS, cx = left + r, inner = Math.acos((width - r) / r); // where x = left + width
    if (h < r) roundTop = roundBottom = false; // a dash shorter than the corner: square
    ctx.beginPath();
    if (roundTop) {
      ctx.arc(cx, y + r, r, 2 * Math.PI - inner, Math.PI, true);
    } else {
      ctx.moveTo(left + width, y); ctx.lineTo(left, y);
    }
    if (roundBottom) {
      ctx.arc(cx, y + h - r, r, Math.PI, inner, true);
    } else {
      ctx.lineTo(left, y + h); ctx.lineTo(left + width, y + h);
    }
    ctx.closePath(); ctx.fill();
  }

  /* ---------- placing: beside the place, clear of the labels before ---------- */

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
