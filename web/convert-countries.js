// Converts a world-atlas TopoJSON file to a compact GeoJSON
// FeatureCollection of country outlines (name only, 0.01° precision).
//
// Rings that cross the antimeridian (Russia's Chukotka, Fiji, Antarctica)
// jump from +180 to -180 in the source; Leaflet draws such an edge straight
// across the whole map, which shows as horizontal stripes. So every ring is
// unwrapped into continuous longitudes, closed along the pole when it
// encircles one (Antarctica), and cut at ±180 into pieces that each lie in
// [-180, 180]. The script fails when an edge of the output still jumps
// more than 180° of longitude.
const fs = require("fs");
const topojson = require("topojson-client");

const round = (v) => Math.round(v * 100) / 100;

// unwrap shifts longitudes by multiples of 360 so that no edge of the ring
// spans more than 180°.
function unwrap(ring) {
  const out = [ring[0].slice()];
  for (let i = 1; i < ring.length; i++) {
    let lon = ring[i][0];
    const prev = out[i - 1][0];
    while (lon - prev > 180) lon -= 360;
    while (lon - prev < -180) lon += 360;
    out.push([lon, ring[i][1]]);
  }
  return out;
}

// closeAroundPole turns a ring that winds once around a pole (its last
// point 360° from its first) into a plain ring by following the pole's
// parallel back, in steps of 90° so that no edge spans more than 180°.
function closeAroundPole(ring) {
  const first = ring[0], last = ring[ring.length - 1];
  const wind = last[0] - first[0];
  if (Math.abs(wind) < 180) return ring;
  const meanLat = ring.reduce((s, c) => s + c[1], 0) / ring.length;
  const pole = meanLat < 0 ? -90 : 90;
  const out = ring.slice();
  const step = wind > 0 ? -90 : 90;
  for (let lon = last[0]; wind > 0 ? lon >= first[0] : lon <= first[0]; lon += step) out.push([lon, pole]);
  out.push([first[0], pole], first.slice());
  return out;
}

// clip keeps the part of a closed ring on one side of the meridian x
// (keepLeft: lon <= x), Sutherland–Hodgman style.
function clip(ring, x, keepLeft) {
  const inside = (c) => (keepLeft ? c[0] <= x : c[0] >= x);
  const out = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i], b = ring[i + 1];
    if (inside(a)) out.push(a);
    if (inside(a) !== inside(b)) {
      const t = (x - a[0]) / (b[0] - a[0]);
      out.push([x, a[1] + t * (b[1] - a[1])]);
    }
  }
  if (out.length) out.push(out[0]);
  return out;
}

function area(ring) {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return Math.abs(s / 2);
}

// splitRing returns the pieces of ring in [-180, 180]: the ring itself
// when it stays inside, else its parts shifted by -360, 0 and +360 and
// clipped to the band.
function splitRing(ring) {
  const r = closeAroundPole(unwrap(ring));
  const lons = r.map((c) => c[0]);
  if (Math.min(...lons) >= -180 && Math.max(...lons) <= 180) return [r];
  const pieces = [];
  for (const shift of [-360, 0, 360]) {
    let p = r.map((c) => [c[0] + shift, c[1]]);
    p = clip(clip(p, -180, false), 180, true);
    if (p.length >= 4 && area(p) > 1e-6) pieces.push(p);
  }
  return pieces;
}

// splitPolygon returns the polygons that make up one polygon (outer ring
// and holes) once cut at the antimeridian. A cut polygon's holes go with
// the piece that holds their first point.
function splitPolygon(rings) {
  const outer = splitRing(rings[0]);
  if (outer.length === 1) return [[outer[0], ...rings.slice(1).map((h) => splitRing(h)[0])]];
  const polys = outer.map((o) => [o]);
  for (const hole of rings.slice(1)) {
    for (const h of splitRing(hole)) {
      const lon = h[0][0];
      const home = polys.find((p) => lon >= Math.min(...p[0].map((c) => c[0])) && lon <= Math.max(...p[0].map((c) => c[0])));
      if (home) home.push(h);
    }
  }
  return polys;
}

function geometry(g) {
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  const out = polys.flatMap(splitPolygon).map((p) => p.map((ring) => ring.map((c) => [round(c[0]), round(c[1])])));
  return out.length === 1 ? { type: "Polygon", coordinates: out[0] } : { type: "MultiPolygon", coordinates: out };
}

// check fails the build when an output edge still crosses the map.
function check(fc) {
  for (const f of fc.features) {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const ring of polys.flat()) {
      for (let i = 1; i < ring.length; i++) {
        if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) {
          throw new Error(`${f.properties.name}: edge from ${ring[i - 1]} to ${ring[i]} crosses the antimeridian`);
        }
      }
    }
  }
}

const topo = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const fc = topojson.feature(topo, topo.objects.countries);
fc.features = fc.features.map((f) => ({
  type: "Feature",
  properties: { name: (f.properties && f.properties.name) || "" },
  geometry: geometry(f.geometry),
}));
check(fc);
process.stdout.write(JSON.stringify(fc));
