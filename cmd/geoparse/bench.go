package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/jdkato/prose/v2"
	"github.com/spf13/cobra"

	"github.com/geoparse/geoparse/extract"
)

func (a *app) benchCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench [flags] [PATH...]",
		Short: "Measure extraction speed on articles, side by side with prose v2",
		Long: `Measure extraction speed on articles: articles/s and tokens/s over
--workers goroutines, per-article latency (p50, p99), the time from start
to the first result, and peak resident memory. The same articles then go
through prose v2's NewDocument (tokenizer, segmenter, tagger and entity
model, its model built once and reused), for comparison in the same run.

PATH is read as by 'geoparse extract'; the default is the fixture articles
in testdata/articles when run from the repository.`,
		Example: `  geoparse bench testdata/articles
  geoparse bench --seconds 10 --workers 1 ../shared/samples`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runBench(cmd.Context(), args)
		},
	}
	f := cmd.Flags()
	f.Int("workers", runtime.GOMAXPROCS(0), "goroutines sharing one Extractor")
	f.Float64("seconds", 3, "how long to run geoparse (whole passes over the articles, at least one)")
	f.Int("article-bytes", 0, "join consecutive articles into ones of about this size (0: as they are), to measure longer articles")
	f.Float64("prose-seconds", 3, "how long to run prose (0: skip it)")
	f.String("input", string(modeAuto), "how to read PATHs: auto, text, jsonl, json")
	f.String("published", "2024-01-01", "publication date for articles that carry none")
	f.String("gazetteer", "", "gazetteer index folder (default: the embedded one)")
	f.String("cpuprofile", "", "write a CPU profile of the geoparse run to this file, for go tool pprof")
	return cmd
}

// startCPUProfile starts a CPU profile into path ("" for none); the
// function it returns stops it and closes the file.
func startCPUProfile(path string) (stop func() error, err error) {
	if path == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("bench: cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("bench: cpu profile: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return fmt.Errorf("bench: cpu profile: %w", err)
		}
		return nil
	}, nil
}

// benchStats summarizes one measured run.
type benchStats struct {
	articles, tokens int
	wall             time.Duration
	latencies        []time.Duration
}

func (s benchStats) perSecond(n int) float64 { return float64(n) / s.wall.Seconds() }

func (s benchStats) percentile(p float64) time.Duration {
	if len(s.latencies) == 0 {
		return 0
	}
	l := append([]time.Duration(nil), s.latencies...)
	sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	return l[int(p*float64(len(l)-1)+0.5)]
}

