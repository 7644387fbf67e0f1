package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
)

// faultStore is an in-memory Beam filesystem, failfs://, whose writes,
// closes and renames can be made to fail, as a store or a worker does.
type faultStore struct {
	mu                               sync.Mutex
	files                            map[string][]byte
	failWrite, failClose, failRename bool
}

var faults = &faultStore{files: map[string][]byte{}}

func init() {
	filesystem.Register("failfs", func(context.Context) filesystem.Interface { return faults })
}

func (s *faultStore) Close() error { return nil }

func (s *faultStore) List(_ context.Context, glob string) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for name := range s.files {
		if ok, err := filesystem.Match(glob, name); err != nil {
			return nil, err
		} else if ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out, nil
}

func (s *faultStore) OpenRead(_ context.Context, name string) (io.ReadCloser, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.files[name]
	if !ok {
		return nil, fs.ErrNotExist
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}

func (s *faultStore) OpenWrite(_ context.Context, name string) (io.WriteCloser, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[name] = nil // created on open, as a local file is
	return &faultWriter{s: s, name: name}, nil
}

func (s *faultStore) Size(_ context.Context, name string) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.files[name]
	if !ok {
		return 0, fs.ErrNotExist
	}
	return int64(len(b)), nil
}

func (s *faultStore) Remove(_ context.Context, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.files[name]; !ok {
		return fs.ErrNotExist
	}
	delete(s.files, name)
	return nil
}

func (s *faultStore) Rename(_ context.Context, from, to string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failRename {
		return errors.New("rename refused")
	}
	b, ok := s.files[from]
	if !ok {
		return fs.ErrNotExist
	}
	s.files[to] = b
	delete(s.files, from)
	return nil
}

// faultWriter writes through to the store, so a failure leaves what a
// half-written file would.
type faultWriter struct {
	s    *faultStore
	name string
}

func (w *faultWriter) Write(p []byte) (int, error) {
	w.s.mu.Lock()
	defer w.s.mu.Unlock()
	w.s.files[w.name] = append(w.s.files[w.name], p[:len(p)/2]...)
	if w.s.failWrite {
		return len(p) / 2, errors.New("disk full")
	}
	w.s.files[w.name] = append(w.s.files[w.name], p[len(p)/2:]...)
	return len(p), nil
}

func (w *faultWriter) Close() error {
	if w.s.failClose {
		return errors.New("upload failed")
	}
	return nil
}

// iter yields chunks as a GroupByKey's iterable does.
func iter(chunks ...string) func(*string) bool {
	return func(s *string) bool {
		if len(chunks) == 0 {
			return false
		}
		*s, chunks = chunks[0], chunks[1:]
		return true
	}
}

// TestWriteAtomic: a shard is written whole under its final name or not
// at all; an attempt that fails (write, close or rename) leaves the final
// name as it was (here, a previous attempt's shard) and no temporary file.
func TestWriteAtomic(t *testing.T) {
	const final = "failfs://out/events-00000-of-00001.geojsonl"
	chunk := strings.Repeat(`{"type":"Feature"}`+"\n", 20000) // over the 1 MiB buffer twice
	for _, tc := range []struct {
		name  string
		fault func(*faultStore)
	}{
		{"succeeds", func(*faultStore) {}},
		{"write fails", func(s *faultStore) { s.failWrite = true }},
		{"close fails", func(s *faultStore) { s.failClose = true }},
		{"rename fails", func(s *faultStore) { s.failRename = true }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			faults.mu.Lock()
			faults.files = map[string][]byte{final: []byte("earlier attempt\n")}
			faults.failWrite, faults.failClose, faults.failRename = false, false, false
			tc.fault(faults)
			faults.mu.Unlock()

			err := writeAtomic(t.Context(), final, "job1", iter(chunk, chunk, chunk))

			faults.mu.Lock()
			defer faults.mu.Unlock()
			var names []string
			for name := range faults.files {
				names = append(names, name)
			}
			if !slices.Equal(names, []string{final}) {
				t.Errorf("files after the attempt: %v, want only %s", names, final)
			}
			got := string(faults.files[final])
			if tc.name == "succeeds" {
				if err != nil || got != chunk+chunk+chunk {
					t.Errorf("writeAtomic: %v; %s has %d bytes, want %d", err, final, len(got), 3*len(chunk))
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), final) {
				t.Errorf("writeAtomic: %v, want an error naming %s", err, final)
			}
			if got != "earlier attempt\n" {
				t.Errorf("%s changed by a failed attempt: %d bytes", final, len(got))
			}
		})
	}
}

