// Package geo turns extraction results into flat, map-ready event records
// and writes them as GeoJSON.
//
// [Records] flattens an [extract.Result] into one [Record] per event: the
// document it came from, the resolved place (gazetteer id, feature code,
// country, coordinates), the event date and where it came from, the event
// type, the people taking part, the sentence that says so, and — for an
// event stated in several sentences (body and captions) and merged — the
// number of mentions and all their sentences' offsets. A Record's JSON
// form is the public event contract (used for instance in JSON Lines
// output); it carries lat/lon as plain members. Record ids ([EventID]) are
// a hash of document id, place, date and type, so reruns give the same ids.
//
// Events at places the gazetteer does not know have no point: their
// records are marked Unresolved, and their JSON form has null geonameid,
// lat and lon (JSON Lines lists them). The GeoJSON writers skip
// unresolved records rather than write a null geometry, which tippecanoe
// and many web maps drop or reject.
//
// Two [Writer] implementations stream records as GeoJSON, one
// [github.com/paulmach/orb/geojson.FeatureOf] feature per record, with a
// Point geometry [lon, lat] (rounded to 6 decimals, ≈0.1 m), the record id as
// the feature "id" and the flat [Properties] as "properties":
//
//   - [FeatureCollectionWriter] writes one RFC 7946 FeatureCollection,
//     feature by feature, without holding the records in memory;
//   - [SeqWriter] writes newline-delimited GeoJSON (one Feature per line,
//     GDAL's GeoJSONSeq, usually *.geojsonl) or, with
//     [WithRecordSeparator], RFC 8142 GeoJSON text sequences (*.geojsons).
//
// Neither writer closes the underlying io.Writer; pair them with an atomic
// file (internal/atomicfile) so a failed run never leaves half a file.
//
// The property columns and their GDAL/OGR types are stable: every property is
// always present (empty strings rather than missing members, people as an
// array, never null), and confidence is always written with a fraction so
// that readers type the column as Real even when all values are 0 or 1.
// GDAL/OGR infers column types per file, though (people is a StringList,
// or String(JSON) in a file where nobody is named); the README gives the
// ogr2ogr options that make them the same in every file.
package geo
