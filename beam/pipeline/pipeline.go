package pipeline

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/metrics"

	"github.com/geoparse/geoparse/extract"
)

// Config is one run of the pipeline.
type Config struct {
	// Inputs are file globs on any registered Beam filesystem: local
	// paths, gs://, s3://. A glob that matches nothing reads nothing; a
	// path without wildcards that names no file, a file that cannot be
	// opened and a local file that is not a regular file are each an
	// error record, as geoparse extract reports them, and the rest is
	// still read.
	Inputs []string
	// Mode says how to read the input files; empty means auto (.jsonl
	// and .ndjson are JSONL, .json one JSON document, the rest one text
	// article a file).
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
	// bytes; <= 0 means extract.DefaultMaxArticle. It is also the bound
	// on a document element: nothing larger is read into memory.
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

// ConfigError is a configuration that Build rejects: nothing was run. A
// command reports it as a usage error (exit status ExitUsage).
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

// check reports what is wrong with c before anything runs, and fills in
// its defaults.
func (c *Config) check() error {
	if len(c.Inputs) == 0 {
		return errors.New("no input: give at least one file or glob")
	}
	for _, in := range c.Inputs {
		// A malformed pattern would otherwise fail the job on a worker,
		// after the submission; it is the command line's fault.
		if _, err := filepath.Match(in, ""); err != nil {
			return fmt.Errorf("input %q: %w", in, err)
		}
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
	if c.MaxArticle <= 0 {
		c.MaxArticle = extract.DefaultMaxArticle
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

// Build adds the pipeline of c to s. A configuration error is a
// *ConfigError.
//
// The stages, and why they are cut where they are:
//
//  1. match: the globs become one element a file (size known), or an
//     error record for what cannot be read; one bad file never fails the
//     job, as it does not fail geoparse extract.
//  2. Reshuffle the files: Create, match and read would otherwise fuse
//     into one bundle, and one worker would read every file in turn.
//  3. read: one element a document, never larger than MaxArticle (a
//     larger article is an error record, read past without being kept).
//     A file is read by one worker, front to back: a JSONL document is
//     named by its line number (its source property and error record),
//     which only a sequential read can count, and reading and parsing
//     run at about 150 MB/s, some 50 times faster than extraction on
//     one core: a byte-range split would buy little for its cost.
//  4. Reshuffle the documents, so that extraction, the costly step,
//     spreads over all workers whatever the sizes of the files: the
//     documents of one big file are extracted everywhere.
//  5. extract, then write the shards and the errors file, each
//     atomically (see writeFiles).
func Build(s beam.Scope, c Config) error {
	token, err := jobToken()
	if err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	return build(s, c, token)
}

// build is Build with the job's token for its temporary files.
func build(s beam.Scope, c Config, token string) error {
	if err := c.check(); err != nil {
		return fmt.Errorf("pipeline: %w", &ConfigError{err})
	}
	s = s.Scope("geoparse")
	globs := beam.Create(s, toAny(c.Inputs)...)
	files, matchErrs := beam.ParDo2(s, &matchFn{}, globs)
	files = beam.Reshuffle(s, files)
	docs, readErrs := beam.ParDo2(s, &readFn{Mode: c.Mode, MaxArticle: c.MaxArticle}, files)
	docs = beam.Reshuffle(s, docs)
	features, extractErrs := beam.ParDo2(s, &extractFn{Gazetteer: c.Gazetteer, Published: c.Published}, docs)
	errs := beam.Flatten(s, matchErrs, readErrs, extractErrs)
	doneFeatures := writeFiles(s.Scope("features"), features, c.ShardNames(), token)
	doneErrors := writeFiles(s.Scope("errors"), errs, []string{c.Errors}, token)
	removeStrayTemps(s.Scope("cleanup"), append(c.ShardNames(), c.Errors), token, doneFeatures, doneErrors)
	return nil
}

// jobToken names the temporary files of one job: the job's last step
// finds by it what its killed attempts left, and never touches another
// job's (one may be writing to the same folder).
func jobToken() (string, error) {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("job token: %w", err)
	}
	return hex.EncodeToString(b), nil
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
