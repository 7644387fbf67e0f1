// Package pipeline builds geoparse's Apache Beam pipeline: it reads
// articles from text and JSONL files on any Beam filesystem, runs the
// project's extractor over them, and writes GeoJSONSeq shards and an
// errors file. It has no extraction logic of its own: documents are read
// and named by extract.ReadDocuments, extracted by extract.Extractor and
// encoded by geo.SeqWriter, as geoparse extract does, so both give the
// same records and error records for the same input, and the command's
// exit status is the CLI's (ExitStatus).
//
// Nothing in the input fails the job: a file that cannot be read (a
// dangling link, no permission, a named pipe) is an error record, as a
// bad document is. Files are spread over the workers, each read front to
// back (a JSONL document is named by its line number, which a byte-range
// split of a file cannot know) into one element a document, bounded by
// MaxArticle; the documents are then reshuffled so that extraction, the
// costly step, spreads over all workers whatever the sizes of the files.
// Output files appear whole or not at all (written to a temporary file
// beside them and renamed). Build documents each stage.
package pipeline
