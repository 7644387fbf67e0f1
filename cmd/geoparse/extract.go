package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/geoparse/geoparse/extract"
	"github.com/geoparse/geoparse/gazetteer"
	"github.com/geoparse/geoparse/geo"
	"github.com/geoparse/geoparse/internal/atomicfile"
)

// Output formats of geoparse extract.
const (
	formatGeoJSON    = "geojson"
	formatGeoJSONSeq = "geojsonseq"
	formatJSONL      = "jsonl"
)

func (a *app) extractCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "extract [flags] [PATH...]",
		Short: "Extract people, places, dates and events from articles",
		Long: `Extract people, places, dates and events from articles.

PATH is a .txt file (one article), a .jsonl file (one article a line:
"id", "text", and optional "published", "title", "url"), a folder (every
.txt and .jsonl file under it), or "-" for standard input (the default),
read as text unless --input jsonl.

A document that cannot be read (missing file, invalid UTF-8, malformed
JSONL line, empty text) is reported on stderr with its file and line; the
rest of the batch still comes out, and geoparse exits with status 1.`,
		Example: `  geoparse extract --published 2022-09-14 article.txt > events.geojson
  geoparse extract --format jsonl -o annotations.jsonl articles.jsonl
  cat articles.jsonl | geoparse extract --input jsonl --format geojsonseq`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runExtract(cmd.Context(), args)
		},
	}
	f := cmd.Flags()
	f.String("published", "", "publication date (YYYY-MM-DD) for documents that carry none")
	f.String("format", formatGeoJSON, "output format: geojson (one FeatureCollection), geojsonseq (one Feature a line), jsonl (one annotation object a document)")
	f.StringP("output", "o", "", "write to FILE atomically (temp file, then rename) instead of stdout")
	f.String("input", string(modeAuto), "how to read PATHs and stdin: auto (by extension; stdin is text), text, jsonl")
	f.Int("workers", runtime.GOMAXPROCS(0), "documents extracted in parallel")
	f.String("gazetteer", "", "gazetteer index folder built by 'geoparse gazetteer build' (default: the embedded one)")
	return cmd
}

// extractConfig is the resolved configuration of one extract run.
type extractConfig struct {
	published string
	format    string
	output    string
	input     inputMode
	workers   int
	gazetteer string
}

func (a *app) extractConfig() (extractConfig, error) {
	v := a.v
	c := extractConfig{
		published: configDate(v.Get("published")),
		format:    strings.ToLower(v.GetString("format")),
		output:    v.GetString("output"),
		workers:   v.GetInt("workers"),
		gazetteer: v.GetString("gazetteer"),
	}
	var err error
	if c.input, err = parseInputMode(v.GetString("input")); err != nil {
		return c, err
	}
	switch c.format {
	case formatGeoJSON, formatGeoJSONSeq, formatJSONL:
	default:
		return c, fmt.Errorf("--format %q: want geojson, geojsonseq or jsonl", c.format)
	}
	if c.published != "" {
		t, err := time.Parse("2006-01-02", c.published)
		if err != nil {
			return c, fmt.Errorf("--published %q: want YYYY-MM-DD", c.published)
		}
		c.published = t.Format("2006-01-02")
	}
	if c.workers < 1 {
		c.workers = 1
	}
	return c, nil
}

// newExtractor opens the configured gazetteer and builds the extractor.
func newExtractor(c extractConfig) (*extract.Extractor, error) {
	var opts []extract.Option
	if c.gazetteer != "" {
		ix, err := gazetteer.Open(c.gazetteer)
		if err != nil {
			return nil, err
		}
		opts = append(opts, extract.WithGazetteer(ix))
	}
	return extract.New(opts...)
}

func (a *app) runExtract(ctx context.Context, paths []string) error {
	c, err := a.extractConfig()
	if err != nil {
		return err
	}
	ex, err := newExtractor(c)
	if err != nil {
		return err
	}

	var out io.Writer = a.stdout
	var file *atomicfile.File
	if c.output != "" {
		if file, err = atomicfile.Create(c.output); err != nil {
			return err
		}
		defer file.Abort() // no-op after Commit
		out = file
	}
	bw := bufio.NewWriterSize(out, 1<<16)
	sink := newSink(c.format, bw)

	prog := newProgress(a.stderr)
	failed, total := 0, 0
	batchErr := runBatch(ctx, ex, paths, c, a.stdin, func(it *item) error {
		total++
		err := it.err
		if err == nil {
			err = it.resErr
		}
		if err != nil {
			failed++
			prog.clear()
			fmt.Fprintf(a.stderr, "geoparse: %s: %v\n", it.src, err)
			prog.add(1)
			return nil
		}
		prog.add(1)
		return sink.write(&it.res)
	})
	prog.done()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted after %d documents; nothing written: %w", total, err)
	}
	if batchErr != nil {
		return fmt.Errorf("write: %w", batchErr)
	}
	if err := sink.close(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	if file != nil {
		if err := file.Commit(); err != nil {
			return err
		}
	}
	if failed > 0 {
		fmt.Fprintf(a.stderr, "geoparse: %d of %d documents failed\n", failed, total)
		return errReported
	}
	return nil
}

