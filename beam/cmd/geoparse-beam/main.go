// Command geoparse-beam runs geoparse extract as an Apache Beam pipeline:
// text and JSONL articles in, GeoJSONSeq shards and a JSON Lines errors
// file out, on any Beam runner (prism, the default, runs it in this
// process; dataflow, flink and spark take Beam's own flags).
//
//	geoparse-beam --input 'corpus/*.jsonl' --output out/events \
//	    --errors out/errors.jsonl --shards 4
//
// Its exit status is geoparse extract's: 0 when every document was
// extracted, 1 when some failed (they are in the errors file) or the run
// failed, 2 for a bad command line, 130 when SIGINT or SIGTERM stopped it.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/options/jobopts"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners"
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
	flag.Parse() // a bad flag exits with status 2, as a usage error
	// Init before anything else runs: on a remote worker it takes over
	// and runs the worker harness instead of main's pipeline.
	beam.Init()
	ctx, cancel := context.WithCancel(context.Background())
	go onSignal(cancel, inProcess())
	os.Exit(run(ctx, os.Stderr))
}

// inProcess says whether the job runs in this process: Prism (the
// default) or the direct runner, without a job server's endpoint. It must
// be asked before the run, which sets the endpoint of the Prism it starts.
func inProcess() bool {
	switch *runners.Runner {
	case "", "prism", "direct":
		return *jobopts.Endpoint == ""
	}
	return false
}

// onSignal handles SIGINT and SIGTERM. A job in this process stops with
// the process, at once: cancelling it instead can make Prism panic (exit
// status 2) when it comes while Prism starts its workers, and an output
// file appears whole or not at all, so none is left partial under its
// name. A job elsewhere is cancelled through ctx, and the run reports it;
// a second signal stops the wait for that.
func onSignal(cancel context.CancelFunc, inProcess bool) {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	<-sigs
	if !inProcess {
		cancel()
		<-sigs
	}
	fmt.Fprintln(os.Stderr, "geoparse-beam: interrupted; the outputs are incomplete")
	os.Exit(pipeline.ExitInterrupted)
}

// run runs the pipeline of the flags and returns the exit status.
func run(ctx context.Context, stderr io.Writer) int {
	fail := func(err error) int {
		fmt.Fprintf(stderr, "geoparse-beam: %v\n", err)
		code := pipeline.ExitStatus(err, 0, ctx.Err() != nil)
		if code == pipeline.ExitUsage {
			fmt.Fprintln(stderr, "Run 'geoparse-beam --help' for usage.")
		}
		return code
	}
	if flag.NArg() > 0 {
		return fail(&pipeline.ConfigError{Err: fmt.Errorf("unexpected argument %q: give inputs with --input", flag.Arg(0))})
	}
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
		return fail(err)
	}
	res, err := beamx.RunWithMetrics(ctx, p)
	if ctx.Err() != nil {
		return fail(fmt.Errorf("interrupted; the outputs are incomplete: %w", ctx.Err()))
	}
	if err != nil {
		return fail(fmt.Errorf("run: %w", err))
	}
	n := pipeline.Counters(res)
	if len(n) > 0 {
		fmt.Fprintf(stderr, "geoparse-beam: %d articles, %d features, %d errors\n",
			n[pipeline.CounterArticles], n[pipeline.CounterFeatures], n[pipeline.CounterErrors])
	}
	if *jobopts.Async || *runners.Runner == "dot" {
		// The job was submitted, or only drawn: its outcome is not
		// known here.
		fmt.Fprintf(stderr, "geoparse-beam: the job runs on; %s lists the documents that fail\n", c.Errors)
		return pipeline.ExitOK
	}
	// The errors file decides, as it does for geoparse extract: some
	// documents failed if it has records.
	failed, err := pipeline.CountErrors(ctx, c.Errors)
	if err != nil {
		return fail(fmt.Errorf("the run ended, but its errors file cannot be read: %w", err))
	}
	if failed > 0 {
		msg := fmt.Sprintf("%d documents failed", failed)
		if total := n[pipeline.CounterArticles]; total > 0 {
			msg = fmt.Sprintf("%d of %d documents failed", failed, total)
		}
		fmt.Fprintf(stderr, "geoparse-beam: %s; see %s\n", msg, c.Errors)
	}
	return pipeline.ExitStatus(nil, failed, false)
}
