#!/bin/sh
# Rebuilds the embedded default gazetteer (gazetteer/default) from the
# sources in ../shared. Deterministic: the same inputs give the same bytes.
# The place ranker's weights are a separate generated file (README:
# Generated files). Run from the repository root:
#   scripts/gazetteer.sh [SHARED_DIR]
set -eu
shared=${1:-../shared}
g=$shared/geonames
ne=$shared/naturalearth
go run ./cmd/geoparse gazetteer build --out gazetteer/default \
	"$g/cities500.txt" "$g/admin1CodesASCII.txt" "$g/admin2Codes.txt" "$g/countryInfo.txt" \
	"$g/dr5hn-countries.csv" "$g/dr5hn-states.csv" "$g/countries.alternateNamesV2.tsv" \
	"$g/postalcodes.117countries.tsv.gz" \
	"$ne/ne_10m_admin_1_states_provinces.attributes.jsonl" "$ne/ne_10m_geography_marine_polys.json" \
	"$ne/ne_10m_geography_regions_elevation_points.json" "$ne/ne_10m_geography_regions_points.json" \
	"$shared/uscensus/us_census_2019_gaz_counties_national.tsv"