// runBatch reads the inputs, extracts documents on c.workers goroutines
// and hands the items to handle in input order. A sink error stops the
// batch.
func runBatch(ctx context.Context, ex *extract.Extractor, paths []string, c extractConfig, stdin io.Reader, handle func(*item) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ordered := make(chan *item, 4*c.workers)
	work := make(chan *item, 4*c.workers)
	go func() {
		defer close(ordered)
		defer close(work)
		seq := 0
		readInputs(ctx, paths, c.input, stdin, func(doc extract.Document, src source, err error) bool {
			if doc.Published == "" && c.published != "" {
				doc.Published, doc.PublishedSource = c.published, "flag"
			}
			it := &item{seq: seq, doc: doc, src: src, err: err, done: make(chan struct{})}
			seq++
			if err != nil {
				close(it.done)
			}
			select {
			case ordered <- it:
			case <-ctx.Done():
				return false
			}
			if err == nil {
				select {
				case work <- it:
				case <-ctx.Done():
					return false
				}
			}
			return true
		})
	}()
	for w := 0; w < c.workers; w++ {
		go func() {
			for it := range work {
				it.res, it.resErr = ex.Extract(ctx, it.doc)
				close(it.done)
			}
		}()
	}
	for it := range ordered {
		select {
		case <-it.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		if err := handle(it); err != nil {
			return err
		}
	}
	return nil
}

// sink writes results in one output format.
type sink struct {
	format string
	geo    geo.Writer
	json   *json.Encoder
}

func newSink(format string, w io.Writer) *sink {
	s := &sink{format: format}
	switch format {
	case formatGeoJSON:
		s.geo = geo.NewFeatureCollectionWriter(w)
	case formatGeoJSONSeq:
		s.geo = geo.NewSeqWriter(w)
	default:
		s.json = json.NewEncoder(w)
		s.json.SetEscapeHTML(false)
	}
	return s
}

func (s *sink) write(res *extract.Result) error {
	recs := geo.Records(res)
	if s.geo != nil {
		return s.geo.Write(recs...)
	}
	return s.json.Encode(annotation(res, recs))
}

func (s *sink) close() error {
	if s.geo != nil {
		return s.geo.Close()
	}
	return nil
}

// annotationJSON is one line of --format jsonl: everything found in one
// document. Lists are never null, so consumers can iterate without checks.
type annotationJSON struct {
	ID        string  `json:"id"`
	Title     string  `json:"title,omitempty"`
	URL       string  `json:"url,omitempty"`
	Published *string `json:"published"`
	// PublishedSource: input, flag, dateline or caption; absent when
	// the date is unknown.
	PublishedSource string           `json:"published_source,omitempty"`
	Entities        []extract.Entity `json:"entities"`
	Places          []extract.Place  `json:"places"`
	Dates           []extract.Date   `json:"dates"`
	Events          []geo.Record     `json:"events"`
}

func annotation(res *extract.Result, recs []geo.Record) annotationJSON {
	a := annotationJSON{
		ID: res.Document.ID, Title: res.Document.Title, URL: res.Document.URL,
		Entities: res.Entities, Places: res.Places, Dates: res.Dates, Events: recs,
	}
	if !res.Published.IsZero() {
		p := res.Published.Format("2006-01-02")
		a.Published = &p
		a.PublishedSource = res.PublishedSource
	}
	if a.Entities == nil {
		a.Entities = []extract.Entity{}
	}
	if a.Places == nil {
		a.Places = []extract.Place{}
	}
	if a.Dates == nil {
		a.Dates = []extract.Date{}
	}
	if a.Events == nil {
		a.Events = []geo.Record{}
	}
	return a
}

// progress prints a running count on stderr when stderr is a terminal;
// redirected to a file it stays quiet, so logs hold only real messages.
type progress struct {
	w     io.Writer
	on    bool
	n     int
	start time.Time
	last  time.Time
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.on = true
		}
	}
	return p
}

func (p *progress) add(n int) {
	p.n += n
	if !p.on || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	rate := float64(p.n) / time.Since(p.start).Seconds()
	fmt.Fprintf(p.w, "\rgeoparse: %d documents, %.0f/s ", p.n, rate)
}

func (p *progress) clear() {
	if p.on && !p.last.IsZero() {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func (p *progress) done() {
	if p.on && !p.last.IsZero() {
		p.clear()
		fmt.Fprintf(p.w, "geoparse: %d documents in %s\n", p.n, time.Since(p.start).Round(time.Millisecond))
	}
}

// configDate reads a date setting. YAML and TOML config files turn an
// unquoted 2022-09-14 into a timestamp; flags and the environment give a
// string.
func configDate(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case time.Time:
		return x.Format("2006-01-02")
	default:
		return strings.TrimSpace(fmt.Sprint(x))
	}
}
