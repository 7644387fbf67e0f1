package pipeline

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/geoparse/geoparse/extract"
)

func init() {
	register.DoFn4x1[context.Context, fileRef, func(document), func(string), error](&readFn{})
	register.Emitter1[document]()
	register.Emitter1[string]()
}

// document is a document on its way to the extractor, with where it was
// read, for its error record should extraction fail. Its text is at most
// MaxArticle bytes: the bound on a pipeline element.
type document struct {
	Doc  extract.Document
	File string
	Line int
}

// readFn reads the documents of one file: the whole file as one article,
// or one a JSONL line, each emitted as an element of its own as soon as
// it is read, so a file's documents are never held together. Documents
// that cannot be read go to the errors output as records, and the rest
// of the file is still read; so does a file that cannot be opened, as
// geoparse extract reports it.
type readFn struct {
	Mode       extract.InputMode
	MaxArticle int64
}

func (f *readFn) ProcessElement(ctx context.Context, file fileRef, emitDoc func(document), emitErr func(string)) error {
	fsys, err := filesystem.New(ctx, file.Path)
	if err != nil {
		return fmt.Errorf("read %s: %w", file.Path, err)
	}
	defer fsys.Close()
	// Raw bytes: extract.ReadDocuments recognizes gzip by its magic
	// number, as the CLI does, whatever the file's name.
	rc, err := fsys.OpenRead(ctx, file.Path)
	if err != nil {
		// Unreadable (permissions), or gone since it was matched. A
		// remote store's client has retried passing faults already:
		// failing the bundle would only fail the whole job on one file.
		return emitFileError(ctx, emitErr, file.Path, cleanPathError(err))
	}
	defer rc.Close()
	var emitFailed error
	extract.ReadDocuments(rc, extract.ReadOptions{Name: file.Path, Mode: f.Mode.For(file.Path), Size: file.Size, MaxArticle: f.MaxArticle}, func(d extract.Document, src extract.Source, err error) bool {
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

// errorRecord is the JSON line of a failed document or file, as geoparse
// extract --errors writes it.
func errorRecord(id string, src extract.Source, err error) (string, error) {
	b, jerr := json.Marshal(extract.NewErrorRecord(id, src, err))
	if jerr != nil {
		return "", fmt.Errorf("error record of %s: %w", src, jerr)
	}
	return string(b) + "\n", nil
}

// emitError counts one failed document and sends its record.
func emitError(ctx context.Context, emit func(string), id string, src extract.Source, err error) error {
	rec, err := errorRecord(id, src, err)
	if err != nil {
		return err
	}
	errorsCounter.Inc(ctx, 1)
	emit(rec)
	return nil
}

// emitFileError sends the record of a file that cannot be read at all. It
// counts as one article, as geoparse extract counts it among the
// documents of its "N of M documents failed".
func emitFileError(ctx context.Context, emit func(string), path string, err error) error {
	articlesCounter.Inc(ctx, 1)
	return emitError(ctx, emit, "", extract.Source{File: path}, err)
}
