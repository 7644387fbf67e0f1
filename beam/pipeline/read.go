package pipeline

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/geoparse/geoparse/extract"
)

func init() {
	register.DoFn4x1[context.Context, fileio.ReadableFile, func(document), func(string), error](&readFn{})
	register.Emitter1[document]()
	register.Emitter1[string]()
}

// document is a document on its way to the extractor, with where it was
// read, for its error record should extraction fail.
type document struct {
	Doc  extract.Document
	File string
	Line int
}

// readFn reads the documents of one file: the whole file as one article,
// or one a JSONL line. Documents that cannot be read go to the errors
// output as records, and the rest of the file is still read.
type readFn struct {
	Mode       extract.InputMode
	MaxArticle int64
}

func (f *readFn) ProcessElement(ctx context.Context, file fileio.ReadableFile, emitDoc func(document), emitErr func(string)) error {
	path := file.Metadata.Path
	rc, err := file.Open(ctx)
	if err != nil {
		// The file was just listed, so this is most likely a passing
		// fault of the store: failing the bundle lets the runner retry.
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer rc.Close()
	var emitFailed error
	extract.ReadDocuments(rc, extract.ReadOptions{Name: path, Mode: f.Mode.For(path), Size: file.Metadata.Size, MaxArticle: f.MaxArticle}, func(d extract.Document, src extract.Source, err error) bool {
		articlesCounter.Inc(ctx, 1)
		if err != nil {
			emitFailed = emitError(ctx, emitErr, d.ID, src, err)
			return emitFailed == nil
		}
		emitDoc(document{Doc: d, File: src.File, Line: src.Line})
		return true
	})
	return emitFailed
}

// emitError counts one failed document and sends its record, a JSON line
// as geoparse extract --errors writes it.
func emitError(ctx context.Context, emit func(string), id string, src extract.Source, err error) error {
	errorsCounter.Inc(ctx, 1)
	b, jerr := json.Marshal(extract.NewErrorRecord(id, src, err))
	if jerr != nil {
		return fmt.Errorf("error record of %s: %w", src, jerr)
	}
	emit(string(b) + "\n")
	return nil
}
