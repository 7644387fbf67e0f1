package schema

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"testing"

	"github.com/invopop/jsonschema"

	"github.com/geoparse/geoparse/extract"
	"github.com/geoparse/geoparse/geo"
)

var update = flag.Bool("update", false, "rewrite the committed schemas from the Go types")

// The generator lives in a test, so the binary does not carry the
// reflection library: the schemas are data, embedded.

// feature is the GeoJSON Feature that the geojson and geojsonseq writers
// emit for one event record.
type feature struct {
	// ID is the event record's stable id (geo.EventID).
	ID string `json:"id"`
	// Type is always "Feature".
	Type string `json:"type" jsonschema:"enum=Feature"`
	// Geometry is the event's point.
	Geometry point `json:"geometry"`
	// Properties are the event record's attributes.
	Properties geo.Properties `json:"properties"`
}

// point is an RFC 7946 Point.
type point struct {
	// Type is always "Point".
	Type string `json:"type" jsonschema:"enum=Point"`
	// Coordinates are [longitude, latitude] in WGS 84 degrees.
	Coordinates []float64 `json:"coordinates" jsonschema:"minItems=2,maxItems=2"`
}

// generate reflects v into a JSON Schema with id, adjusted by fix.
func generate(t *testing.T, v any, id, title string, fix func(*jsonschema.Schema)) []byte {
	t.Helper()
	r := &jsonschema.Reflector{}
	// Comments become descriptions. AddGoComments names packages by
	// joining base and the walked directory, so the base is this
	// package's own path and the directories are relative to it.
	for _, dir := range []string{".", "../geo", "../extract"} {
		if err := r.AddGoComments("github.com/geoparse/geoparse/schema", dir); err != nil {
			t.Fatal(err)
		}
	}
	s := r.Reflect(v)
	s.ID = jsonschema.ID(id)
	s.Title = title
	fix(s)
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// def returns the definition of type v.
func def(t *testing.T, s *jsonschema.Schema, v any) *jsonschema.Schema {
	t.Helper()
	name := reflect.TypeOf(v).Name()
	d, ok := s.Definitions[name]
	if !ok {
		t.Fatalf("no definition %s", name)
	}
	return d
}

// prop returns property name of d.
func prop(t *testing.T, d *jsonschema.Schema, name string) *jsonschema.Schema {
	t.Helper()
	p, ok := d.Properties.Get(name)
	if !ok {
		t.Fatalf("no property %s", name)
	}
	return p
}

// nullable lets property name of d be null too.
func nullable(t *testing.T, d *jsonschema.Schema, name string) {
	p := prop(t, d, name)
	typ := p.Type
	p.Type = ""
	p.AnyOf = []*jsonschema.Schema{{Type: typ}, {Type: "null"}}
}

// enum restricts property name of d to values.
func enum[T any](t *testing.T, d *jsonschema.Schema, name string, values ...T) {
	p := prop(t, d, name)
	p.Enum = nil
	for _, v := range values {
		p.Enum = append(p.Enum, v)
	}
}

// day restricts property name of d to a YYYY-MM-DD day or "".
func day(t *testing.T, d *jsonschema.Schema, name string) {
	prop(t, d, name).Pattern = `^([0-9]{4}-[0-9]{2}-[0-9]{2})?$`
}

var (
	precisions  = []string{extract.PrecisionPlace, extract.PrecisionNearby, extract.PrecisionAdmin2, extract.PrecisionAdmin1, extract.PrecisionCountry}
	dateSources = []string{"sentence", "narrative", "caption", "dateline", "published", ""}
)

// fixProperties adds what the types do not say to the event record's
// properties: the closed vocabularies.
func fixProperties(t *testing.T, d *jsonschema.Schema, unresolved bool) {
	enum(t, d, "type", extract.EventTypes...)
	enum(t, d, "role", extract.Roles...)
	enum(t, d, "date_source", dateSources...)
	for _, name := range []string{"published", "date_start", "date_end"} {
		day(t, d, name)
	}
	if unresolved {
		// A JSONL event at a place nobody could locate has null
		// geonameid, lat and lon, and no precision.
		enum(t, d, "location_precision", append(precisions, "")...)
		nullable(t, d, "geonameid")
		nullable(t, d, "lat")
		nullable(t, d, "lon")
	} else {
		enum(t, d, "location_precision", precisions...)
	}
}

func annotationSchema(t *testing.T) []byte {
	return generate(t, &geo.Annotation{}, "https://github.com/geoparse/geoparse/schema/annotation.schema.json",
		"geoparse JSONL annotation (one line of geoparse extract --format jsonl)", func(s *jsonschema.Schema) {
			a := def(t, s, geo.Annotation{})
			nullable(t, a, "published")
			enum(t, a, "published_source", extract.PublishedFromInput, extract.PublishedFromFlag, extract.PublishedFromEnv, extract.PublishedFromConfig, "dateline", "caption")
			enum(t, def(t, s, extract.Entity{}), "label", extract.Person, extract.Location, extract.Organization, extract.Misc)
			p := def(t, s, extract.Place{})
			nullable(t, p, "geonameid")
			enum(t, p, "role", extract.Roles...)
			enum(t, p, "form", extract.Forms...)
			enum(t, def(t, s, extract.Date{}), "type", "DATE", "TIME", "DURATION", "SET")
			fixProperties(t, def(t, s, geo.Record{}), true)
		})
}

func featureSchema(t *testing.T) []byte {
	return generate(t, &feature{}, "https://github.com/geoparse/geoparse/schema/feature.schema.json",
		"geoparse event record as a GeoJSON Feature (geoparse extract --format geojson or geojsonseq)", func(s *jsonschema.Schema) {
			fixProperties(t, def(t, s, geo.Properties{}), false)
		})
}

// TestSchemasUpToDate fails while a committed schema differs from what
// the Go types give; -update rewrites them.
func TestSchemasUpToDate(t *testing.T) {
	for _, c := range []struct {
		file      string
		generated []byte
		committed []byte
	}{
		{"annotation.schema.json", annotationSchema(t), annotationJSON},
		{"feature.schema.json", featureSchema(t), featureJSON},
	} {
		if *update {
			if err := os.WriteFile(c.file, c.generated, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if !bytes.Equal(c.generated, c.committed) {
			t.Errorf("%s is not what the Go types give: go test ./schema -run TestSchemasUpToDate -update", c.file)
		}
	}
}
