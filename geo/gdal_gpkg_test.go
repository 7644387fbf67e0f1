package geo

import (
	"bufio"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// readmeRecipe returns the ogr2ogr command lines of the README's section
// on mapping tools: the test runs what users copy.
func readmeRecipe(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		switch {
		case strings.HasPrefix(l, "### Loading it into mapping tools"):
			in = true
		case in && strings.HasPrefix(l, "#"+"# "):
			in = false
		case in && strings.HasPrefix(l, "ogr2ogr "):
			lines = append(lines, l)
		}
	}
	if len(lines) != 3 {
		t.Fatalf("README's mapping-tools section has %d ogr2ogr lines, want 3 (GPKG from .geojson, from .geojsonl, back): %q", len(lines), lines)
	}
	return lines
}

// TestGDALGeoPackageRoundTrip runs the README's ogr2ogr recipe on two
// files that differ in every way GDAL's type inference notices (people or
// nobody, coarse or day dates, published or not, a geonameid over 2³¹ or
// not, integral confidences): every GeoPackage must have the same columns
// with the same types, and converting back to GeoJSON must give back the
// records' properties and points.
func TestGDALGeoPackageRoundTrip(t *testing.T) {
	ogrinfoBin := ogrinfo(t)
	if _, err := exec.LookPath("ogr2ogr"); err != nil {
		t.Fatalf("ogrinfo without ogr2ogr: %v", err)
	}
	recipe := readmeRecipe(t)

	varied := sampleRecords(4)
	varied[3].GeoNameID = 2670415832 // one of geoparse's own ids
	plain := sampleRecords(3)
	for i := range plain {
		plain[i].People, plain[i].Date, plain[i].Published = nil, "2022-09-14", ""
		plain[i].Confidence = Real(i % 2)
	}

	var schema map[string]string
	for _, set := range []struct {
		name string
		recs []Record
	}{{"varied", varied}, {"plain", plain}} {
		for _, step := range []struct {
			name    string
			command string
		}{{"from FeatureCollection", recipe[0]}, {"from GeoJSONSeq", recipe[1]}} {
			t.Run(set.name+" "+step.name, func(t *testing.T) {
				dir := t.TempDir()
				writeFile(t, filepath.Join(dir, "events.geojson"), func(f *os.File) Writer { return NewFeatureCollectionWriter(f) }, set.recs)
				writeFile(t, filepath.Join(dir, "events.geojsonl"), func(f *os.File) Writer { return NewSeqWriter(f) }, set.recs)
				for _, command := range []string{step.command, recipe[2]} {
					cmd := exec.Command("sh", "-c", command)
					cmd.Dir = dir
					if out, err := cmd.CombinedOutput(); err != nil || strings.Contains(string(out), "Warning") {
						t.Fatalf("%s: %v\n%s", command, err, out)
					}
				}
				out, err := exec.Command(ogrinfoBin, "-ro", "-so", "-al", filepath.Join(dir, "events.gpkg")).CombinedOutput()
				if err != nil {
					t.Fatalf("ogrinfo: %v\n%s", err, out)
				}
				fields := ogrFields(out)
				for field, want := range map[string]string{
					"people": "String(JSON)", "offsets": "String(JSON)", "date": "String", "published": "String",
					"date_start": "String", "geonameid": "Integer64", "start": "Integer64", "confidence": "Real",
				} {
					if fields[field] != want {
						t.Errorf("%s: %s, want %s", field, fields[field], want)
					}
				}
				if schema == nil {
					schema = fields
				} else if !reflect.DeepEqual(fields, schema) {
					t.Errorf("columns differ from the first file's:\n got %v\nwant %v", fields, schema)
				}
				checkRoundTrip(t, filepath.Join(dir, "back.geojson"), set.recs)
			})
		}
	}
}

// writeFile writes recs with a writer made by newWriter.
func writeFile(t *testing.T, path string, newWriter func(*os.File) Writer, recs []Record) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := newWriter(f)
	if err := w.Write(recs...); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// checkRoundTrip compares the features GDAL wrote back with recs: the
// same properties (as JSON values: people and offsets arrays again) and
// points, in order.
func checkRoundTrip(t *testing.T, path string, recs []Record) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Geometry struct {
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	if len(fc.Features) != len(recs) {
		t.Fatalf("%d features back, want %d", len(fc.Features), len(recs))
	}
	for i, f := range fc.Features {
		var want map[string]any
		pb, _ := json.Marshal(recs[i].Properties.withLists())
		json.Unmarshal(pb, &want)
		want["id"] = recs[i].ID // GDAL keeps a string feature id as a column
		if !reflect.DeepEqual(f.Properties, want) {
			for k, v := range want {
				if !reflect.DeepEqual(f.Properties[k], v) {
					t.Errorf("feature %d: %s = %#v back, want %#v", i, k, f.Properties[k], v)
				}
			}
			for k := range f.Properties {
				if _, ok := want[k]; !ok {
					t.Errorf("feature %d: extra column %s", i, k)
				}
			}
		}
		if c := f.Geometry.Coordinates; len(c) != 2 || c[0] != recs[i].Lon || c[1] != recs[i].Lat {
			t.Errorf("feature %d: point %v, want [%v %v]", i, c, recs[i].Lon, recs[i].Lat)
		}
	}
}
