// Package schema holds the JSON Schemas (draft 2020-12) of geoparse's
// public output: annotation.schema.json describes one line of
// `geoparse extract --format jsonl`, feature.schema.json one GeoJSON
// Feature of the geojson and geojsonseq formats (a FeatureCollection's
// members, or a line of the sequence).
//
// Both are generated from the Go types that write the output
// (geo.Annotation, geo.Properties and the extract types they hold), with
// their doc comments as descriptions, and committed; after changing those
// types, regenerate them with
//
//	go test ./schema -run TestSchemasUpToDate -update
//
// The test fails while a committed schema differs from what the types
// give. `geoparse schema annotation|feature` prints them.
package schema

import _ "embed"

//go:embed annotation.schema.json
var annotationJSON []byte

//go:embed feature.schema.json
var featureJSON []byte

// Annotation returns the JSON Schema of one JSONL annotation line.
func Annotation() []byte { return append([]byte(nil), annotationJSON...) }

// Feature returns the JSON Schema of one GeoJSON Feature.
func Feature() []byte { return append([]byte(nil), featureJSON...) }

// Names lists the schemas by the names `geoparse schema` takes.
var Names = []string{"annotation", "feature"}

// ByName returns the schema called name (see Names).
func ByName(name string) ([]byte, bool) {
	switch name {
	case "annotation":
		return Annotation(), true
	case "feature":
		return Feature(), true
	}
	return nil, false
}
