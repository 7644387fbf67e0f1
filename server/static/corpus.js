// geoparse map page, corpus view: browses a result file of geoparse
// extract (up to a few hundred thousand events) in the browser. Events are
// kept in typed columns so that a filter pass over 100,000 of them takes a
// few milliseconds; supercluster clusters the selection (it indexes 100k
// points in a fraction of a second, where Leaflet.markercluster takes
// seconds); the table renders only the rows in sight.
(function (G) {
  "use strict";

  var DAY = 864e5;
  var NODATE = -2147483648; // day number of an event without date_start
  var ROW = 24; // table row height in px (app.css .vrow)
  var TYPE_INDEX = {};
  G.TYPES.forEach(function (t, i) { TYPE_INDEX[t] = i; });

  // dayNum turns YYYY-MM-DD into days since 1970-01-01 (NODATE if not a day).
  function dayNum(s) {
    if (typeof s !== "string" || s.length < 10) return NODATE;
    var t = Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
    return isNaN(t) ? NODATE : Math.round(t / DAY);
  }
  function dayStr(d) { return new Date(d * DAY).toISOString().slice(0, 10); }
  G.dayNum = dayNum;

  // --- reading files -----------------------------------------------------

  // isCorpus tells a result file from an input file of articles by its
  // content: GeoJSON, or JSON Lines whose first object is a Feature or an
  // annotation (it has "events"); articles have "text" instead.
  G.isCorpus = function (text, name) {
    if (/\.(geojson|geojsonl|geojsonseq)$/i.test(name)) return true;
    var head = text.slice(0, 200000).replace(/^[\s\x1e\ufeff]+/, "");
    if (/^\{\s*"type"\s*:\s*"(FeatureCollection|Feature)"/.test(head)) return true;
    var nl = head.indexOf("\n");
    try {
      var o = JSON.parse(nl < 0 ? head : head.slice(0, nl));
      return !!o && (o.type === "Feature" || o.type === "FeatureCollection" || Array.isArray(o.events));
    } catch (e) { return false; }
  };

  // parseCorpus reads a .geojson (one FeatureCollection), .geojsonl (one
  // Feature a line, each maybe led by RS as RFC 8142 has it) or .jsonl
  // (geoparse's annotations: one object a document, its events carrying
  // lat/lon) into [{lat, lon, p}] where p holds the GeoJSON properties.
  // Events without a point are counted in skipped.
  G.parseCorpus = function (text, name) {
    var out = [], skipped = 0, bad = 0, firstBad = 0;
    function add(lat, lon, p) {
      if (typeof lat === "number" && typeof lon === "number" && isFinite(lat) && isFinite(lon)) out.push({ lat: lat, lon: lon, p: p });
      else skipped++;
    }
    function addFeature(f) {
      var g = f && f.geometry;
      if (!g || g.type !== "Point" || !g.coordinates) { skipped++; return; }
      var p = f.properties || {};
      if (p.id == null && f.id != null) p.id = f.id;
      add(g.coordinates[1], g.coordinates[0], p);
    }
    // An annotation's event has lat/lon; older shapes point into places.
    function addAnnotation(a) {
      a.events.forEach(function (ev) {
        var lat = ev.lat, lon = ev.lon;
        if (lat == null && a.places) {
          var pl = a.places[ev.point_index != null ? ev.point_index : ev.place_index];
          if (pl) { lat = pl.lat; lon = pl.lon; }
        }
        if (ev.doc_id == null) ev.doc_id = a.id;
        add(lat, lon, ev);
      });
    }
    function addObject(o) {
      if (!o || typeof o !== "object") skipped++;
      else if (o.type === "FeatureCollection") (o.features || []).forEach(addFeature);
      else if (o.type === "Feature") addFeature(o);
      else if (Array.isArray(o.events)) addAnnotation(o);
      else if ("lat" in o && "lon" in o) add(o.lat, o.lon, o);
      else skipped++;
    }
    var start = text.replace(/^[\s\x1e\ufeff]+/, "").slice(0, 100);
    if (/\.(geojson|json)$/i.test(name) || /^\{\s*"type"\s*:\s*"FeatureCollection"/.test(start)) {
      try {
        addObject(JSON.parse(text.replace(/^[\s\x1e\ufeff]+/, "")));
        return { events: out, skipped: skipped };
      } catch (e) { out = []; skipped = 0; } // not one document: read it a line at a time
    }
    for (var pos = 0, lineNo = 1; pos < text.length; lineNo++) {
      var nl = text.indexOf("\n", pos);
      if (nl < 0) nl = text.length;
      var line = text.slice(pos, nl);
      pos = nl + 1;
      if (line.charCodeAt(0) === 0x1e) line = line.slice(1);
      if (!line.trim()) continue;
      try { addObject(JSON.parse(line)); } catch (e) { bad++; if (!firstBad) firstBad = lineNo; }
    }
    if (!out.length && bad) throw new Error(name + ": line " + firstBad + " is not JSON");
    return { events: out, skipped: skipped + bad, badLine: firstBad };
  };

  // --- columns -----------------------------------------------------------

  // columns turns the events into typed arrays, with the countries and
  // people numbered, and the order of the table (by date_start, undated
  // last; stable, so file order within a day).
  function columns(events) {
    var n = events.length;
    var c = {
      n: n, ev: events, lat: new Float64Array(n), lon: new Float64Array(n), day: new Int32Array(n),
      type: new Uint8Array(n), approx: new Uint8Array(n), country: new Int32Array(n), pStart: new Uint32Array(n + 1),
      pIds: [], countries: [], countryCount: [], persons: [], personCount: [], typeCount: {}, docs: 0,
      minDay: Infinity, maxDay: -Infinity
    };
    var cIdx = {}, pIdx = {}, docs = {};
    for (var i = 0; i < n; i++) {
      var e = events[i], p = e.p;
      c.lat[i] = e.lat;
      c.lon[i] = e.lon;
      var d = dayNum(p.date_start);
      c.day[i] = d;
      if (d !== NODATE) { if (d < c.minDay) c.minDay = d; if (d > c.maxDay) c.maxDay = d; }
      var t = G.typeOf(p.type);
      c.type[i] = TYPE_INDEX[t];
      c.typeCount[t] = (c.typeCount[t] || 0) + 1;
      c.approx[i] = G.isApprox(p.location_precision) ? 1 : 0;
      var cc = p.country_code || "";
      if (!(cc in cIdx)) { cIdx[cc] = c.countries.length; c.countries.push(cc); c.countryCount.push(0); }
      c.country[i] = cIdx[cc];
      c.countryCount[cIdx[cc]]++;
      c.pStart[i] = c.pIds.length;
      (p.people || []).forEach(function (name) {
        if (!(name in pIdx)) { pIdx[name] = c.persons.length; c.persons.push(name); c.personCount.push(0); }
        c.pIds.push(pIdx[name]);
        c.personCount[pIdx[name]]++;
      });
      if (!docs[p.doc_id]) { docs[p.doc_id] = true; c.docs++; }
    }
    c.pStart[n] = c.pIds.length;
    c.pIds = Int32Array.from(c.pIds);
    var order = new Array(n);
    for (i = 0; i < n; i++) order[i] = i;
    var key = function (i) { return c.day[i] === NODATE ? 2147483647 : c.day[i]; };
    order.sort(function (a, b) { return key(a) - key(b); });
    c.order = Uint32Array.from(order);
    // supercluster takes GeoJSON points; made once, reused on every filter.
    c.points = new Array(n);
    for (i = 0; i < n; i++) c.points[i] = { type: "Feature", properties: { i: i }, geometry: { type: "Point", coordinates: [c.lon[i], c.lat[i]] } };
    return c;
  }

  // byCount lists indexes of names by decreasing count.
  function byCount(counts) {
    var idx = counts.map(function (_, i) { return i; });
    return idx.sort(function (a, b) { return counts[b] - counts[a]; });
  }

  // --- the view ----------------------------------------------------------

  // CorpusView draws a corpus on map and wires its controls (els), the
  // legend (type filter) and the shared date inputs. view is
  // window.geoparseView, where it reports what it shows.
  G.CorpusView = function (map, els, legend, view) {
    this.map = map;
    this.els = els;
    this.legend = legend;
    this.view = view;
    this.layer = L.layerGroup();
    this.c = null;
    this.range = null; // [fromDay, toDay] brushed or typed, inclusive
    this.sel = new Uint32Array(0);
    this.k = 0;
    var self = this;
    map.on("moveend", function () { if (self.active) self.drawClusters(); });
    this.wireTimeline();
    this.wireTable();
    els.person.addEventListener("change", function () { self.timed("person", function () { self.apply(true); }); });
    els.country.addEventListener("change", function () { self.timed("country", function () { self.apply(true); }); });
    els.reset.addEventListener("click", function () { self.timed("reset", function () { self.reset(); }); });
    window.addEventListener("resize", function () { if (self.active) { self.drawTimeline(); self.drawTable(); } });
  };

  var P = G.CorpusView.prototype;

  // timed runs fn, a reaction to the user, and records how long it took
  // until the next frame was painted (rAF runs before the paint; the
  // timeout after it runs once the frame is out): the interaction latency
  // the user sees, in view.corpus.timings.
  P.timed = function (what, fn) {
    var t0 = performance.now(), self = this;
    fn();
    var work = performance.now() - t0;
    requestAnimationFrame(function () {
      setTimeout(function () {
        var list = self.view.corpus.timings;
        list.push({ what: what, work_ms: Math.round(work * 10) / 10, frame_ms: Math.round((performance.now() - t0) * 10) / 10 });
        if (list.length > 200) list.shift();
      }, 0);
    });
  };

  // load shows the events of a parsed file; timings gathers the phases.
  P.load = function (events, name, timings) {
    var t0 = performance.now();
    this.c = columns(events);
    timings.index_ms = Math.round(performance.now() - t0);
    this.name = name;
    this.range = null;
    this.els.person.value = "";
    this.fillChoices();
    this.active = true;
    this.layer.addTo(this.map);
    this.view.corpus = { events: this.c.n, docs: this.c.docs, selected: 0, timings: [], load: timings };
    var t1 = performance.now();
    this.apply(true);
    timings.first_render_ms = Math.round(performance.now() - t1);
  };

  P.hide = function () {
    this.active = false;
    this.map.removeLayer(this.layer);
  };

  // fillChoices lists the countries and the most frequent people.
  P.fillChoices = function () {
    var c = this.c, h = '<option value="">all countries</option>';
    byCount(c.countryCount).forEach(function (i) {
      h += '<option value="' + i + '">' + G.esc(c.countries[i] || "(none)") + " · " + c.countryCount[i].toLocaleString("en") + "</option>";
    });
    this.els.country.innerHTML = h;
    h = "";
    byCount(c.personCount).slice(0, 500).forEach(function (i) {
      h += '<option value="' + G.esc(c.persons[i]) + '">' + c.personCount[i] + " events</option>";
    });
    this.els.peopleList.innerHTML = h;
  };

  P.reset = function () {
    this.range = null;
    this.els.person.value = "";
    this.els.country.value = "";
    for (var t in this.legend.hidden) delete this.legend.hidden[t];
    this.apply(true);
  };

  // personSet marks the people the person box names: an exact name
  // (ignoring case), else every name containing the text; null for any.
  P.personSet = function () {
    var q = this.els.person.value.trim().toLowerCase();
    if (!q) return null;
    var names = this.c.persons, set = new Uint8Array(names.length), exact = false, i;
    for (i = 0; i < names.length; i++) if (names[i].toLowerCase() === q) { set[i] = 1; exact = true; }
    if (!exact) for (i = 0; i < names.length; i++) if (names[i].toLowerCase().indexOf(q) >= 0) set[i] = 1;
    return set;
  };

  // setRangeFromInputs reads the shared From/To date inputs.
  P.setRangeFromInputs = function () {
    var f = dayNum(this.els.from.value), t = dayNum(this.els.to.value);
    if (f === NODATE && t === NODATE) this.range = null;
    else this.range = [f === NODATE ? this.c.minDay : f, t === NODATE ? this.c.maxDay : t];
    this.timed("dates", this.apply.bind(this, true));
  };

  // apply runs the filters. The histogram counts what passes the type,
  // country and person filters (what a brush selects from); the selection
  // is what also passes the date range. full also reclusters and refits
  // the map, which a brush in motion leaves for its end.
  P.apply = function (full) {
    var c = this.c;
    if (!c) return;
    var typeOn = G.TYPES.map(this.legend.shows, this.legend);
    var ctry = this.els.country.value === "" ? -1 : +this.els.country.value;
    var pset = this.personSet();
    var hist = this.histogram(), r = this.range;
    var from = r ? r[0] : 0, to = r ? r[1] : 0;
    var sel = this.sel.length === c.n ? this.sel : new Uint32Array(c.n);
    var k = 0, w = 180, e = -180, s = 90, nn = -90;
    for (var j = 0; j < c.n; j++) {
      var i = c.order[j];
      if (!typeOn[c.type[i]] || (ctry >= 0 && c.country[i] !== ctry)) continue;
      if (pset) {
        var hit = false;
        for (var q = c.pStart[i]; q < c.pStart[i + 1]; q++) if (pset[c.pIds[q]]) { hit = true; break; }
        if (!hit) continue;
      }
      var d = c.day[i];
      if (d !== NODATE) hist.counts[((d - hist.min) / hist.binDays) | 0]++;
      if (r && (d === NODATE || d < from || d > to)) continue;
      sel[k++] = i;
      if (full) {
        var la = c.lat[i], lo = c.lon[i];
        if (lo < w) w = lo;
        if (lo > e) e = lo;
        if (la < s) s = la;
        if (la > nn) nn = la;
      }
    }
    this.sel = sel;
    this.k = k;
    this.hist = hist;
    this.syncInputs();
    this.drawTimeline();
    this.drawTable();
    this.report();
    if (full) {
      this.cluster();
      if (k) this.map.fitBounds(L.latLngBounds([s, w], [nn, e]).pad(0.05), { maxZoom: 10, animate: false });
      this.drawClusters();
    }
  };

  P.syncInputs = function () {
    this.els.from.value = this.range ? dayStr(this.range[0]) : "";
    this.els.to.value = this.range ? dayStr(this.range[1]) : "";
  };

  // report tells the page and the tests what is selected.
  P.report = function () {
    var v = this.view.corpus, c = this.c;
    v.selected = this.k;
    v.from = this.range ? dayStr(this.range[0]) : "";
    v.to = this.range ? dayStr(this.range[1]) : "";
    this.legend.update(c.typeCount);
    this.els.shown.textContent = this.k.toLocaleString("en") + " of " + c.n.toLocaleString("en") + " events";
    this.els.summary.textContent = c.n.toLocaleString("en") + " events from " + c.docs.toLocaleString("en") +
      " documents in " + this.name + "; " + this.k.toLocaleString("en") + " selected";
  };

  // --- clusters ----------------------------------------------------------

  P.cluster = function () {
    var t0 = performance.now(), pts = new Array(this.k);
    for (var j = 0; j < this.k; j++) pts[j] = this.c.points[this.sel[j]];
    this.index = new Supercluster({ radius: 50, maxZoom: 14 }).load(pts);
    this.view.corpus.cluster_ms = Math.round(performance.now() - t0);
  };

  function clusterIcon(n, label) {
    var size = n < 100 ? "small" : n < 1000 ? "medium" : "large";
    return L.divIcon({
      html: '<div><span data-count="' + n + '">' + label + "</span></div>",
      className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40)
    });
  }

  // drawClusters shows the clusters and single events in sight.
  P.drawClusters = function () {
    if (!this.index) return;
    var t0 = performance.now(), map = this.map, b = map.getBounds(), c = this.c, self = this;
    var items = this.index.getClusters([b.getWest(), Math.max(-85, b.getSouth()), b.getEast(), Math.min(85, b.getNorth())],
      Math.floor(map.getZoom()));
    var clusters = 0, clustered = 0, singles = 0, markers = [];
    items.forEach(function (f) {
      var ll = [f.geometry.coordinates[1], f.geometry.coordinates[0]], m;
      if (f.properties.cluster) {
        clusters++;
        clustered += f.properties.point_count;
        m = L.marker(ll, { icon: clusterIcon(f.properties.point_count, f.properties.point_count_abbreviated) });
        m.on("click", function () { map.setView(ll, Math.min(self.index.getClusterExpansionZoom(f.properties.cluster_id), 18)); });
      } else {
        var i = f.properties.i;
        singles++;
        m = L.marker([c.lat[i], c.lon[i]], { icon: G.icon(c.ev[i].p.type, c.approx[i]), title: c.ev[i].p.place || "" });
        m.on("click", function () { self.openEvent(i, false); });
      }
      markers.push(m);
    });
    this.layer.clearLayers();
    markers.forEach(function (m) { self.layer.addLayer(m); });
    var v = this.view.corpus;
    v.clusters = clusters;
    v.clustered = clustered;
    v.singles = singles;
    v.draw_ms = Math.round(performance.now() - t0);
  };

  // openEvent shows one event's popup; from the table it first brings the
  // event into sight.
  P.openEvent = function (i, fly) {
    var c = this.c, p = c.ev[i].p, ll = L.latLng(c.lat[i], c.lon[i]);
    if (fly) this.map.setView(ll, Math.max(this.map.getZoom(), 8), { animate: false });
    var h = '<div class="popup"><div class="place-name">' + G.esc(p.place) + "</div>";
    var meta = [];
    if (p.place_text && p.place_text !== p.place) meta.push("“" + G.esc(p.place_text) + "”");
    if (p.country_code) meta.push(G.esc(p.country_code));
    if (p.feature_code) meta.push(G.esc(p.feature_code));
    if (meta.length) h += '<div class="meta">' + meta.join(" · ") + "</div>";
    h += G.eventHTML(p);
    var title = p.title || p.doc_id || "";
    if (title) {
      h += '<div class="meta doc">' + (/^https?:\/\//.test(p.url || "") ? '<a href="' + G.esc(p.url) + '" target="_blank" rel="noopener">' + G.esc(title) + "</a>" : G.esc(title)) +
        (p.published ? " · " + G.esc(p.published) : "") + (p.source ? " · " + G.esc(p.source) : "") + "</div>";
    }
    L.popup(G.popupOptions(this.map)).setLatLng(ll).setContent(h + "</div>").openOn(this.map);
  };

  // --- timeline ----------------------------------------------------------

  // histogram sizes the bins: whole days, as many as fit at 3 px a bar.
  P.histogram = function () {
    var c = this.c, cv = this.els.timeline;
    var width = Math.max(cv.clientWidth, 200);
    var min = c.minDay, max = c.maxDay;
    if (min === Infinity) { min = max = dayNum(new Date().toISOString()); }
    var span = max - min + 1, binDays = Math.max(1, Math.ceil(span / Math.floor(width / 3)));
    var bins = Math.ceil(span / binDays);
    return { min: min, binDays: binDays, bins: bins, counts: new Float64Array(bins) };
  };

  P.drawTimeline = function () {
    var cv = this.els.timeline, h = this.hist;
    if (!h || !this.active) return;
    var dpr = window.devicePixelRatio || 1, W = cv.clientWidth, H = cv.clientHeight;
    if (cv.width !== Math.round(W * dpr) || cv.height !== Math.round(H * dpr)) { cv.width = Math.round(W * dpr); cv.height = Math.round(H * dpr); }
    var g = cv.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, W, H);
    var top = 14, bottom = H - 16, max = 0, b;
    for (b = 0; b < h.bins; b++) if (h.counts[b] > max) max = h.counts[b];
    var bw = W / h.bins, r = this.range;
    for (b = 0; b < h.bins; b++) {
      if (!h.counts[b]) continue;
      var d0 = h.min + b * h.binDays, d1 = d0 + h.binDays - 1;
      var inRange = !r || (d1 >= r[0] && d0 <= r[1]);
      var y = bottom - (bottom - top) * h.counts[b] / max;
      g.fillStyle = inRange ? "#1f3b57" : "#b7c3cf";
      g.fillRect(b * bw, y, Math.max(bw - (bw > 3 ? 1 : 0), 1), bottom - y);
    }
    if (r) { // the brush
      var x0 = this.dayToX(r[0]), x1 = this.dayToX(r[1] + 1);
      g.fillStyle = "rgba(255, 170, 0, 0.18)";
      g.fillRect(x0, 0, x1 - x0, bottom);
      g.strokeStyle = "#e08a00";
      g.strokeRect(x0 + 0.5, 0.5, x1 - x0 - 1, bottom - 1);
    }
    g.fillStyle = "#444";
    g.font = "11px system-ui, sans-serif";
    g.textBaseline = "alphabetic";
    var last = h.min + h.bins * h.binDays - 1;
    g.textAlign = "left";
    g.fillText(dayStr(h.min), 2, H - 3);
    g.textAlign = "right";
    g.fillText(dayStr(last), W - 2, H - 3);
    g.textAlign = "center";
    g.fillText(dayStr(Math.round((h.min + last) / 2)), W / 2, H - 3);
    g.textAlign = "left";
    g.fillText("max " + max.toLocaleString("en") + " / " + (h.binDays === 1 ? "day" : h.binDays + " days") +
      (r ? "  ·  drag to brush, click to clear" : "  ·  drag to select dates"), 2, 11);
  };

  P.dayToX = function (d) { var h = this.hist; return (d - h.min) / (h.bins * h.binDays) * this.els.timeline.clientWidth; };
  // xToBin returns the bin under x (clamped).
  P.xToBin = function (x) {
    var h = this.hist, b = Math.floor(x / this.els.timeline.clientWidth * h.bins);
    return Math.max(0, Math.min(h.bins - 1, b));
  };

  // Brushing: drag across the timeline to select whole bins. While the
  // pointer moves the counts, table and histogram follow at once (a pass
  // over the columns); the clusters and the map's fit wait for the
  // release, since reindexing 100k points takes longer than a frame.
  P.wireTimeline = function () {
    var self = this, cv = this.els.timeline, drag = null, pending = false;
    function rangeOf(x) {
      var h = self.hist, b0 = self.xToBin(Math.min(drag.x0, x)), b1 = self.xToBin(Math.max(drag.x0, x));
      return [h.min + b0 * h.binDays, h.min + (b1 + 1) * h.binDays - 1];
    }
    function xOf(e) { return e.clientX - cv.getBoundingClientRect().left; }
    cv.addEventListener("pointerdown", function (e) {
      if (!self.c || e.button !== 0) return;
      cv.setPointerCapture(e.pointerId);
      drag = { x0: xOf(e), moved: false };
    });
    cv.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var x = xOf(e);
      if (Math.abs(x - drag.x0) < 3 && !drag.moved) return;
      drag.moved = true;
      self.range = rangeOf(x);
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; if (drag) self.timed("brush-move", function () { self.apply(false); }); });
    });
    cv.addEventListener("pointerup", function (e) {
      if (!drag) return;
      var x = xOf(e), moved = drag.moved;
      if (moved) self.range = rangeOf(x);
      drag = null;
      if (!moved) self.range = null; // a click clears the brush
      self.timed("brush-end", function () { self.apply(true); });
    });
  };

  // --- table -------------------------------------------------------------

  // The table holds only the rows in sight (and a few around them) in a
  // spacer as tall as all of them: 100,000 rows scroll like 30.
  P.wireTable = function () {
    var self = this, body = this.els.tbody, pending = false;
    body.addEventListener("scroll", function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; self.drawTable(); });
    });
    body.addEventListener("click", function (e) {
      var row = e.target.closest(".vrow");
      if (row) self.openEvent(+row.getAttribute("data-i"), true);
    });
  };

  P.drawTable = function () {
    if (!this.active) return;
    var body = this.els.tbody, c = this.c, k = this.k;
    this.els.spacer.style.height = k * ROW + "px";
    var first = Math.max(0, Math.floor(body.scrollTop / ROW) - 5);
    var last = Math.min(k, first + Math.ceil((body.clientHeight || 400) / ROW) + 10);
    var h = "";
    for (var j = first; j < last; j++) {
      var i = this.sel[j], p = c.ev[i].p;
      h += '<div class="vrow" data-i="' + i + '" style="top:' + j * ROW + 'px">' +
        "<span>" + G.esc(p.date_start || p.date || "") + "</span>" +
        '<span><i class="ev-dot' + (c.approx[i] ? " approx" : "") + '" style="--c:' + G.color(p.type) + '"></i>' + G.esc(p.type) + "</span>" +
        "<span>" + (c.approx[i] ? "≈ " : "") + G.esc(p.place) + "</span>" +
        "<span>" + G.esc(p.country_code) + "</span>" +
        "<span>" + G.esc((p.people || []).join(", ")) + "</span>" +
        "<span>" + G.esc(p.title || p.doc_id) + "</span></div>";
    }
    this.els.rows.innerHTML = h;
    this.view.corpus.table = { rows: k, rendered: last - first, first: first };
  };
})(window.geoparse = window.geoparse || {});
