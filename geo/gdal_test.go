package geo

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// ogrinfo returns the path of GDAL's ogrinfo. Without it the GDAL tests
// are skipped, except in CI (CI=true), which installs gdal-bin: there a
// missing ogrinfo is a failure.
func ogrinfo(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("ogrinfo")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("ogrinfo not found and CI=true (install gdal-bin): %v", err)
		}
		t.Skip("ogrinfo not on PATH (apt-get install gdal-bin)")
	}
	return p
}

// TestGDAL writes each format to a file and checks that GDAL opens it as
// one Point layer with the right feature count and field types.
func TestGDAL(t *testing.T) {
	bin := ogrinfo(t)
	dir := t.TempDir()
	recs := sampleRecords(5)
	// Every confidence integral and nobody named: confidence must still be
	// Real (Real marshals 1 as 1.0); GDAL cannot tell an all-empty people
	// column is a list and types it String(JSON).
	flat := sampleRecords(3)
	for i := range flat {
		flat[i].Confidence, flat[i].People = Real(i%2), nil
	}
	for _, tt := range []struct {
		name  string
		file  string
		open  string // the name given to ogrinfo
		new   func(*os.File) Writer
		recs  []Record
		empty bool
	}{
		{"FeatureCollection", "events.geojson", "", func(f *os.File) Writer { return NewFeatureCollectionWriter(f) }, recs, false},
		{"empty FeatureCollection", "empty.geojson", "", func(f *os.File) Writer { return NewFeatureCollectionWriter(f) }, nil, true},
		{"GeoJSONSeq .geojsonl", "events.geojsonl", "", func(f *os.File) Writer { return NewSeqWriter(f) }, recs, false},
		{"GeoJSONSeq RFC 8142 .geojsons", "events.geojsons", "", func(f *os.File) Writer { return NewSeqWriter(f, WithRecordSeparator()) }, recs, false},
		{"GeoJSONSeq: prefix", "events.jsonl", "GeoJSONSeq:", func(f *os.File) Writer { return NewSeqWriter(f) }, recs, false},
		{"integral confidences, no people", "flat.geojson", "", func(f *os.File) Writer { return NewFeatureCollectionWriter(f) }, flat, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			w := tt.new(f)
			if err := w.Write(tt.recs...); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "-ro", "-al", "-so", tt.open+path)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("ogrinfo: %v\n%s", err, out)
			}
			if bytes.Contains(out, []byte("ERROR")) {
				t.Errorf("ogrinfo reported an error:\n%s", out)
			}
			m := regexp.MustCompile(`(?m)^Feature Count: (\d+)$`).FindSubmatch(out)
			if m == nil {
				t.Fatalf("no feature count (layer did not open?):\n%s", out)
			}
			if n, _ := strconv.Atoi(string(m[1])); n != len(tt.recs) {
				t.Errorf("Feature Count: %d, want %d", n, len(tt.recs))
			}
			if tt.empty {
				return
			}
			if !regexp.MustCompile(`(?m)^Geometry: Point$`).Match(out) {
				t.Errorf("geometry is not Point:\n%s", out)
			}
			fields := ogrFields(out)
			for field, types := range map[string][]string{
				"id":           {"String"},
				"doc_id":       {"String"},
				"place":        {"String"},
				"geonameid":    {"Integer", "Integer64"},
				"population":   {"Integer", "Integer64"},
				"start":        {"Integer"},
				"date":         {"Date", "String"}, // Date when every value is a full day
				"published":    {"Date", "String"},
				"people":       {"StringList", "String(JSON)"},
				"confidence":   {"Real"},
				"sentence":     {"String"},
				"feature_code": {"String"},
			} {
				got, ok := fields[field]
				if !ok {
					t.Errorf("no field %q; fields: %v", field, fields)
					continue
				}
				if !contains(types, got) {
					t.Errorf("field %s: %s, want one of %v", field, got, types)
				}
			}
			for _, f := range []string{"lat", "lon"} {
				if _, ok := fields[f]; ok {
					t.Errorf("field %q: coordinates belong in the geometry", f)
				}
			}
			if wantList := tt.file != "flat.geojson"; wantList && fields["people"] != "StringList" {
				t.Errorf("people: %s, want StringList", fields["people"])
			}
			if testing.Verbose() {
				t.Logf("ogrinfo fields: %v", fields)
			}
		})
	}
}

// ogrFields parses "name: Type (w.p)" lines of ogrinfo -so.
func ogrFields(out []byte) map[string]string {
	fields := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^(\w+): ([\w()]+) \(\d+\.\d+\)$`).FindAllSubmatch(out, -1) {
		fields[string(m[1])] = string(m[2])
	}
	return fields
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
