package gazetteer

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sourcesDir = "testdata/sources"

// buildSources builds the mini fixture with the sources of the second
// wave: Natural Earth divisions and seas, Census counties, GeoNames
// admin2 codes and postal-code places.
func buildSources(t *testing.T) *Index {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	in := []string{miniDir}
	for _, f := range []string{"ne_admin1.jsonl", "counties.tsv", "admin2Codes.txt", "postal.tsv.gz", "marine.json"} {
		in = append(in, filepath.Join(sourcesDir, f))
	}
	if err := Build(context.Background(), BuildOptions{Out: dir, Inputs: in}); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestSourcesJoin(t *testing.T) {
	ix := buildSources(t)
	near := func(e Entry, lat, lon float64) bool { return distanceKm(e.Lat, e.Lon, lat, lon) < 1 }

	// A Natural Earth division lands on its GeoNames admin1 entry: its
	// label point, its names and translations.
	kh, ok := ix.Admin1("UA", "07")
	if !ok || kh.ID != 706482 || !near(kh, 49.4655, 36.4612) {
		t.Errorf("Kharkiv oblast: %+v, want 706482 at Natural Earth's label point", kh)
	}
	for _, n := range []string{"Charkow", "Kharkiv Oblast", "Oblast Charkiw"} {
		if es := ix.Lookup(n); len(es) == 0 || es[0].ID != 706482 {
			t.Errorf("Lookup(%q) = %v, want the oblast", n, ids(es))
		}
	}
	// Abbreviations: "Tex." alone; "TX" only as a qualifier.
	if e, ok := ix.abbreviation("Tex.", false); !ok || e.ID != 4736286 {
		t.Errorf("Tex.: %+v %v", e, ok)
	}
	if _, ok := ix.abbreviation("TX", false); ok {
		t.Errorf("TX alone read as Texas")
	}
	if e, ok := ix.abbreviation("TX", true); !ok || e.ID != 4736286 {
		t.Errorf("Paris, TX: %+v %v", e, ok)
	}
	// A Natural Earth division that GeoNames files one level down.
	if es := ix.Lookup("Kent"); len(es) != 1 || es[0].ID != 3333158 || es[0].FeatureCode != "ADM2" {
		t.Errorf("Kent: %+v", es)
	}

	// A county lands on its GeoNames admin2 id, at the Census point.
	jc := ix.Lookup("Johnson County")
	if len(jc) != 2 {
		t.Fatalf("Johnson County: %+v, want Texas and Missouri", jc)
	}
	for _, e := range jc {
		switch e.ID {
		case 4705086:
			if e.Admin1 != "TX" || !near(e, 32.3790, -97.3665) || e.FeatureCode != "ADM2" {
				t.Errorf("Johnson County, Texas: %+v", e)
			}
		case 4392176:
			if e.Admin1 != "MO" || !near(e, 38.7440, -93.8065) {
				t.Errorf("Johnson County, Missouri: %+v", e)
			}
		default:
			t.Errorf("Johnson County: unexpected %+v", e)
		}
	}
	if es := ix.Lookup("Nowhere County"); len(es) != 0 {
		t.Errorf("a county without a GeoNames admin2 code: %+v", es)
	}

	// Postal places: romanized, kept in Cyrillic too, one entry for two
	// codes of one village, none for a town cities500 has or a company.
	hr := ix.Lookup("Hrakove")
	if len(hr) != 1 || !hr[0].IsSynthetic() || hr[0].Admin1 != "07" || !near(hr[0], 49.7182, 36.8148) {
		t.Errorf("Hrakove: %+v", hr)
	}
	if es := ix.Lookup("Гракове"); len(es) != 1 || len(hr) == 1 && es[0].ID != hr[0].ID {
		t.Errorf("Гракове: %+v", es)
	}
	if es := ix.Lookup("Balakliia"); len(es) != 1 || es[0].ID != 712926 {
		t.Errorf("Balakliia doubled by its postal place: %+v", es)
	}
	if es := ix.Lookup("Balakliia Post GmbH"); len(es) != 0 {
		t.Errorf("a company read as a place: %+v", es)
	}

	// Seas and mountains, with an id of geoparse's own.
	az := ix.Lookup("Azov Sea")
	if len(az) != 1 || az[0].Name != "Sea of Azov" || az[0].FeatureCode != "SEA" || !az[0].IsSynthetic() || !near(az[0], 46.25, 37.0) {
		t.Errorf("Sea of Azov: %+v", az)
	}
	if es := ix.Lookup("Mount Test"); len(es) != 1 || es[0].Name != "Mount Test" || es[0].FeatureCode != "MT" {
		t.Errorf("MOUNT TEST: %+v", es)
	}
	if es := ix.Lookup("Inner Seas"); len(es) != 0 {
		t.Errorf("a generic marine area read: %+v", es)
	}
	info := strings.Join(ix.Info().Attribution, "; ")
	for _, want := range []string{"Natural Earth", "Census"} {
		if !strings.Contains(info, want) {
			t.Errorf("attribution %q lacks %s", info, want)
		}
	}
}

// A malformed row of each new source is refused, named by file and line.
func TestSourcesMalformed(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(sourcesDir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	neRows := strings.SplitAfter(read("ne_admin1.jsonl"), "\n")
	census := strings.SplitAfter(read("counties.tsv"), "\n")
	for _, c := range []struct {
		name, file, content string
		extra               []string
		want                string
	}{
		{"Natural Earth JSON", "ne.jsonl", neRows[0] + `{"name": "Broken", "gn_a1_code": "UA.04", "iso_a2": "UA", "latitude": 48` + "\n", nil, "ne.jsonl:2:"},
		{"Natural Earth point", "ne.jsonl", neRows[0] + strings.Replace(neRows[1], `"latitude": 31.2`, `"latitude": 131.2`, 1), nil, "ne.jsonl:2: latitude"},
		{"Census GEOID", "counties.tsv", census[0] + census[1] + strings.Replace(census[2], "29101", "29X01", 1), []string{filepath.Join(sourcesDir, "admin2Codes.txt")}, "counties.tsv:3: USPS"},
		{"Census without admin2", "counties.tsv", read("counties.tsv"), nil, "add admin2Codes.txt"},
		{"postal latitude", "postal.txt", "UA\t63542\tГракове\tKharkivska\t07\tChuhuivskyi\t\t\t\t49.7182\t36.8148\t4\nUA\t63543\tГракове\tKharkivska\t07\tChuhuivskyi\t\t\t\t4x.7\t36.8\t4\n", nil, "postal.txt:2: latitude"},
		{"postal columns", "postal.txt", "UA\t63542\tГракове\tKharkivska\t07\tChuhuivskyi\t\t\t\t49.7182\t36.8148\t4\nUA\t63543\tГракове\n", nil, "postal.txt:2: 3 columns"},
		{"marine GeoJSON", "marine.json", `{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"featurecla": "sea", "scalerank": 1, "name": "X"}, "geometry": {"type": "Polygon", "coordinates": [[[1,2],[3]]]}}` + "\n", nil, "marine.json"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), c.file)
			if err := os.WriteFile(p, []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			in := append([]string{miniDir, p}, c.extra...)
			err := Build(context.Background(), BuildOptions{Out: filepath.Join(t.TempDir(), "idx"), Inputs: in})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

// A macro-region's point is the middle of its members on the sphere:
// members on both sides of the antimeridian meet near it, not at 0°.
func TestSphereMean(t *testing.T) {
	lat, lon, ok := sphereMean([][2]float64{{-17, 178}, {-14, -172}})
	if !ok || math.Abs(lat+15.5) > 0.2 || math.Abs(lon+177) > 0.5 {
		t.Errorf("Fiji and Samoa: %.2f, %.2f", lat, lon)
	}
	if _, _, ok := sphereMean(nil); ok {
		t.Errorf("no members gave a point")
	}
}
