package gazetteer

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

const miniDir = "testdata/mini"

// sharedDir holds the real GeoNames and dr5hn files when the workplace has
// them (../shared from the repository root).
const sharedDir = "../../shared/geonames"

func sharedInputs(t testing.TB) []string {
	t.Helper()
	// The inputs of scripts/gazetteer.sh, which builds the embedded default.
	names := []string{"cities500.txt", "admin1CodesASCII.txt", "admin2Codes.txt", "countryInfo.txt", "dr5hn-countries.csv", "dr5hn-states.csv",
		"countries.alternateNamesV2.tsv", "postalcodes.117countries.tsv.gz",
		"../naturalearth/ne_10m_admin_1_states_provinces.attributes.jsonl", "../naturalearth/ne_10m_geography_marine_polys.json",
		"../naturalearth/ne_10m_geography_regions_elevation_points.json", "../naturalearth/ne_10m_geography_regions_points.json",
		"../uscensus/us_census_2019_gaz_counties_national.tsv"}
	var out []string
	for _, n := range names {
		p := filepath.Join(sharedDir, n)
		if _, err := os.Stat(p); err != nil {
			t.Skipf("shared GeoNames data not available (%v)", err)
		}
		out = append(out, p)
	}
	return out
}

// buildMini builds the fixture index into a fresh directory.
func buildMini(t testing.TB) (dir string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "idx")
	if err := Build(context.Background(), BuildOptions{Out: dir, Inputs: []string{miniDir}}); err != nil {
		t.Fatalf("Build: %v", err)
	}
	return dir
}

func openMini(t testing.TB) *Index {
	t.Helper()
	ix, err := Open(buildMini(t))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return ix
}

func ids(es []Entry) []int64 {
	out := make([]int64, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}
