// Converts a world-atlas TopoJSON file to a compact GeoJSON
// FeatureCollection of country outlines (name only, 0.01° precision).
const fs = require("fs");
const topojson = require("topojson-client");
const topo = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const fc = topojson.feature(topo, topo.objects.countries);
const r = (v) => Math.round(v * 100) / 100;
const walk = (c) => (typeof c[0] === "number" ? [r(c[0]), r(c[1])] : c.map(walk));
fc.features = fc.features.map((f) => ({
  type: "Feature",
  properties: { name: (f.properties && f.properties.name) || "" },
  geometry: { type: f.geometry.type, coordinates: walk(f.geometry.coordinates) },
}));
process.stdout.write(JSON.stringify(fc));
