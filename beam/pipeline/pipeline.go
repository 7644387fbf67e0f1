package pipeline

import (
	"errors"
	"fmt"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/metrics"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"

	"github.com/geoparse/geoparse/extract"
)

// Config is one run of the pipeline.
type Config struct {
	// Inputs are file globs on any registered Beam filesystem: local
	// paths, gs://, s3://. A glob that matches nothing reads nothing; a
	// path without wildcards that does not exist fails the run.
	Inputs []string
	// Mode says how to read the input files; empty means auto (.jsonl
	// and .ndjson are JSONL, the rest one text article a file).
	Mode extract.InputMode
	// Output is the prefix of the GeoJSONSeq shards, written as
	// OUTPUT-00000-of-00004.geojsonl.
	Output string
	// Errors is the JSON Lines file of per-document errors (id, file,
	// line, message), as geoparse extract --errors writes it. It is
	// written, empty, when no document failed.
	Errors string
	// Shards is the number of output shards; < 1 means 1.
	Shards int
	// Gazetteer is a gazetteer index folder that every worker can open;
	// empty means the gazetteer embedded in the binary.
	Gazetteer string
	// Published is the publication date (YYYY-MM-DD) of the documents
	// that carry none.
	Published string
	// MaxArticle bounds one article (a text file or a JSONL line) in
	// bytes; <= 0 means extract.DefaultMaxArticle.
	MaxArticle int64
}

// Counters of the pipeline, in namespace Namespace: articles read (good
// and bad), features written, and documents that failed.
const (
	Namespace       = "geoparse"
	CounterArticles = "articles"
	CounterFeatures = "features"
	CounterErrors   = "errors"
)

var (
	articlesCounter = beam.NewCounter(Namespace, CounterArticles)
	featuresCounter = beam.NewCounter(Namespace, CounterFeatures)
	errorsCounter   = beam.NewCounter(Namespace, CounterErrors)
)

// check reports what is wrong with c before anything runs, and fills in
// its defaults.
func (c *Config) check() error {
	if len(c.Inputs) == 0 {
		return errors.New("no input: give at least one file or glob")
	}
	if c.Output == "" {
		return errors.New("no output prefix")
	}
	if c.Errors == "" {
		return errors.New("no errors file")
	}
	mode, err := extract.ParseInputMode(string(c.Mode))
	if err != nil {
		return fmt.Errorf("--input-format: %w", err)
	}
	c.Mode = mode
	if c.Shards < 1 {
		c.Shards = 1
	}
	if c.Published != "" {
		t, err := time.Parse("2006-01-02", c.Published)
		if err != nil {
			return fmt.Errorf("published date %q: want YYYY-MM-DD", c.Published)
		}
		c.Published = t.Format("2006-01-02")
	}
	return nil
}

// ShardNames returns the files the GeoJSONSeq output of c goes to.
func (c Config) ShardNames() []string {
	n := max(c.Shards, 1)
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%s-%05d-of-%05d.geojsonl", c.Output, i, n)
	}
	return names
}

// Build adds the pipeline of c to s: match the input globs, read
// documents file by file, reshuffle them over the workers, extract, and
// write the features and the errors.
func Build(s beam.Scope, c Config) error {
	if err := c.check(); err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	s = s.Scope("geoparse")
	globs := beam.Create(s, toAny(c.Inputs)...)
	// Uncompressed, as the CLI reads them: a .gz file would otherwise be
	// read as a text article or JSONL by a name the CLI does not know.
	files := fileio.ReadMatches(s, fileio.MatchAll(s, globs), fileio.ReadUncompressed())
	docs, readErrs := beam.ParDo2(s, &readFn{Mode: c.Mode, MaxArticle: c.MaxArticle}, files)
	docs = beam.Reshuffle(s, docs)
	features, extractErrs := beam.ParDo2(s, &extractFn{Gazetteer: c.Gazetteer, Published: c.Published}, docs)
	errs := beam.Flatten(s, readErrs, extractErrs)
	writeFiles(s.Scope("features"), features, c.ShardNames())
	writeFiles(s.Scope("errors"), errs, []string{c.Errors})
	return nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// Counters sums the pipeline's counters over its steps, by name
// (CounterArticles, CounterFeatures, CounterErrors). A runner that
// reports no metrics gives an empty map.
func Counters(res beam.PipelineResult) map[string]int64 {
	sums := map[string]int64{}
	if res == nil {
		return sums
	}
	q := res.Metrics().Query(func(r metrics.SingleResult) bool { return r.Namespace() == Namespace })
	for _, c := range q.Counters() {
		sums[c.Name()] += c.Result()
	}
	return sums
}
