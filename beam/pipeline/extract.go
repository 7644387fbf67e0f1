package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
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
//
// Extraction is CPU-bound and the Extractor is safe for concurrent use,
// so the documents of a bundle are extracted side by side, up to one a
// core of the worker process (slots, shared by every bundle the process
// runs, so concurrent bundles do not oversubscribe it). A runner chooses
// how many bundles run at once: Prism makes a batch stage's pending
// elements one bundle, which one document at a time would run on one
// core. Results are emitted as they come, on the bundle's goroutine, and
// all of them before the bundle finishes; their order is no more defined
// than a GroupByKey's, and a long document does not hold back the ones
// after it.
type extractFn struct {
	Gazetteer string
	Published string

	ex *extract.Extractor
	// done receives the results of this bundle's extractions, running
	// counts those not received yet. Each bundle has its own channel: the
	// goroutines of a failed bundle cannot deliver into the next one.
	done    chan extraction
	running int
}

// extraction is one document's result.
type extraction struct {
	features string // GeoJSONSeq text, one Feature a line
	count    int    // features in it
	errRec   string // the error record of a failed document
	err      error  // fails the bundle (it was cancelled)
}

// slots bounds the extractions running at once in this process.
var slots = make(chan struct{}, runtime.GOMAXPROCS(0))

func (f *extractFn) Setup() error {
	ex, err := workerExtractor(f.Gazetteer)
	if err != nil {
		return err
	}
	f.ex = ex
	return nil
}

// StartBundle takes the emitters because Beam requires the lifecycle
// methods that emit (FinishBundle) to be matched by it.
func (f *extractFn) StartBundle(_ context.Context, _, _ func(string)) {
	// At most cap(slots) extractions run, each holding its slot until
	// its result is sent, and each ProcessElement receives what is ready
	// after starting one: no more than cap(slots)+1 results wait, so no
	// goroutine ever blocks on sending, even one of a failed bundle
	// nobody receives from any more.
	f.done = make(chan extraction, cap(slots)+1)
	f.running = 0
}

func (f *extractFn) ProcessElement(ctx context.Context, d document, emitFeatures, emitErr func(string)) error {
	select {
	case slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	f.running++
	go func(done chan<- extraction) {
		// The slot is given back after the send, which keeps the bound
		// of StartBundle: a result that waits is one of a running
		// extraction, or the one started since the last receive.
		done <- f.run(ctx, d)
		<-slots
	}(f.done)
	for {
		select {
		case x := <-f.done:
			if err := f.emit(ctx, x, emitFeatures, emitErr); err != nil {
				return err
			}
		default:
			return nil
		}
	}
}

// FinishBundle emits the results still to come.
func (f *extractFn) FinishBundle(ctx context.Context, emitFeatures, emitErr func(string)) error {
	for f.running > 0 {
		if err := f.emit(ctx, <-f.done, emitFeatures, emitErr); err != nil {
			return err
		}
	}
	return nil
}

// emit sends one result on, on the bundle's goroutine: emitters and
// counters are not called from the extraction goroutines.
func (f *extractFn) emit(ctx context.Context, x extraction, emitFeatures, emitErr func(string)) error {
	f.running--
	switch {
	case x.err != nil:
		return x.err
	case x.errRec != "":
		errorsCounter.Inc(ctx, 1)
		emitErr(x.errRec)
	case x.features != "":
		featuresCounter.Inc(ctx, int64(x.count))
		emitFeatures(x.features)
	}
	return nil
}

// run extracts d, on an extraction goroutine.
func (f *extractFn) run(ctx context.Context, d document) (x extraction) {
	doc := d.Doc
	doc.DefaultPublished(f.Published)
	src := extract.Source{File: d.File, Line: d.Line}
	fail := func(err error) extraction {
		x.errRec, x.err = errorRecord(doc.ID, src, err)
		return x
	}
	res, err := f.extract(ctx, doc)
	if err != nil {
		if ctx.Err() != nil {
			// The bundle was cancelled: not this document's fault.
			return extraction{err: ctx.Err()}
		}
		return fail(err)
	}
	var buf bytes.Buffer
	w := geo.NewSeqWriter(&buf)
	if err := w.Write(geo.Records(&res)...); err != nil {
		return fail(err)
	}
	if err := w.Close(); err != nil {
		return fail(err)
	}
	return extraction{features: buf.String(), count: w.Count()}
}

// extract runs the extractor, turning a panic into the document's error:
// one bad article must not fail its bundle, which the runner would retry
// until the whole job fails (and a panic on an extraction goroutine would
// take the worker process down).
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
