// Package pipeline builds geoparse's Apache Beam pipeline: it reads
// articles from text and JSONL files on any Beam filesystem, runs the
// project's extractor over them, and writes GeoJSONSeq shards and an
// errors file. It has no extraction logic of its own: documents are read
// and named by extract.ReadDocuments, extracted by extract.Extractor and
// encoded by geo.SeqWriter, as geoparse extract does, so both give the
// same records for the same input.
//
// Reading is per file (a JSONL document's id and error need its line
// number, which a byte-range split of a file cannot know); the documents
// are then reshuffled so that extraction, the costly step, spreads over
// all workers.
package pipeline
