// geoparse map page. Article view: sends the article to POST
// /v1/extract?format=jsonl and shows the events on a Leaflet map, the
// entities beside it and the text with its entities highlighted. Corpus
// view (corpus.js): a result file of geoparse extract, dropped on the page,
// chosen with the file input or given to `geoparse serve --open`. Plain
// JavaScript, no build step; the map libraries are vendored in vendor/ (see
// web/build.sh); markers.js holds what both views share.
(function (G) {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };
  var els = {
    form: $("form"), text: $("text"), published: $("published"), file: $("file"),
    extract: $("extract"), download: $("download"), status: $("status"),
    filter: $("filter"), from: $("from"), to: $("to"), clear: $("clear-filter"), shown: $("shown"),
    entities: $("entities"), doc: $("doc"), map: $("map"),
    corpusPanel: $("corpus-panel"), corpusBottom: $("corpus"), summary: $("corpus-summary"),
    person: $("person"), peopleList: $("people-list"), country: $("country"), reset: $("reset"),
    timeline: $("timeline"), tbody: $("tbody"), spacer: $("tspacer"), rows: $("trows")
  };

  // --- the map -----------------------------------------------------------
  L.Icon.Default.imagePath = "vendor/images/";
  var map = L.map("map", { worldCopyJump: true, zoomSnap: 0.5, minZoom: 1, maxZoom: 18 }).setView([25, 10], 2);
  var cluster = L.markerClusterGroup({ maxClusterRadius: 40, spiderfyOnMaxZoom: true, showCoverageOnHover: false });
  map.addLayer(cluster);
  // Dashed circles around approximate points: the area they stand for.
  var approxAreas = L.layerGroup().addTo(map);
  var outlines = null;
  // The legend lists the event types and filters them (both views).
  var legend = new G.Legend(function () {
    if (mode === "corpus") corpus.timed("type", function () { corpus.apply(true); });
    else render(true);
  }).addTo(map);

  function addOutlines() {
    return fetch("vendor/countries.geojson").then(function (r) { return r.json(); }).then(function (fc) {
      outlines = L.geoJSON(fc, {
        interactive: false,
        style: { color: "#8a98a8", weight: 0.8, fillColor: "#f3f0e8", fillOpacity: 1 }
      }).addTo(map);
      outlines.bringToBack();
    }).catch(function () { /* markers still show on the plain background */ });
  }

  fetch("v1/config").then(function (r) { return r.json(); }).then(function (cfg) {
    if (cfg.tiles) {
      L.tileLayer(cfg.tiles, { maxZoom: 18, attribution: cfg.attribution || "" }).addTo(map);
    } else {
      els.map.classList.add("plain");
      map.attributionControl.addAttribution("Country outlines: Natural Earth");
      addOutlines();
    }
    // geoparse serve --open FILE: show that file's events at once.
    if (cfg.open) openURL("v1/open", cfg.open);
  }).catch(function () { els.map.classList.add("plain"); addOutlines(); });

  // --- state -------------------------------------------------------------
  // docs: [{text, ann}] where ann is one ?format=jsonl annotation.
  var state = { docs: [], request: null, batch: null, markers: {} };
  // For tests and the curious: what the map shows.
  var view = window.geoparseView = { ready: false, mode: "article", places: 0, events: 0, markers: 0, error: "", corpus: null };
  view.map = map;
  var esc = G.esc;
  var corpus = new G.CorpusView(map, els, legend, view);
  var mode = "article";

  // setMode switches between the article view and the corpus view: which
  // layers are on the map and which panels are shown.
  function setMode(m) {
    mode = view.mode = m;
    document.body.classList.toggle("corpus-mode", m === "corpus");
    els.corpusPanel.hidden = els.corpusBottom.hidden = m !== "corpus";
    els.entities.hidden = m === "corpus";
    els.filter.hidden = m === "corpus" ? false : !state.docs.length;
    if (m === "corpus") {
      map.removeLayer(cluster);
      map.removeLayer(approxAreas);
      els.doc.hidden = true;
    } else {
      corpus.hide();
      cluster.addTo(map);
      approxAreas.addTo(map);
    }
    map.closePopup();
    map.invalidateSize(); // the panels below the map changed its size
  }

  function setStatus(msg, isError) {
    els.status.textContent = msg;
    els.status.className = isError ? "error" : "";
  }

  $("to-article").addEventListener("click", function () {
    setMode("article");
    els.from.value = els.to.value = ""; // the corpus's dates are not the article's
    if (state.docs.length) render(true);
    else legend.update({});
  });

  // --- corpus files ------------------------------------------------------
  // openText shows a result file in the corpus view; t0 is when reading
  // it began, for the load time.
  function openText(body, name, t0, timings) {
    view.ready = false;
    setStatus("parsing " + name + "…");
    // Let the status paint before the parse holds the thread.
    setTimeout(function () {
      try {
        var t1 = performance.now();
        var parsed = G.parseCorpus(body, name);
        timings.parse_ms = Math.round(performance.now() - t1);
        body = null;
        setMode("corpus");
        corpus.load(parsed.events, name, timings);
        timings.total_ms = Math.round(performance.now() - t0);
        setStatus(parsed.events.length.toLocaleString("en") + " events from " + name + " in " + (timings.total_ms / 1000).toFixed(1) + " s" +
          (parsed.skipped ? "; " + parsed.skipped + " without a point or unreadable skipped" : ""));
        view.error = "";
        view.ready = true;
      } catch (err) {
        view.error = err.message;
        setStatus(err.message, true);
      }
    }, 0);
  }

  function openURL(url, name) {
    var t0 = performance.now(), timings = {};
    setStatus("loading " + name + "…");
    fetch(url).then(function (r) {
      if (!r.ok) throw new Error(name + ": " + r.status + " " + r.statusText);
      return r.text();
    }).then(function (body) {
      timings.fetch_ms = Math.round(performance.now() - t0);
      timings.bytes = body.length;
      openText(body, name, t0, timings);
    }).catch(function (err) { view.error = err.message; setStatus(err.message, true); });
  }

  // --- input -------------------------------------------------------------
  function readFile(file) {
    var reader = new FileReader(), t0 = performance.now();
    setStatus("reading " + file.name + "…");
    reader.onload = function () {
      var body = String(reader.result);
      var name = file.name.toLowerCase();
      if (/\.(geojson|geojsonl|geojsonseq|jsonl|ndjson|json)$/.test(name) && G.isCorpus(body, name)) {
        openText(body, file.name, t0, { read_ms: Math.round(performance.now() - t0), bytes: body.length });
        return;
      }
      state.batch = null;
      if (/\.(jsonl|ndjson)$/.test(name)) {
        var docs = [];
        body.split("\n").forEach(function (line) {
          if (line.trim()) { try { docs.push(JSON.parse(line)); } catch (e) { docs.push({ text: "" }); } }
        });
        state.batch = { body: body, docs: docs, name: file.name };
        els.text.value = docs.length ? (docs[0].text || "") : "";
        setStatus(docs.length + " documents from " + file.name + " (edit the text to send it alone)");
        return;
      }
      if (/\.json$/.test(name)) {
        try {
          var d = JSON.parse(body);
          els.text.value = d.text || "";
          if (d.published) els.published.value = String(d.published).slice(0, 10);
        } catch (e) { setStatus("not JSON: " + e.message, true); }
        return;
      }
      els.text.value = body;
      setStatus("read " + file.name);
    };
    reader.readAsText(file);
  }
  els.file.addEventListener("change", function () { if (els.file.files[0]) readFile(els.file.files[0]); });
  // A file dropped anywhere on the page is read: an article, a batch of
  // articles, or a result file for the corpus view.
  document.addEventListener("dragover", function (e) { e.preventDefault(); document.body.classList.add("dropping"); });
  document.addEventListener("dragleave", function (e) { if (!e.relatedTarget) document.body.classList.remove("dropping"); });
  document.addEventListener("drop", function (e) {
    document.body.classList.remove("dropping");
    if (e.dataTransfer && e.dataTransfer.files.length) { e.preventDefault(); readFile(e.dataTransfer.files[0]); }
  });
  els.text.addEventListener("input", function () { state.batch = null; });

  function buildRequest() {
    var published = els.published.value;
    if (state.batch) {
      return {
        body: state.batch.body, type: "application/x-ndjson",
        query: published ? "&published=" + encodeURIComponent(published) : "",
        texts: state.batch.docs.map(function (d) { return d.text || ""; })
      };
    }
    var doc = { id: "article", text: els.text.value };
    if (published) doc.published = published;
    return { body: JSON.stringify(doc), type: "application/json", query: "", texts: [els.text.value] };
  }

  function post(req, format) {
    return fetch("v1/extract?format=" + format + req.query, {
      method: "POST", headers: { "Content-Type": req.type }, body: req.body
    }).then(function (r) {
      if (r.ok) return r;
      return r.json().catch(function () { return { error: r.status + " " + r.statusText }; }).then(function (j) {
        throw new Error(j.error + (j.line ? " (line " + j.line + ")" : "") + " [" + r.status + "]");
      });
    });
  }

  els.form.addEventListener("submit", function (e) {
    e.preventDefault();
    var req = buildRequest();
    if (!state.batch && !req.texts[0].trim()) { setStatus("paste an article first", true); return; }
    els.extract.disabled = true;
    view.ready = false;
    setStatus("extracting…");
    var t0 = performance.now();
    post(req, "jsonl").then(function (r) { return r.text(); }).then(function (body) {
      var anns = body.split("\n").filter(function (l) { return l.trim(); }).map(function (l) { return JSON.parse(l); });
      state.request = req;
      state.docs = anns.map(function (ann, i) { return { text: req.texts[i] || "", ann: ann }; });
      els.download.disabled = false;
      var n = 0;
      state.docs.forEach(function (d) { n += d.ann.events.length; });
      setStatus(n + " events in " + anns.length + (anns.length === 1 ? " document" : " documents") +
        " (" + Math.round(performance.now() - t0) + " ms)");
      document.body.classList.add("has-results"); // before setMode, which resizes the map
      setMode("article");
      els.filter.hidden = false;
      render(true);
    }).catch(function (err) {
      view.error = err.message;
      setStatus(err.message, true);
    }).then(function () { els.extract.disabled = false; });
  });

  els.download.addEventListener("click", function () {
    if (!state.request) return;
    post(state.request, "geojson").then(function (r) { return r.blob(); }).then(function (blob) {
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "geoparse-events.geojson";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }).catch(function (err) { setStatus(err.message, true); });
  });

  // --- date filter -------------------------------------------------------
  // An event date is a TIMEX3 value: 2024-08-22, or coarser (2024-08,
  // 2024). It passes when its span overlaps [from, to]; events without a
  // date show only when no filter is set.
  function inRange(date) {
    var from = els.from.value, to = els.to.value;
    if (!from && !to) return true;
    if (!date) return false;
    if (from && date + "\uffff" < from) return false;
    if (to && date > to) return false;
    return true;
  }
  // The corpus view reads the same inputs (its timeline brush sets them).
  function datesChanged() {
    if (mode === "corpus") corpus.setRangeFromInputs();
    else render(true);
  }
  [els.from, els.to].forEach(function (el) { el.addEventListener("change", datesChanged); });
  els.clear.addEventListener("click", function () { els.from.value = ""; els.to.value = ""; datesChanged(); });
  // The textarea shrinks once there are results, so that the entities
  // show without scrolling; it grows back while being edited.
  els.text.addEventListener("focus", function () { document.body.classList.add("editing"); });
  els.text.addEventListener("blur", function () { document.body.classList.remove("editing"); });

  // --- rendering ---------------------------------------------------------
  function popupHTML(place) {
    var h = '<div class="popup"><div class="place-name">' + esc(place.name) + "</div>";
    var meta = [];
    if (place.text && place.text !== place.name) meta.push("“" + esc(place.text) + "”");
    if (place.country) meta.push(esc(place.country));
    if (place.code) meta.push(esc(place.code));
    if (meta.length) h += '<div class="meta">' + meta.join(" · ") + "</div>";
    place.events.forEach(function (ev) { h += G.eventHTML(ev); });
    return h + "</div>";
  }

  // placeKey groups events on the map: by GeoNames id for an exact point;
  // an approximate one is its own place (the mention it stands for), not
  // merged with events that really happened at the stand-in.
  function placeKey(ev) {
    return G.isApprox(ev.location_precision) ? "~" + ev.location_precision + ":" + ev.place_text + "@" + ev.geonameid : String(ev.geonameid);
  }

  // mappedPlaces groups the shown events by place, in text order.
  function mappedPlaces() {
    var byKey = {}, order = [], events = 0, types = {};
    state.docs.forEach(function (d) {
      d.ann.events.forEach(function (ev) {
        if (ev.lat == null || ev.lon == null) return;
        types[G.typeOf(ev.type)] = (types[G.typeOf(ev.type)] || 0) + 1;
        if (!inRange(ev.date) || !legend.shows(ev.type)) return;
        events++;
        var key = placeKey(ev);
        if (!byKey[key]) {
          byKey[key] = { key: key, name: ev.place, text: ev.place_text, country: ev.country_code,
            code: ev.feature_code, lat: ev.lat, lon: ev.lon, events: [], precision: ev.location_precision || "place" };
          order.push(byKey[key]);
        }
        byKey[key].events.push(ev);
      });
    });
    return { places: order, events: events, types: types };
  }

  // mainType is the type most of a place's events have (the first on a tie):
  // the marker's colour.
  function mainType(place) {
    var n = {}, best = place.events[0].type;
    place.events.forEach(function (ev) { n[ev.type] = (n[ev.type] || 0) + 1; if (n[ev.type] > n[best]) best = ev.type; });
    return best;
  }

  function placeMarker(p) {
    var approx = G.isApprox(p.precision);
    var m = L.marker([p.lat, p.lon], { icon: G.icon(mainType(p), approx), title: p.name, alt: p.name, riseOnHover: true });
    m.bindPopup(popupHTML(p), G.popupOptions(map));
    // The label: the place name beside its marker (hidden with the marker
    // when it is in a cluster).
    m.bindTooltip((approx ? "≈ " : "") + esc(p.name), { permanent: true, direction: "right", className: "place-label" + (approx ? " approx" : "") });
    if (approx) {
      approxAreas.addLayer(L.circle([p.lat, p.lon], { radius: G.approxRadius(p.precision), interactive: false,
        className: "approx-area", color: G.color(mainType(p)), weight: 1.5, dashArray: "5 5", fillOpacity: 0.06 }));
    }
    return m;
  }

  // render draws the shown events; fit refits the map to them (after an
  // extraction and after a filter change).
  function render(fit) {
    map.closePopup();
    cluster.clearLayers();
    approxAreas.clearLayers();
    state.markers = {};
    var mp = mappedPlaces();
    var markers = mp.places.map(function (p) {
      var m = placeMarker(p);
      state.markers[p.key] = m;
      return m;
    });
    cluster.addLayers(markers);
    legend.update(mp.types);
    if (fit && markers.length) {
      // The fit takes in the whole dashed circle of an approximate point.
      var bounds = L.latLngBounds(mp.places.map(function (p) { return [p.lat, p.lon]; })).pad(0.3);
      mp.places.forEach(function (p) {
        if (G.isApprox(p.precision)) bounds.extend(L.latLng(p.lat, p.lon).toBounds(2 * G.approxRadius(p.precision)));
      });
      map.fitBounds(bounds, { maxZoom: 9 });
    }
    var total = 0;
    state.docs.forEach(function (d) { total += d.ann.events.length; });
    els.shown.textContent = mp.events + " of " + total + " events, " + mp.places.length + " places";
    renderEntities();
    renderText();
    view.places = mp.places.length;
    view.events = mp.events;
    view.approximate = mp.places.filter(function (p) { return G.isApprox(p.precision); }).length;
    view.markers = cluster.getLayers().length;
    view.error = "";
    view.ready = true;
  }

  function uniq(list, key) {
    var seen = {}, out = [];
    list.forEach(function (x) {
      var k = key(x);
      if (seen[k]) { seen[k].n++; return; }
      seen[k] = { item: x, n: 1 };
      out.push(seen[k]);
    });
    return out;
  }

  function renderEntities() {
    var h = "";
    state.docs.forEach(function (d, di) {
      var a = d.ann;
      if (state.docs.length > 1) h += "<h2>Document " + esc(a.id || di + 1) + "</h2>";
      h += '<div class="legend"><mark class="PERSON">person</mark><mark class="LOCATION">place</mark>' +
        '<mark class="ORGANIZATION">organization</mark><mark class="MISC">other</mark><mark class="DATE">date</mark></div>';
      if (a.published) h += '<div class="meta">Published ' + esc(a.published) + (a.published_source ? " (" + esc(a.published_source) + ")" : "") + "</div>";
      var places = uniq(a.places, function (p) { return p.geonameid == null ? "t:" + p.text : "g:" + p.geonameid; });
      // An unresolved place may still be on the map at an approximate
      // point (the region named with it).
      var approxKey = {};
      a.events.forEach(function (ev) { if (G.isApprox(ev.location_precision)) approxKey[ev.place_text] = placeKey(ev); });
      h += "<h2>Places <span class=count>" + places.length + "</span></h2><ul>";
      places.forEach(function (u) {
        var p = u.item;
        if (p.geonameid == null && approxKey[p.text]) {
          h += '<li><span class="place approx" data-key="' + esc(approxKey[p.text]) + '" title="not in the gazetteer; mapped approximately">≈ ' +
            esc(p.text) + '</span> <span class="count">approximate</span></li>';
        } else if (p.geonameid == null) {
          h += '<li class="unresolved" title="not in the gazetteer">' + esc(p.text) + " (not found)</li>";
        } else {
          var label = p.name && p.name !== p.text ? esc(p.name) + " (“" + esc(p.text) + "”)" : esc(p.text);
          h += '<li><span class="place" data-key="' + esc(p.geonameid) + '">' + label + "</span> " +
            '<span class="count">' + esc(p.country_code || "") + (u.n > 1 ? " ×" + u.n : "") + "</span></li>";
        }
      });
      h += "</ul>";
      var groups = [["People", "PERSON"], ["Organizations", "ORGANIZATION"], ["Other", "MISC"]];
      groups.forEach(function (g) {
        var ents = uniq(a.entities.filter(function (e) { return e.label === g[1]; }),
          function (e) { return e.canonical || e.text; });
        if (!ents.length) return;
        h += "<h2>" + g[0] + " <span class=count>" + ents.length + "</span></h2><ul>";
        ents.forEach(function (u) {
          var e = u.item;
          h += "<li>" + (e.title ? esc(e.title) + " " : "") + esc(e.canonical || e.text) +
            (u.n > 1 ? ' <span class="count">×' + u.n + "</span>" : "") + "</li>";
        });
        h += "</ul>";
      });
      var dates = uniq(a.dates, function (x) { return x.text + "|" + x.value; });
      if (dates.length) {
        h += "<h2>Dates <span class=count>" + dates.length + "</span></h2><ul>";
        dates.forEach(function (u) {
          h += "<li>" + esc(u.item.text) + " → " + esc(u.item.value || "?") + ' <span class="count">' + esc(u.item.type) + "</span></li>";
        });
        h += "</ul>";
      }
    });
    els.entities.innerHTML = h;
  }

  // renderText shows each document with its entities, places and dates
  // highlighted. Offsets are Unicode code points.
  function renderText() {
    var h = "";
    state.docs.forEach(function (d, di) {
      if (!d.text) return;
      var cps = Array.from(d.text);
      var spans = [];
      d.ann.entities.forEach(function (e) { spans.push({ s: e.start, e: e.end, cls: e.label, title: e.label + (e.canonical && e.canonical !== e.text ? ": " + e.canonical : "") }); });
      d.ann.places.forEach(function (p) {
        spans.push({ s: p.start, e: p.end, cls: "LOCATION place" + (p.geonameid != null ? " resolved" : ""),
          title: p.geonameid != null ? (p.name || p.text) + " (" + (p.country_code || "") + ", " + p.geonameid + ")" : "not in the gazetteer",
          key: p.geonameid != null ? String(p.geonameid) : "", prio: 1 });
      });
      d.ann.dates.forEach(function (x) { spans.push({ s: x.start, e: x.end, cls: x.type, title: x.type + " " + (x.value || "") }); });
      spans.sort(function (a, b) { return a.s - b.s || (b.prio || 0) - (a.prio || 0) || (b.e - b.s) - (a.e - a.s); });
      var pos = 0, out = "";
      spans.forEach(function (sp) {
        if (sp.s < pos || sp.e <= sp.s || sp.e > cps.length) return;
        out += esc(cps.slice(pos, sp.s).join(""));
        out += '<mark class="' + esc(sp.cls) + '" title="' + esc(sp.title) + '"' + (sp.key ? ' data-key="' + esc(sp.key) + '"' : "") + ">" +
          esc(cps.slice(sp.s, sp.e).join("")) + "</mark>";
        pos = sp.e;
      });
      out += esc(cps.slice(pos).join(""));
      if (state.docs.length > 1) h += "<h3>" + esc(d.ann.id || di + 1) + "</h3>";
      h += '<div class="doctext">' + out + "</div>";
    });
    els.doc.innerHTML = h;
    els.doc.hidden = !h;
  }

  // openPlace shows a place's marker (out of its cluster) and its popup.
  // Leaflet drops a zoom asked for while another zoom animates (the fit
  // after an extraction, a wheel turn), and the cluster group would then
  // wait for its own zoom forever; so a place clicked while the map moves
  // opens when the move ends (the last click wins). Likewise after the
  // cluster group's own split/merge animation (200 ms after a zoom): a pan
  // that zoomToShowLayer starts during it is ignored by the group, which
  // then never shows the marker. The group has no public "animating"
  // flag, hence _inZoomAnimation.
  var moving = false, pendingPlace = null;
  map.on("movestart zoomstart", function () { moving = true; });
  function openPending() {
    if (pendingPlace === null || moving || cluster._inZoomAnimation) return;
    var key = pendingPlace;
    pendingPlace = null;
    openPlace(key);
  }
  map.on("moveend", function () {
    moving = false;
    setTimeout(openPending, 0); // after the other moveend handlers
  });
  cluster.on("animationend", function () { setTimeout(openPending, 0); });
  function openPlace(key) {
    var m = state.markers[key];
    if (!m) { setStatus("no event at that place in the dates shown", true); return false; }
    if (moving || cluster._inZoomAnimation) { pendingPlace = key; return true; }
    cluster.zoomToShowLayer(m, function () { m.openPopup(); });
    return true;
  }
  view.openPlace = openPlace;
  view.markerLatLng = function (key) { return state.markers[key] && state.markers[key].getLatLng(); };

  function onPlaceClick(e) {
    var t = e.target.closest("[data-key]");
    if (t) openPlace(t.getAttribute("data-key"));
  }
  els.entities.addEventListener("click", onPlaceClick);
  els.doc.addEventListener("click", onPlaceClick);
})(window.geoparse);