func (a *app) runBench(ctx context.Context, paths []string) error {
	start := time.Now()
	v := a.v
	workers := max(v.GetInt("workers"), 1)
	mode, err := parseInputMode(v.GetString("input"))
	if err != nil {
		return usageError(fmt.Errorf("%s: %w", a.setting("input"), err))
	}
	if len(paths) == 0 {
		paths = []string{"testdata/articles"}
	}
	var docs []extract.Document
	readInputs(ctx, paths, mode, defaultMaxArticle, a.stdin, func(doc extract.Document, src source, err error) bool {
		if err != nil {
			fmt.Fprintf(a.stderr, "geoparse: %s: %v (skipped)\n", src, err)
			return true
		}
		if doc.Published == "" {
			doc.Published = configString(v.Get("published"))
		}
		docs = append(docs, doc)
		return true
	})
	if n := v.GetInt("article-bytes"); n > 0 {
		docs = joinArticles(docs, n)
	}
	if len(docs) == 0 {
		return errors.New("bench: no articles to run on")
	}
	ex, err := newExtractor(extractConfig{gazetteer: v.GetString("gazetteer")})
	if err != nil {
		return err
	}
	if _, err := ex.Extract(ctx, docs[0]); err != nil {
		return fmt.Errorf("bench: %s: %w", docs[0].ID, err)
	}
	firstResult := time.Since(start)

	stopProfile, err := startCPUProfile(v.GetString("cpuprofile"))
	if err != nil {
		return err
	}
	geo, err := benchRun(ctx, docs, workers, seconds(v.GetFloat64("seconds")), func(d extract.Document) (int, error) {
		res, err := ex.Extract(ctx, d)
		return len(res.Tokens), err
	})
	if perr := stopProfile(); err == nil {
		err = perr
	}
	if err != nil {
		return err
	}
	peakGeoparse := peakRSS()

	var pr benchStats
	proseSecs := v.GetFloat64("prose-seconds")
	if proseSecs > 0 {
		// prose builds its model on first use (about 0.5 s); build it once
		// and reuse it, as a fair user would.
		warm, err := prose.NewDocument(docs[0].Text)
		if err != nil {
			return fmt.Errorf("bench: prose: %w", err)
		}
		model := warm.Model
		pr, err = benchRun(ctx, docs, workers, seconds(proseSecs), func(d extract.Document) (int, error) {
			pd, err := prose.NewDocument(d.Text, prose.UsingModel(model))
			if err != nil {
				return 0, err
			}
			return len(pd.Tokens()), nil
		})
		if err != nil {
			return err
		}
	}

	bytes := 0
	for _, d := range docs {
		bytes += len(d.Text)
	}
	fmt.Fprintf(a.stdout, "%d articles (%.1f KB on average), %d workers, GOMAXPROCS %d\n\n",
		len(docs), float64(bytes)/float64(len(docs))/1024, workers, runtime.GOMAXPROCS(0))
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tarticles\tarticles/s\ttokens/s\tp50 ms\tp99 ms\t")
	row := func(name string, s benchStats) {
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.0f\t%.3f\t%.3f\t\n", name, s.articles, s.perSecond(s.articles), s.perSecond(s.tokens),
			ms(s.percentile(0.5)), ms(s.percentile(0.99)))
	}
	row("geoparse", geo)
	if pr.articles > 0 {
		row("prose v2 NewDocument", pr)
	}
	tw.Flush()
	fmt.Fprintln(a.stdout)
	if pr.articles > 0 {
		fmt.Fprintf(a.stdout, "geoparse is %.0f× prose v2 in articles/s\n", geo.perSecond(geo.articles)/pr.perSecond(pr.articles))
	}
	fmt.Fprintf(a.stdout, "start to first result: %.0f ms in this process", ms(firstResult))
	if cold, err := a.firstRecordLatency(ctx, docs[0]); err == nil {
		fmt.Fprintf(a.stdout, "; a new 'geoparse extract' process: %.0f ms to its first record (median of %d)", ms(cold), coldRuns)
	} else {
		fmt.Fprintf(a.stdout, " (a new process not timed: %v)", err)
	}
	fmt.Fprintln(a.stdout)
	fmt.Fprintf(a.stdout, "peak resident memory: %.0f MB after geoparse", float64(peakGeoparse)/(1<<20))
	if pr.articles > 0 {
		fmt.Fprintf(a.stdout, ", %.0f MB after prose", float64(peakRSS())/(1<<20))
	}
	fmt.Fprintln(a.stdout)
	return nil
}

// joinArticles joins consecutive articles, in order, into articles of
// size ±15%: an article longer than that is left out, and one that would
// take the joined one beyond it starts the next.
func joinArticles(docs []extract.Document, size int) []extract.Document {
	lo, hi := size*85/100, size*115/100
	var out []extract.Document
	var cur *extract.Document
	for _, d := range docs {
		switch {
		case len(d.Text) > hi:
			continue
		case cur != nil && len(cur.Text)+2+len(d.Text) <= hi:
			cur.Text += "\n\n" + d.Text
		default:
			c := d
			cur = &c
		}
		if len(cur.Text) >= lo {
			out = append(out, *cur)
			cur = nil
		}
	}
	return out
}

// coldRuns is how many new processes firstRecordLatency starts.
const coldRuns = 5

// benchChildEnv marks the processes that firstRecordLatency starts.
const benchChildEnv = "GEOPARSE_BENCH_CHILD"

