package pipeline_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"

	"github.com/geoparse/geoparse/beam/pipeline"
	"github.com/geoparse/geoparse/extract"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	code := m.Run()
	for _, bin := range []string{cliPath, beamPath} { // built by buildCLI and buildBeam
		if bin != "" {
			os.RemoveAll(filepath.Dir(bin))
		}
	}
	os.Exit(code)
}

// repoRoot is the main module's folder, the parent of the beam module.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "cmd", "geoparse", "main.go")); err != nil {
		t.Fatalf("main module not found at %s: %v", root, err)
	}
	return root
}

var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
)

// buildCLI builds the geoparse binary of this checkout once per test run:
// the pipeline is checked against the real `geoparse extract`.
func buildCLI(t *testing.T) string {
	t.Helper()
	root := repoRoot(t)
	cliOnce.Do(func() {
		dir, err := os.MkdirTemp("", "geoparse-cli-")
		if err != nil {
			cliErr = err
			return
		}
		cliPath = filepath.Join(dir, "geoparse")
		cmd := exec.Command("go", "build", "-o", cliPath, "./cmd/geoparse")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			cliErr = errors.New("go build ./cmd/geoparse: " + err.Error() + "\n" + string(out))
		}
	})
	if cliErr != nil {
		t.Fatal(cliErr)
	}
	return cliPath
}

// extraJSONL adds what batch.jsonl lacks: a line without an id (named
// FILE:LINE), a blank line, a numeric id and a bad date.
const extraJSONL = `{"text": "A fire broke out in the port of Patras on Monday, the fire brigade said."}

{"id": 7, "text": "Floods hit Lyon and Grenoble on Tuesday after days of rain."}
{"id": "bad-date", "published": "yesterday", "text": "Protests in Athens."}
`

// fixtures lays a small batch in a temporary folder: the project's own
// articles (batch.jsonl has a malformed line 2 and an empty text on line
// 3) and extra.jsonl.
func fixtures(t *testing.T) string {
	t.Helper()
	src := filepath.Join(repoRoot(t), "testdata", "articles")
	dir := t.TempDir()
	for _, name := range []string{"harbor-fire.txt", "lyon-floods.txt", "paris-texas.txt", "batch.jsonl"} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "extra.jsonl"), []byte(extraJSONL), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// lines returns the sorted lines of files; order across shards, and
// within one, is the runner's.
func lines(t *testing.T, files ...string) []string {
	t.Helper()
	var out []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			out = append(out, sc.Text())
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(out)
	return out
}

