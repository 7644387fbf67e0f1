package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/geoparse/geoparse/beam/pipeline"
)

// copyFixture copies names from the main module's testdata/articles
// into dir.
func copyFixture(t *testing.T, dir string, names ...string) {
	t.Helper()
	src := filepath.Join(repoRoot(t), "testdata", "articles")
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runCLI runs the geoparse binary with args and returns its exit status
// and stderr; change, if not nil, adjusts the command first.
func runCLI(t *testing.T, change func(*exec.Cmd), args ...string) (int, string) {
	t.Helper()
	return runCommand(t, buildCLI(t), change, args...)
}

// runCommand runs bin with args, with a bounded time, and returns its
// exit status and stderr.
func runCommand(t *testing.T, bin string, change func(*exec.Cmd), args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if change != nil {
		change(cmd)
	}
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, stderr.String()
	case errors.As(err, &ee) && ee.ExitCode() >= 0:
		return ee.ExitCode(), stderr.String()
	}
	t.Fatalf("%s %s: %v\n%s", filepath.Base(bin), strings.Join(args, " "), err, stderr.String())
	return -1, ""
}

// runPipeline builds and runs c on Prism, in this process, and returns
// its counters.
func runPipeline(t *testing.T, c pipeline.Config) map[string]int64 {
	t.Helper()
	p, s := beam.NewPipelineWithRoot()
	if err := pipeline.Build(s, c); err != nil {
		t.Fatal(err)
	}
	// A run that blocks (on a named pipe, say) fails instead of hanging
	// the test binary.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	res, err := beam.Run(ctx, "prism", p)
	if err != nil {
		t.Fatalf("prism: %v", err)
	}
	return pipeline.Counters(res)
}

// beamConfig is the configuration of a run over globs whose outputs go
// to out.
func beamConfig(out string, globs ...string) pipeline.Config {
	return pipeline.Config{
		Inputs: globs,
		Output: filepath.Join(out, "beam"),
		Errors: filepath.Join(out, "beam-errors.jsonl"),
	}
}

// errorRecords reads an errors file: its records sorted by file, line and
// id, each checked to be the CLI's shape.
func errorRecords(t *testing.T, path string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	for _, l := range lines(t, path) {
		var r map[string]any
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%s: %q: %v", path, l, err)
		}
		for _, k := range []string{"id", "file", "message", "source"} {
			if _, ok := r[k].(string); !ok {
				t.Errorf("%s: %q has no string %q", path, l, k)
			}
		}
		recs = append(recs, r)
	}
	return recs
}

// recordFor returns the record of errors whose file is file, or nil.
func recordFor(recs []map[string]any, file string) map[string]any {
	i := slices.IndexFunc(recs, func(r map[string]any) bool { return r["file"] == file })
	if i < 0 {
		return nil
	}
	return recs[i]
}

// sameLines reports, as a test error, how two sorted sets of lines differ.
func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s differ from geoparse extract's:\n got %d:\n%s\nwant %d:\n%s", what, len(got), strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
	}
}