// firstRecordLatency runs 'geoparse extract' on doc in a new process, as a
// user would, and times it from the start of the process to the first
// byte of its output: the runtime, package initialization, the models and
// the gazetteer included. It returns the median of coldRuns runs.
func (a *app) firstRecordLatency(ctx context.Context, doc extract.Document) (time.Duration, error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	// Under 'go test' the executable is the test binary, not geoparse; and
	// a child must never time children of its own.
	if strings.HasSuffix(exe, ".test") || os.Getenv(benchChildEnv) != "" {
		return 0, errors.New("not run from the geoparse binary")
	}
	line, err := json.Marshal(doc)
	if err != nil {
		return 0, err
	}
	dir, err := os.MkdirTemp("", "geoparse-bench-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "article.jsonl")
	if err := os.WriteFile(in, append(line, '\n'), 0o644); err != nil {
		return 0, err
	}
	args := []string{"extract", "--format", "jsonl", "--input", "jsonl"}
	if g := a.v.GetString("gazetteer"); g != "" {
		args = append(args, "--gazetteer", g)
	}
	var times []time.Duration
	for range coldRuns {
		cmd := exec.CommandContext(ctx, exe, append(args, in)...)
		cmd.Env = append(os.Environ(), benchChildEnv+"=1")
		out, err := cmd.StdoutPipe()
		if err != nil {
			return 0, err
		}
		t0 := time.Now()
		if err := cmd.Start(); err != nil {
			return 0, err
		}
		var b [1]byte
		_, rerr := io.ReadFull(out, b[:])
		d := time.Since(t0)
		_, _ = io.Copy(io.Discard, out)
		if err := cmd.Wait(); err != nil {
			return 0, err
		}
		if rerr != nil {
			return 0, fmt.Errorf("no output: %w", rerr)
		}
		times = append(times, d)
	}
	slices.Sort(times)
	return times[len(times)/2], nil
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// benchRun runs fn over docs on workers goroutines in whole passes until
// budget has passed (at least one pass), timing each call.
//
// The workers claim articles from one atomic counter and keep their own
// figures: a feeding goroutine handing articles over an unbuffered
// channel, as before, cost a wake-up of a sleeping worker per article
// (futex calls and scheduler work were 5% of a geoparse profile at half a
// millisecond an article), which measured the handoff rather than fn. A
// pass is started, or not, when its first article is claimed.
func benchRun(ctx context.Context, docs []extract.Document, workers int, budget time.Duration, fn func(extract.Document) (int, error)) (benchStats, error) {
	var (
		next    atomic.Int64 // the next article to claim, counted over all passes
		allowed atomic.Int64 // the last pass started
		mu      sync.Mutex   // taken to decide whether a pass starts
		stopped bool         // budget spent: no pass after allowed
		first   error
	)
	n := int64(len(docs))
	start := time.Now()
	// mayRun reports whether the claimed article i may run, starting its
	// pass if it is the first to need it and the budget allows.
	mayRun := func(i int64) bool {
		p := i / n
		if p <= allowed.Load() {
			return true
		}
		mu.Lock()
		defer mu.Unlock()
		if p > allowed.Load() && !stopped {
			if time.Since(start) < budget && ctx.Err() == nil {
				allowed.Store(p)
			} else {
				stopped = true
			}
		}
		return p <= allowed.Load()
	}
	per := make([]benchStats, workers)
	var wg sync.WaitGroup
	for w := range per {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := &per[w]
			for {
				i := next.Add(1) - 1
				if !mayRun(i) {
					return
				}
				d := docs[i%n]
				t0 := time.Now()
				tokens, err := fn(d)
				st.latencies = append(st.latencies, time.Since(t0))
				st.articles++
				st.tokens += tokens
				if err != nil {
					mu.Lock()
					if first == nil {
						first = fmt.Errorf("bench: %s: %w", d.ID, err)
					}
					stopped = true
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	var stats benchStats
	stats.wall = time.Since(start)
	for _, st := range per {
		stats.articles += st.articles
		stats.tokens += st.tokens
		stats.latencies = append(stats.latencies, st.latencies...)
	}
	if first != nil {
		return stats, first
	}
	if err := ctx.Err(); err != nil {
		return stats, err
	}
	return stats, nil
}

// peakRSS returns the process's peak resident set size in bytes.
func peakRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024 // kilobytes on Linux
}