// TestPipelineMatchesCLI runs the pipeline on Prism, in process, and
// geoparse extract on the same files: the features and the error records
// must be the same sets, the malformed line among the errors.
func TestPipelineMatchesCLI(t *testing.T) {
	cli := buildCLI(t)
	dir := fixtures(t)
	txt, jsonl := filepath.Join(dir, "*.txt"), filepath.Join(dir, "*.jsonl")
	all := []string{"harbor-fire.txt", "lyon-floods.txt", "paris-texas.txt", "batch.jsonl", "extra.jsonl"}
	for _, tc := range []struct {
		name      string
		globs     []string
		files     []string // the same inputs, for the CLI
		mode      string
		published string
		shards    int
		articles  int64
	}{
		{"auto, one shard", []string{txt, jsonl}, all, "", "", 1, 3 + 4 + 3},
		{"jsonl, three shards, default date", []string{jsonl}, all[3:], "jsonl", "2022-09-14", 3, 4 + 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()

			args := []string{"extract", "--format", "geojsonseq", "-o", filepath.Join(out, "cli.geojsonl"), "--errors", filepath.Join(out, "cli-errors.jsonl")}
			if tc.mode != "" {
				args = append(args, "--input", tc.mode)
			}
			if tc.published != "" {
				args = append(args, "--published", tc.published)
			}
			for _, f := range tc.files {
				args = append(args, filepath.Join(dir, f))
			}
			cmd := exec.Command(cli, args...)
			msg, err := cmd.CombinedOutput()
			// Status 1: some documents failed, the rest was written.
			if ee := (*exec.ExitError)(nil); !errors.As(err, &ee) || ee.ExitCode() != 1 {
				t.Fatalf("geoparse extract: %v, want exit status 1\n%s", err, msg)
			}

			c := pipeline.Config{
				Inputs:    tc.globs,
				Mode:      extract.InputMode(tc.mode),
				Output:    filepath.Join(out, "beam"),
				Errors:    filepath.Join(out, "beam-errors.jsonl"),
				Shards:    tc.shards,
				Published: tc.published,
			}
			p, s := beam.NewPipelineWithRoot()
			if err := pipeline.Build(s, c); err != nil {
				t.Fatal(err)
			}
			res, err := beam.Run(context.Background(), "prism", p)
			if err != nil {
				t.Fatalf("prism: %v", err)
			}

			shards := c.ShardNames()
			if len(shards) != tc.shards {
				t.Fatalf("%d shard names, want %d", len(shards), tc.shards)
			}
			got, want := lines(t, shards...), lines(t, filepath.Join(out, "cli.geojsonl"))
			if len(want) == 0 {
				t.Fatal("the CLI wrote no features: the fixture proves nothing")
			}
			if !slices.Equal(got, want) {
				t.Errorf("features differ from geoparse extract:\n got %d: %s\nwant %d: %s", len(got), strings.Join(got, "\n"), len(want), strings.Join(want, "\n"))
			}
			gotErr, wantErr := lines(t, c.Errors), lines(t, filepath.Join(out, "cli-errors.jsonl"))
			if !slices.Equal(gotErr, wantErr) {
				t.Errorf("errors differ from geoparse extract:\n got %s\nwant %s", strings.Join(gotErr, "\n"), strings.Join(wantErr, "\n"))
			}
			malformed := false
			for _, l := range gotErr {
				var r extract.ErrorRecord
				if err := json.Unmarshal([]byte(l), &r); err != nil {
					t.Fatalf("errors line %q: %v", l, err)
				}
				if r.File == filepath.Join(dir, "batch.jsonl") && r.Line == 2 && strings.HasPrefix(r.Message, "malformed JSON") {
					malformed = true
				}
			}
			if !malformed {
				t.Errorf("batch.jsonl:2, the malformed line, is not in the errors output:\n%s", strings.Join(gotErr, "\n"))
			}

			n := pipeline.Counters(res)
			wantN := map[string]int64{
				pipeline.CounterArticles: tc.articles,
				pipeline.CounterFeatures: int64(len(want)),
				pipeline.CounterErrors:   int64(len(wantErr)),
			}
			for name, w := range wantN {
				if n[name] != w {
					t.Errorf("counter %s = %d, want %d", name, n[name], w)
				}
			}
		})
	}
}

// TestBuildRejects checks that a bad configuration fails at construction,
// before a job is submitted.
func TestBuildRejects(t *testing.T) {
	ok := pipeline.Config{Inputs: []string{"in/*.jsonl"}, Output: "out/events", Errors: "out/errors.jsonl"}
	for _, tc := range []struct {
		name   string
		change func(*pipeline.Config)
		want   string
	}{
		{"no input", func(c *pipeline.Config) { c.Inputs = nil }, "no input"},
		{"no output", func(c *pipeline.Config) { c.Output = "" }, "no output"},
		{"no errors file", func(c *pipeline.Config) { c.Errors = "" }, "no errors file"},
		{"input mode", func(c *pipeline.Config) { c.Mode = "csv" }, `--input-format: "csv": want auto, text, jsonl or json`},
		{"published", func(c *pipeline.Config) { c.Published = "14/09/2022" }, "want YYYY-MM-DD"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := ok
			tc.change(&c)
			_, s := beam.NewPipelineWithRoot()
			err := pipeline.Build(s, c)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Build: %v, want an error with %q", err, tc.want)
			}
		})
	}
	_, s := beam.NewPipelineWithRoot()
	if err := pipeline.Build(s, ok); err != nil {
		t.Errorf("Build of a good config: %v", err)
	}
}

func TestShardNames(t *testing.T) {
	for _, tc := range []struct {
		shards int
		want   []string
	}{
		{0, []string{"gs://b/ev-00000-of-00001.geojsonl"}},
		{2, []string{"gs://b/ev-00000-of-00002.geojsonl", "gs://b/ev-00001-of-00002.geojsonl"}},
	} {
		got := pipeline.Config{Output: "gs://b/ev", Shards: tc.shards}.ShardNames()
		if !slices.Equal(got, tc.want) {
			t.Errorf("%d shards: %v, want %v", tc.shards, got, tc.want)
		}
	}
}
