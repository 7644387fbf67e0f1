#!/usr/bin/env bash
# Vendors the map libraries and the country outlines into ../server/static,
# which is committed: `go build` needs no npm. Rerun after changing the
# versions in package.json:  (cd web && ./build.sh)
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund 2>/dev/null || npm install --no-audit --no-fund
out=../server/static/vendor
rm -rf "$out"
mkdir -p "$out/images"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/"
cp node_modules/leaflet/dist/images/marker-icon.png node_modules/leaflet/dist/images/marker-icon-2x.png \
   node_modules/leaflet/dist/images/marker-shadow.png "$out/images/"
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css "$out/"
# Clustering for the corpus view (100,000 points): the UMD build, which
# bundles its one dependency, kdbush.
cp node_modules/supercluster/dist/supercluster.min.js "$out/"
cp node_modules/leaflet/LICENSE "$out/LICENSE.leaflet"
cp node_modules/leaflet.markercluster/MIT-LICENCE.txt "$out/LICENSE.leaflet.markercluster"
cp node_modules/world-atlas/LICENSE "$out/LICENSE.world-atlas"
cp node_modules/supercluster/LICENSE "$out/LICENSE.supercluster"
cp node_modules/kdbush/LICENSE "$out/LICENSE.kdbush"
# Country outlines: world-atlas countries-110m (Natural Earth 1:110m) as
# GeoJSON, coordinates rounded to 0.01°, only the name kept, rings cut at
# the antimeridian (see convert-countries.js).
node convert-countries.js node_modules/world-atlas/countries-110m.json > "$out/countries.geojson"
ver() { node -p "require('./node_modules/$1/package.json').version"; }
cat > "$out/VERSIONS" <<V
leaflet $(ver leaflet) (BSD-2-Clause)
leaflet.markercluster $(ver leaflet.markercluster) (MIT)
supercluster $(ver supercluster) (ISC), bundling kdbush $(ver kdbush) (ISC)
world-atlas $(ver world-atlas) countries-110m, Natural Earth public domain data (ISC)
topojson-client $(ver topojson-client) (ISC; build time only)
V
chmod -R a+rX,go-w "$out"; find "$out" -type f -exec chmod 644 {} +
ls -l "$out"
