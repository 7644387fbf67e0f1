package geo

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func TestFeatureCollectionWriter(t *testing.T) {
	for _, tt := range []struct {
		name  string
		recs  []Record
		batch int // records per Write call
	}{
		{"empty", nil, 1},
		{"one", sampleRecords(1), 1},
		{"several, one by one", sampleRecords(5), 1},
		{"several, in batches", sampleRecords(7), 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			w := NewFeatureCollectionWriter(&buf)
			for i := 0; i < len(tt.recs); i += tt.batch {
				if err := w.Write(tt.recs[i:min(i+tt.batch, len(tt.recs))]...); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if w.Count() != len(tt.recs) {
				t.Errorf("Count = %d, want %d", w.Count(), len(tt.recs))
			}
			out := buf.Bytes()
			if !json.Valid(out) {
				t.Fatalf("invalid JSON:\n%s", out)
			}

			// Decodes back with orb into the same records.
			var fc geojson.FeatureCollectionOf[Properties]
			if err := json.Unmarshal(out, &fc); err != nil {
				t.Fatal(err)
			}
			if fc.Type != "FeatureCollection" || len(fc.Features) != len(tt.recs) {
				t.Fatalf("type %q with %d features, want FeatureCollection with %d", fc.Type, len(fc.Features), len(tt.recs))
			}
			for i, f := range fc.Features {
				got, err := RecordFromFeature(f)
				if err != nil {
					t.Fatal(err)
				}
				want := tt.recs[i]
				want.Lon, want.Lat = round(want.Lon, 6), round(want.Lat, 6)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("feature %d:\n got %+v\nwant %+v", i, got, want)
				}
			}

			// The raw JSON: [lon, lat], flat properties without lat/lon,
			// people an array, no crs member.
			var raw struct {
				Type     string                       `json:"type"`
				CRS      json.RawMessage              `json:"crs"`
				Features []map[string]json.RawMessage `json:"features"`
			}
			if err := json.Unmarshal(out, &raw); err != nil {
				t.Fatal(err)
			}
			if raw.CRS != nil {
				t.Error("RFC 7946: no crs member")
			}
			if raw.Features == nil {
				t.Error(`"features" must be an array, also when empty`)
			}
			for i, f := range raw.Features {
				checkRawFeature(t, f, tt.recs[i])
			}
		})
	}
}

func checkRawFeature(t *testing.T, f map[string]json.RawMessage, rec Record) {
	t.Helper()
	var typ, id string
	json.Unmarshal(f["type"], &typ)
	json.Unmarshal(f["id"], &id)
	if typ != "Feature" || id != rec.ID {
		t.Errorf("type %q id %q, want Feature %q", typ, id, rec.ID)
	}
	var geom struct {
		Type        string    `json:"type"`
		Coordinates []float64 `json:"coordinates"`
	}
	if err := json.Unmarshal(f["geometry"], &geom); err != nil {
		t.Fatal(err)
	}
	if geom.Type != "Point" || len(geom.Coordinates) != 2 ||
		geom.Coordinates[0] != round(rec.Lon, 6) || geom.Coordinates[1] != round(rec.Lat, 6) {
		t.Errorf("geometry %s, want Point [%v, %v] (lon, lat)", f["geometry"], rec.Lon, rec.Lat)
	}
	var props map[string]any
	if err := json.Unmarshal(f["properties"], &props); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"lat", "lon", "id"} {
		if _, ok := props[k]; ok {
			t.Errorf("property %q: belongs to the geometry/feature, not properties", k)
		}
	}
	if len(props) != 27 {
		t.Errorf("%d properties, want 27: %s", len(props), f["properties"])
	}
	for k, v := range props {
		switch v := v.(type) {
		case map[string]any:
			t.Errorf("property %q is nested: %v", k, v)
		case []any:
			if k != "people" && k != "offsets" {
				t.Errorf("property %q is an array", k)
			}
		}
	}
	if _, ok := props["people"].([]any); !ok {
		t.Errorf("people = %#v, want an array", props["people"])
	}
}

func TestFeatureCollectionWriterEmpty(t *testing.T) {
	var buf bytes.Buffer
	w := NewFeatureCollectionWriter(&buf)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), `{"type":"FeatureCollection","features":[]}`+"\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCoordinatesRounded(t *testing.T) {
	rec := sampleRecords(1)[0]
	rec.Lon, rec.Lat = 37.256961234567, -0.0000001
	b, err := rec.Feature().MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if want := `"coordinates":[37.256961,0]`; !bytes.Contains(b, []byte(want)) {
		t.Errorf("%s\nwant %s", b, want)
	}
}

