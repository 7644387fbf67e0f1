// Command geoparse-beam runs geoparse extract as an Apache Beam pipeline:
// text and JSONL articles in, GeoJSONSeq shards and a JSON Lines errors
// file out, on any Beam runner (prism, the default, runs it in this
// process; dataflow, flink and spark take Beam's own flags).
//
//	geoparse-beam --input 'corpus/*.jsonl' --output out/events \
//	    --errors out/errors.jsonl --shards 4
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	// s3:// inputs and outputs; beamx registers local and gs:// itself.
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3"

	"github.com/geoparse/geoparse/beam/pipeline"
	"github.com/geoparse/geoparse/extract"
)

// listFlag is a repeatable flag whose values may also be comma lists.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

var (
	inputs      listFlag
	inputFormat = flag.String("input-format", string(extract.InputAuto), "how to read input files: auto (.jsonl and .ndjson are JSONL, .json one JSON document, the rest one article a file; .gz read decompressed), text, jsonl, json")
	output      = flag.String("output", "", "prefix of the GeoJSONSeq shards: PREFIX-00000-of-NNNNN.geojsonl (local path, gs:// or s3://)")
	errorsPath  = flag.String("errors", "", "JSON Lines file of per-document errors (id, file, line, message); default OUTPUT-errors.jsonl")
	gazetteer   = flag.String("gazetteer", "", "gazetteer index folder present on every worker (default: the embedded one)")
	published   = flag.String("published", "", "publication date (YYYY-MM-DD) for documents that carry none")
	shards      = flag.Int("shards", 1, "number of GeoJSONSeq output shards")
	maxArticle  = flag.Int64("max-article", extract.DefaultMaxArticle, "largest article read, in bytes (a text file or one JSONL line); larger ones go to the errors file")
)

func init() {
	flag.Var(&inputs, "input", "input file or glob (local, gs://, s3://); repeatable or a comma list")
}

func main() {
	flag.Parse()
	// Init before anything else runs: on a remote worker it takes over
	// and runs the worker harness instead of main's pipeline.
	beam.Init()
	if err := run(context.Background()); err != nil {
		fmt.Fprintf(os.Stderr, "geoparse-beam: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	c := pipeline.Config{
		Inputs:     inputs,
		Mode:       extract.InputMode(*inputFormat),
		Output:     *output,
		Errors:     *errorsPath,
		Shards:     *shards,
		Gazetteer:  *gazetteer,
		Published:  *published,
		MaxArticle: *maxArticle,
	}
	if c.Errors == "" && c.Output != "" {
		c.Errors = c.Output + "-errors.jsonl"
	}
	p, s := beam.NewPipelineWithRoot()
	if err := pipeline.Build(s, c); err != nil {
		return err
	}
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		return fmt.Errorf("run: %w", err)
	}
	// Remote runners may return before the job ends, without metrics.
	if n := pipeline.Counters(res); len(n) > 0 {
		fmt.Fprintf(os.Stderr, "geoparse-beam: %d articles, %d features, %d errors\n",
			n[pipeline.CounterArticles], n[pipeline.CounterFeatures], n[pipeline.CounterErrors])
	}
	return nil
}
