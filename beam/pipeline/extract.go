package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/geoparse/geoparse/extract"
	"github.com/geoparse/geoparse/gazetteer"
	"github.com/geoparse/geoparse/geo"
)

func init() {
	register.DoFn4x1[context.Context, document, func(string), func(string), error](&extractFn{})
}

// extractFn extracts one document and emits its features as the
// GeoJSONSeq text geoparse extract --format geojsonseq writes for it (a
// document's features stay together), or its error record.
type extractFn struct {
	Gazetteer string
	Published string

	ex *extract.Extractor
}

func (f *extractFn) Setup() error {
	ex, err := workerExtractor(f.Gazetteer)
	if err != nil {
		return err
	}
	f.ex = ex
	return nil
}

func (f *extractFn) ProcessElement(ctx context.Context, d document, emitFeatures, emitErr func(string)) error {
	doc := d.Doc
	doc.DefaultPublished(f.Published)
	src := extract.Source{File: d.File, Line: d.Line}
	res, err := f.extract(ctx, doc)
	if err != nil {
		if ctx.Err() != nil {
			// The bundle was cancelled: not this document's fault.
			return ctx.Err()
		}
		return emitError(ctx, emitErr, doc.ID, src, err)
	}
	var buf bytes.Buffer
	w := geo.NewSeqWriter(&buf)
	if err := w.Write(geo.Records(&res)...); err != nil {
		return emitError(ctx, emitErr, doc.ID, src, err)
	}
	if err := w.Close(); err != nil {
		return emitError(ctx, emitErr, doc.ID, src, err)
	}
	featuresCounter.Inc(ctx, int64(w.Count()))
	if buf.Len() > 0 {
		emitFeatures(buf.String())
	}
	return nil
}

// extract runs the extractor, turning a panic into the document's error:
// one bad article must not fail its bundle, which the runner would retry
// until the whole job fails.
func (f *extractFn) extract(ctx context.Context, doc extract.Document) (res extract.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("extractor panic: %v", p)
		}
	}()
	return f.ex.Extract(ctx, doc)
}

// A worker process runs many DoFn instances, one a bundle thread; they
// share one Extractor per gazetteer (it is safe for concurrent use), so
// the gazetteer and the entity model are loaded once per worker.
var (
	extractorsMu sync.Mutex
	extractors   = map[string]*extract.Extractor{}
)

// workerExtractor returns this process's Extractor for the gazetteer
// folder dir ("" for the embedded one), building it on first use. A
// failure is not kept: the next Setup tries again.
func workerExtractor(dir string) (*extract.Extractor, error) {
	extractorsMu.Lock()
	defer extractorsMu.Unlock()
	if ex, ok := extractors[dir]; ok {
		return ex, nil
	}
	var opts []extract.Option
	if dir != "" {
		ix, err := gazetteer.Open(dir)
		if err != nil {
			return nil, fmt.Errorf("open gazetteer %s: %w", dir, err)
		}
		opts = append(opts, extract.WithGazetteer(ix))
	}
	ex, err := extract.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("build extractor: %w", err)
	}
	extractors[dir] = ex
	return ex, nil
}
