// geoparse map page: what the article and corpus views share: event type
// colours, marker icons (exact and approximate), the legend that doubles as
// the event type filter, and the popup of one event. Plain JavaScript on
// the window.geoparse namespace; loaded after Leaflet, before corpus.js
// and app.js.
(function (G) {
  "use strict";

  // The event types of geoparse (extract.EventTypes), in legend order.
  G.TYPES = ["visit", "attack", "movement", "casualties", "discovery", "ceremony",
    "disaster", "investigation", "statement", "other"];
  // Colours told apart by most readers (a categorical palette), with the
  // catch-all "other" in grey.
  G.COLORS = {
    visit: "#1f77b4", attack: "#d62728", movement: "#9467bd", casualties: "#8c2d04",
    discovery: "#2ca02c", ceremony: "#e377c2", disaster: "#ff7f0e", investigation: "#17becf",
    statement: "#bcbd22", other: "#7f7f7f"
  };
  G.typeOf = function (t) { return G.COLORS[t] ? t : "other"; };
  G.color = function (t) { return G.COLORS[G.typeOf(t)]; };

  // A point is approximate when the event's own place is not in the
  // gazetteer and a place named with it stands in (location_precision
  // nearby, admin2, admin1 or country).
  G.isApprox = function (precision) { return !!precision && precision !== "place"; };
  // Rough size of the area such a point stands for, in metres: the
  // dashed circle drawn around it says "somewhere here".
  var APPROX_RADIUS = { nearby: 10e3, admin2: 30e3, admin1: 120e3, country: 350e3 };
  G.approxRadius = function (precision) { return APPROX_RADIUS[precision] || 50e3; };
  G.precisionText = function (precision) {
    return {
      nearby: "approximate: a town named with the place",
      admin2: "approximate: the district (admin2) it is in",
      admin1: "approximate: the region (admin1) it is in",
      country: "approximate: the country it is in"
    }[precision] || "approximate location";
  };

  G.esc = function (s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  };

  // icon is a round marker in the type's colour: filled for an exact
  // point, hollow with a dashed ring for an approximate one. Icons are
  // cached: the corpus view makes hundreds on every map move.
  var icons = {};
  G.icon = function (type, approx) {
    var t = G.typeOf(type), key = t + (approx ? "~" : "");
    if (!icons[key]) {
      icons[key] = L.divIcon({
        className: "ev-icon",
        html: '<span class="ev-dot' + (approx ? " approx" : "") + '" style="--c:' + G.COLORS[t] + '"></span>',
        iconSize: [18, 18], iconAnchor: [9, 9], popupAnchor: [0, -8], tooltipAnchor: [8, 0]
      });
    }
    return icons[key];
  };

  // Popups keep clear of the zoom control (top left) and the legend
  // (bottom right): Leaflet pans the map so that the popup stays inside
  // these paddings. Controls sit above popups (z-index 800 vs 700), so a
  // popup under one would be hidden.
  G.popupOptions = function (map, extra) {
    var o = { maxWidth: 360, autoPan: true, autoPanPaddingTopLeft: L.point(60, 90), autoPanPaddingBottomRight: L.point(20, 20) };
    var legend = map.getContainer().querySelector(".legend-control");
    if (legend && legend.offsetWidth) o.autoPanPaddingBottomRight = L.point(20, legend.offsetHeight + 20);
    for (var k in extra || {}) o[k] = extra[k];
    return o;
  };

  function highlight(sentence, placeText) {
    var s = G.esc(sentence), p = G.esc(placeText);
    var i = p ? s.indexOf(p) : -1;
    if (i < 0) return s;
    return s.slice(0, i) + "<mark>" + p + "</mark>" + s.slice(i + p.length);
  }

  // eventHTML is one event of a popup: type, date, people, sentence, and
  // for an approximate point what stands in.
  G.eventHTML = function (ev) {
    var t = G.typeOf(ev.type);
    var h = '<div class="event"><span class="type" style="background:' + G.COLORS[t] + '">' + G.esc(ev.type || t) + "</span> " +
      '<span class="date">' + G.esc(ev.date || "date unknown") + "</span>" +
      (ev.date_text ? ' <span class="meta">(' + G.esc(ev.date_text) + ")</span>" : "");
    if (G.isApprox(ev.location_precision)) {
      h += '<div class="approx-note">' + G.esc(G.precisionText(ev.location_precision)) + "</div>";
    }
    if (ev.people && ev.people.length) h += '<div class="people">People: ' + ev.people.map(G.esc).join(", ") + "</div>";
    h += '<p class="sentence">' + highlight(ev.sentence, ev.place_text) + "</p>";
    if (ev.mentions > 1) h += '<div class="meta">told in ' + ev.mentions + " sentences</div>";
    return h + "</div>";
  };

  // Legend: one line a type with its colour, a checkbox that filters the
  // type in or out, and a count; then the approximate marker. hidden[type]
  // is true for the types filtered out; onChange is called after a toggle.
  G.Legend = L.Control.extend({
    options: { position: "bottomright" },
    initialize: function (onChange) { this.hidden = {}; this.onChange = onChange; },
    onAdd: function () {
      var div = L.DomUtil.create("div", "legend-control leaflet-bar");
      div.setAttribute("aria-label", "Event types");
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      var self = this;
      div.addEventListener("change", function (e) {
        var t = e.target.getAttribute("data-type");
        if (!t) return;
        self.hidden[t] = !e.target.checked;
        self.onChange();
      });
      this.div = div;
      this.update({});
      return div;
    },
    // update shows the types with their counts; types with no event are
    // left out unless filtered out (so they can be brought back).
    update: function (counts) {
      var self = this, h = '<div class="legend-title">Event types</div>';
      G.TYPES.forEach(function (t) {
        if (!counts[t] && !self.hidden[t]) return;
        h += '<label class="legend-row"><input type="checkbox" data-type="' + t + '"' + (self.hidden[t] ? "" : " checked") + ">" +
          '<span class="ev-dot" style="--c:' + G.COLORS[t] + '"></span>' + t +
          ' <span class="count">' + (counts[t] || 0).toLocaleString("en") + "</span></label>";
      });
      h += '<div class="legend-row"><span class="ev-dot approx" style="--c:#555"></span>approximate location</div>';
      this.div.innerHTML = h;
      // Nothing to explain before there are events.
      this.div.hidden = !Object.keys(counts).length && !Object.keys(this.hidden).length;
    },
    shows: function (type) { return !this.hidden[G.typeOf(type)]; }
  });
})(window.geoparse = window.geoparse || {});