func TestSeqWriter(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts []SeqOption
		rs   bool
		n    int
	}{
		{"newline-delimited", nil, false, 4},
		{"RFC 8142", []SeqOption{WithRecordSeparator()}, true, 4},
		{"empty", nil, false, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			recs := sampleRecords(tt.n)
			var buf bytes.Buffer
			w := NewSeqWriter(&buf, tt.opts...)
			if err := w.Write(recs[:tt.n/2]...); err != nil {
				t.Fatal(err)
			}
			if err := w.Write(recs[tt.n/2:]...); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if w.Count() != tt.n {
				t.Errorf("Count = %d, want %d", w.Count(), tt.n)
			}
			out := buf.String()
			if tt.n == 0 && out != "" {
				t.Errorf("empty sequence: got %q", out)
			}
			lines := strings.SplitAfter(out, "\n")
			lines = lines[:len(lines)-1] // after the final \n
			if len(lines) != tt.n {
				t.Fatalf("%d lines, want %d:\n%s", len(lines), tt.n, out)
			}
			for i, line := range lines {
				if !strings.HasSuffix(line, "\n") {
					t.Errorf("line %d does not end in LF", i)
				}
				line = strings.TrimSuffix(line, "\n")
				if got := strings.HasPrefix(line, "\x1e"); got != tt.rs {
					t.Errorf("line %d: leading RS = %v, want %v", i, got, tt.rs)
				}
				line = strings.TrimPrefix(line, "\x1e")
				f, err := geojson.UnmarshalFeature([]byte(line))
				if err != nil {
					t.Fatalf("line %d: %v", i, err)
				}
				if f.ID != recs[i].ID || f.Point() != (orb.Point{recs[i].Lon, recs[i].Lat}) {
					t.Errorf("line %d: id %v at %v, want %s at [%v %v]", i, f.ID, f.Point(), recs[i].ID, recs[i].Lon, recs[i].Lat)
				}
				var m map[string]json.RawMessage
				json.Unmarshal([]byte(line), &m)
				checkRawFeature(t, m, recs[i])
			}
		})
	}
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

var errDisk = errors.New("disk full")

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		n := w.n
		w.n = 0
		return n, errDisk
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriterErrors(t *testing.T) {
	recs := sampleRecords(2)
	big := sampleRecords(2000) // more than the 64 KiB buffer
	for _, tt := range []struct {
		name string
		new  func(w *failWriter) Writer
	}{
		{"FeatureCollection", func(w *failWriter) Writer { return NewFeatureCollectionWriter(w) }},
		{"Seq", func(w *failWriter) Writer { return NewSeqWriter(w) }},
	} {
		t.Run(tt.name+"/write after close", func(t *testing.T) {
			w := tt.new(&failWriter{n: 1 << 30})
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if err := w.Write(recs...); !errors.Is(err, ErrClosed) {
				t.Errorf("Write after Close: %v, want ErrClosed", err)
			}
			if err := w.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
		})
		t.Run(tt.name+"/underlying error is reported and sticky", func(t *testing.T) {
			w := tt.new(&failWriter{n: 100})
			err := w.Write(big...)
			if err == nil {
				err = w.Close()
			}
			if !errors.Is(err, errDisk) {
				t.Fatalf("got %v, want %v", err, errDisk)
			}
			if err := w.Write(recs...); !errors.Is(err, errDisk) {
				t.Errorf("Write after error: %v", err)
			}
			if err := w.Close(); !errors.Is(err, errDisk) {
				t.Errorf("Close after error: %v", err)
			}
		})
		t.Run(tt.name+"/unencodable record", func(t *testing.T) {
			bad := recs[0]
			bad.Confidence = Real(nan())
			w := tt.new(&failWriter{n: 1 << 30})
			if err := w.Write(bad); err == nil {
				t.Error("NaN confidence: want an error")
			}
		})
	}
}

func nan() float64 { var z float64; return z / z }

// TestFeatureCollectionStreams checks that features reach the underlying
// writer before Close (records are not held back until the end).
func TestFeatureCollectionStreams(t *testing.T) {
	var buf bytes.Buffer
	w := NewFeatureCollectionWriter(&buf)
	recs := sampleRecords(3)
	if err := w.Write(recs...); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(buf.Bytes()))
	n := 0
	for sc.Scan() {
		if bytes.Contains(sc.Bytes(), []byte(`"type":"Feature"`)) {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d features flushed before Close, want 3", n)
	}
}