// TestShardsAtomic runs the pipeline on Prism into a folder that holds
// what earlier runs left: an old shard, a temporary file of this job (an
// attempt killed before it could remove it) and one of another job. The
// run must leave the final files complete, replace the old shard, remove
// its own stray and leave the other job's alone.
func TestShardsAtomic(t *testing.T) {
	in, out := t.TempDir(), t.TempDir()
	articles := map[string]string{
		"lyon.txt":   "Floods hit Lyon and Grenoble on Tuesday after days of rain.",
		"patras.txt": "A fire broke out in the port of Patras on Monday, the fire brigade said.",
		"athens.txt": "Thousands protested in Athens on Sunday against the new pension law.",
		"bad.txt":    "   ",
	}
	for name, text := range articles {
		if err := os.WriteFile(filepath.Join(in, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := Config{Inputs: []string{filepath.Join(in, "*.txt")}, Output: filepath.Join(out, "ev"), Errors: filepath.Join(out, "errors.jsonl"), Shards: 2}
	const token = "tok0001"
	shards := c.ShardNames()
	stray := tempName(shards[0], token, "dead")
	foreign := tempName(shards[1], "othertok", "live")
	for name, content := range map[string]string{shards[0]: "an old run's shard\n", stray: `{"type":"Feat`, foreign: "another job writing\n"} {
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	p, s := beam.NewPipelineWithRoot()
	if err := build(s, c, token); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if _, err := beam.Run(ctx, "prism", p); err != nil {
		t.Fatalf("prism: %v", err)
	}

	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, filepath.Join(out, e.Name()))
	}
	want := append(slices.Clone(shards), c.Errors, foreign)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("files after the run:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	features := 0
	for _, name := range shards {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			if l == "" {
				continue
			}
			var f struct{ Type string }
			if err := json.Unmarshal([]byte(l), &f); err != nil || f.Type != "Feature" {
				t.Errorf("%s: line %q is not a whole Feature (%v)", name, l, err)
			}
			features++
		}
	}
	if features == 0 {
		t.Error("no features: the test proves nothing")
	}
	b, err := os.ReadFile(c.Errors)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(b, []byte("\n")); n != 1 || !bytes.Contains(b, []byte(filepath.Join(in, "bad.txt"))) {
		t.Errorf("errors file:\n%s\nwant the one record of bad.txt", b)
	}
	if got, _ := os.ReadFile(foreign); string(got) != "another job writing\n" {
		t.Errorf("the other job's temporary file changed: %q", got)
	}
}

// TestTempName: the temporary file of a shard is hidden in the shard's
// folder, and no glob of the outputs takes it.
func TestTempName(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"/data/out/ev-00000-of-00002.geojsonl", "/data/out/.ev-00000-of-00002.geojsonl.tok-a1.tmp"},
		{"gs://bucket/out/errors.jsonl", "gs://bucket/out/.errors.jsonl.tok-a1.tmp"},
		{"ev.geojsonl", ".ev.geojsonl.tok-a1.tmp"},
	} {
		got := tempName(tc.name, "tok", "a1")
		if got != tc.want {
			t.Errorf("tempName(%q) = %q, want %q", tc.name, got, tc.want)
		}
		if ok, _ := filepath.Match(strings.TrimSuffix(tc.name, "-00000-of-00002.geojsonl")+"-*.geojsonl", got); ok {
			t.Errorf("%s matches the shards' glob", got)
		}
	}
}
