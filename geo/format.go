package geo

import (
	"path/filepath"
	"strings"
)

// Output formats, as geoparse extract's --format and the API's ?format
// name them.
const (
	// FormatGeoJSON is one RFC 7946 FeatureCollection
	// ([FeatureCollectionWriter]).
	FormatGeoJSON = "geojson"
	// FormatGeoJSONSeq is one Feature a line ([SeqWriter]), RFC 8142's
	// text sequence with [WithRecordSeparator].
	FormatGeoJSONSeq = "geojsonseq"
	// FormatJSONL is one [Annotation] a line.
	FormatJSONL = "jsonl"
)

// FormatOfPath is the output format that a file's extension names, as
// GDAL's drivers read them: .geojson and .json FormatGeoJSON; .geojsonl,
// .geojsonseq and .ndjson FormatGeoJSONSeq; .geojsons FormatGeoJSONSeq
// with recordSeparator set (RFC 8142's own extension, whose records start
// with RS); .jsonl FormatJSONL. Another extension, or none, gives "".
func FormatOfPath(path string) (format string, recordSeparator bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".geojson", ".json":
		return FormatGeoJSON, false
	case ".geojsonl", ".geojsonseq", ".ndjson":
		return FormatGeoJSONSeq, false
	case ".geojsons":
		return FormatGeoJSONSeq, true
	case ".jsonl":
		return FormatJSONL, false
	}
	return "", false
}

// MediaType is the HTTP media type of a format: application/geo+json
// (RFC 7946), application/geo+json-seq (RFC 8142) or
// application/x-ndjson; "" for an unknown format.
func MediaType(format string) string {
	switch format {
	case FormatGeoJSON:
		return "application/geo+json"
	case FormatGeoJSONSeq:
		return "application/geo+json-seq"
	case FormatJSONL:
		return "application/x-ndjson"
	}
	return ""
}
