// geoparse map page: sends the article to POST /v1/extract?format=jsonl and
// shows the events on a Leaflet map, the entities beside it and the text
// with its entities highlighted. Plain JavaScript, no build step; the map
// libraries are vendored in vendor/ (see web/build.sh).
(function () {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };
  var els = {
    form: $("form"), text: $("text"), published: $("published"), file: $("file"),
    extract: $("extract"), download: $("download"), status: $("status"),
    filter: $("filter"), from: $("from"), to: $("to"), clear: $("clear-filter"), shown: $("shown"),
    entities: $("entities"), doc: $("doc"), map: $("map")
  };

  // --- the map -----------------------------------------------------------
  L.Icon.Default.imagePath = "vendor/images/";
  var map = L.map("map", { worldCopyJump: true, zoomSnap: 0.5, minZoom: 1, maxZoom: 18 }).setView([25, 10], 2);
  var cluster = L.markerClusterGroup({ maxClusterRadius: 40, spiderfyOnMaxZoom: true, showCoverageOnHover: false });
  map.addLayer(cluster);
  var outlines = null;

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
  }).catch(function () { els.map.classList.add("plain"); addOutlines(); });

  // --- state -------------------------------------------------------------
  // docs: [{text, ann}] where ann is one ?format=jsonl annotation.
  var state = { docs: [], request: null, batch: null, markers: {} };
  // For tests and the curious: what the map shows.
  var view = window.geoparseView = { ready: false, places: 0, events: 0, markers: 0, error: "" };

  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function setStatus(msg, isError) {
    els.status.textContent = msg;
    els.status.className = isError ? "error" : "";
  }

  // --- input -------------------------------------------------------------
  function readFile(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var body = String(reader.result);
      var name = file.name.toLowerCase();
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
  els.text.addEventListener("dragover", function (e) { e.preventDefault(); });
  els.text.addEventListener("drop", function (e) {
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
  [els.from, els.to].forEach(function (el) { el.addEventListener("change", function () { render(false); }); });
  els.clear.addEventListener("click", function () { els.from.value = ""; els.to.value = ""; render(false); });

  // --- rendering ---------------------------------------------------------
  function highlightSentence(sentence, placeText) {
    var s = esc(sentence), p = esc(placeText);
    var i = p ? s.indexOf(p) : -1;
    if (i < 0) return s;
    return s.slice(0, i) + "<mark>" + p + "</mark>" + s.slice(i + p.length);
  }

  function popupHTML(place) {
    var h = '<div class="popup"><div class="place-name">' + esc(place.name) + "</div>";
    var meta = [];
    if (place.text && place.text !== place.name) meta.push("“" + esc(place.text) + "”");
    if (place.country) meta.push(esc(place.country));
    if (place.code) meta.push(esc(place.code));
    if (meta.length) h += '<div class="meta">' + meta.join(" · ") + "</div>";
    place.events.forEach(function (ev) {
      h += '<div class="event"><span class="type">' + esc(ev.type) + "</span> " +
        '<span class="date">' + esc(ev.date || "date unknown") + "</span>" +
        (ev.date_text ? ' <span class="meta">(' + esc(ev.date_text) + ")</span>" : "");
      if (ev.people && ev.people.length) h += '<div class="people">People: ' + ev.people.map(esc).join(", ") + "</div>";
      h += '<p class="sentence">' + highlightSentence(ev.sentence, ev.place_text) + "</p>";
      if (ev.mentions > 1) h += '<div class="meta">told in ' + ev.mentions + " sentences</div>";
      h += "</div>";
    });
    return h + "</div>";
  }

  // places groups the shown events by place (GeoNames id), in text order.
  function mappedPlaces() {
    var byKey = {}, order = [], events = 0;
    state.docs.forEach(function (d) {
      d.ann.events.forEach(function (ev) {
        if (ev.lat == null || ev.lon == null || !inRange(ev.date)) return;
        events++;
        var key = String(ev.geonameid);
        if (!byKey[key]) {
          byKey[key] = { key: key, name: ev.place, text: ev.place_text, country: ev.country_code,
            code: ev.feature_code, lat: ev.lat, lon: ev.lon, events: [] };
          order.push(byKey[key]);
        }
        byKey[key].events.push(ev);
      });
    });
    return { places: order, events: events };
  }

  function render(fit) {
    map.closePopup();
    cluster.clearLayers();
    state.markers = {};
    var mp = mappedPlaces();
    var markers = mp.places.map(function (p) {
      var m = L.marker([p.lat, p.lon], { title: p.name, alt: p.name, riseOnHover: true });
      m.bindPopup(popupHTML(p), { maxWidth: 360 });
      state.markers[p.key] = m;
      return m;
    });
    cluster.addLayers(markers);
    if (fit && markers.length) {
      map.fitBounds(L.latLngBounds(mp.places.map(function (p) { return [p.lat, p.lon]; })).pad(0.3), { maxZoom: 9 });
    }
    var total = 0;
    state.docs.forEach(function (d) { total += d.ann.events.length; });
    els.shown.textContent = mp.events + " of " + total + " events, " + mp.places.length + " places";
    renderEntities();
    renderText();
    view.places = mp.places.length;
    view.events = mp.events;
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
      h += "<h2>Places <span class=count>" + places.length + "</span></h2><ul>";
      places.forEach(function (u) {
        var p = u.item;
        if (p.geonameid == null) {
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
  // opens when the move ends (the last click wins).
  var moving = false, pendingPlace = null;
  map.on("movestart zoomstart", function () { moving = true; });
  map.on("moveend", function () {
    moving = false;
    if (pendingPlace === null) return;
    var key = pendingPlace;
    pendingPlace = null;
    setTimeout(function () { openPlace(key); }, 0); // after the other moveend handlers
  });
  function openPlace(key) {
    var m = state.markers[key];
    if (!m) { setStatus("no event at that place in the dates shown", true); return false; }
    if (moving) { pendingPlace = key; return true; }
    cluster.zoomToShowLayer(m, function () { m.openPopup(); });
    return true;
  }
  view.openPlace = openPlace;

  function onPlaceClick(e) {
    var t = e.target.closest("[data-key]");
    if (t) openPlace(t.getAttribute("data-key"));
  }
  els.entities.addEventListener("click", onPlaceClick);
  els.doc.addEventListener("click", onPlaceClick);
})();
