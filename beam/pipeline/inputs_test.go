package pipeline_test

import (
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"

	"github.com/geoparse/geoparse/beam/pipeline"
)

// TestUnreadableInputs lays, beside two good articles, a file that cannot
// be read, and runs the pipeline on the folder's glob and geoparse
// extract on the folder. The file must be one error record with an empty
// id that names it, the same as the CLI's, while the rest of the batch
// comes out; the job must not fail, and its exit status must be the
// CLI's (1: a document failed).
func TestUnreadableInputs(t *testing.T) {
	cli := buildCLI(t)
	for _, tc := range []struct {
		name    string
		lay     func(t *testing.T, path string)
		file    string
		message string
	}{
		{"dangling link", func(t *testing.T, path string) {
			if err := os.Symlink(filepath.Join(filepath.Dir(path), "gone.jsonl"), path); err != nil {
				t.Fatal(err)
			}
		}, "dangling.jsonl", "symbolic link to nothing readable: no such file or directory"},
		{"link loop", func(t *testing.T, path string) {
			if err := os.Symlink(filepath.Base(path), path); err != nil {
				t.Fatal(err)
			}
		}, "loop.txt", "symbolic link to nothing readable: too many levels of symbolic links"},
		{"named pipe", func(t *testing.T, path string) {
			// Opened, it would block the run until someone writes.
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
		}, "pipe.txt", "not a regular file (p---------); skipped"},
		{"unreadable file", func(t *testing.T, path string) {
			if os.Geteuid() == 0 {
				t.Skip("root reads a file of mode 000 (TestCommandExitStatus runs this case unprivileged)")
			}
			if err := os.WriteFile(path, []byte("Floods hit Lyon on Tuesday."), 0o000); err != nil {
				t.Fatal(err)
			}
		}, "locked.txt", "permission denied"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, out := t.TempDir(), t.TempDir()
			copyFixture(t, dir, "harbor-fire.txt", "lyon-floods.txt")
			odd := filepath.Join(dir, tc.file)
			tc.lay(t, odd)

			cliOut := filepath.Join(out, "cli.geojsonl")
			cliErrs := filepath.Join(out, "cli-errors.jsonl")
			cliCode, msg := runCommand(t, cli, nil, "extract", "-q", "--format", "geojsonseq", "-o", cliOut, "--errors", cliErrs, dir)
			if cliCode != 1 {
				t.Fatalf("geoparse extract: exit status %d, want 1\n%s", cliCode, msg)
			}

			c := beamConfig(out, filepath.Join(dir, "*"))
			n := runPipeline(t, c)
			sameLines(t, "features", lines(t, c.ShardNames()...), lines(t, cliOut))
			if len(lines(t, cliOut)) == 0 {
				t.Fatal("no features from the good articles: the test proves nothing")
			}
			sameLines(t, "error records", lines(t, c.Errors), lines(t, cliErrs))
			recs := errorRecords(t, c.Errors)
			r := recordFor(recs, odd)
			if len(recs) != 1 || r == nil {
				t.Fatalf("error records %v, want one for %s", recs, odd)
			}
			if r["id"] != "" || r["message"] != tc.message || r["source"] != odd {
				t.Errorf("record %v, want id \"\", source %s and message %q", r, odd, tc.message)
			}
			if n[pipeline.CounterErrors] != 1 || n[pipeline.CounterArticles] != 3 {
				t.Errorf("counters %v, want 3 articles and 1 error", n)
			}

			failed, err := pipeline.CountErrors(t.Context(), c.Errors)
			if err != nil {
				t.Fatal(err)
			}
			if got := pipeline.ExitStatus(nil, failed, false); got != cliCode {
				t.Errorf("exit status %d, want the CLI's %d", got, cliCode)
			}
		})
	}
}

// TestMissingInputs: a path without wildcards that names nothing, a glob
// under a folder that does not exist and a folder named without a
// wildcard are error records; a glob that matches nothing in a folder
// that exists reads nothing, and a folder a glob matches is left out.
func TestMissingInputs(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	copyFixture(t, dir, "lyon-floods.txt")
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.jsonl")
	noFolder := filepath.Join(dir, "no-folder")
	c := beamConfig(out, filepath.Join(dir, "*"), missing, filepath.Join(noFolder, "*.jsonl"), filepath.Join(dir, "*.ndjson"), sub)
	n := runPipeline(t, c)
	recs := errorRecords(t, c.Errors)
	if len(recs) != 3 {
		t.Fatalf("error records %v, want 3", recs)
	}
	for path, msg := range map[string]string{
		missing:  "no such file or directory",
		noFolder: "no such file or directory",
		sub:      "a folder: folders are not walked; give a glob of its files, such as " + filepath.Join(sub, "*"),
	} {
		if r := recordFor(recs, path); r == nil || r["message"] != msg || r["id"] != "" {
			t.Errorf("record for %s: %v, want id \"\" and %q", path, r, msg)
		}
	}
	if n[pipeline.CounterArticles] != 4 || len(lines(t, c.ShardNames()...)) == 0 {
		t.Errorf("counters %v, want 4 articles (1 read) and features of lyon-floods.txt", n)
	}
}

// TestOversizeDocuments: an article over MaxArticle, as a JSONL line, a
// text file or a gzip-compressed text, is an error record (never a
// pipeline element), the CLI's for --max-article of the same size, and
// the documents around it still come out.
func TestOversizeDocuments(t *testing.T) {
	const limit = 2048
	dir, out := t.TempDir(), t.TempDir()
	prose := strings.Repeat("Floods hit Lyon and Grenoble on Tuesday after days of rain. ", 60) // 3,660 bytes
	jsonl := fmt.Sprintf(`{"id": "before", "text": "Protests in Athens on Monday."}
{"id": "too-long", "text": %q}
{"id": "after", "text": "A fire broke out in the port of Patras on Friday."}
`, prose)
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("mixed.jsonl", []byte(jsonl))
	write("long.txt", []byte(prose))
	var gz strings.Builder
	zw := gzip.NewWriter(&gz)
	if _, err := zw.Write([]byte(prose)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if gz.Len() >= limit {
		t.Fatalf("compressed text of %d bytes: the test wants it under the limit, so that only its text is over", gz.Len())
	}
	write("long.txt.gz", []byte(gz.String()))

	cliOut, cliErrs := filepath.Join(out, "cli.geojsonl"), filepath.Join(out, "cli-errors.jsonl")
	code, msg := runCLI(t, nil, "extract", "-q", "--format", "geojsonseq", "--max-article", fmt.Sprint(limit), "-o", cliOut, "--errors", cliErrs, dir)
	if code != 1 {
		t.Fatalf("geoparse extract: exit status %d, want 1\n%s", code, msg)
	}
	c := beamConfig(out, filepath.Join(dir, "*"))
	c.MaxArticle = limit
	n := runPipeline(t, c)
	sameLines(t, "error records", lines(t, c.Errors), lines(t, cliErrs))
	sameLines(t, "features", lines(t, c.ShardNames()...), lines(t, cliOut))
	recs := errorRecords(t, c.Errors)
	if len(recs) != 3 {
		t.Fatalf("error records %v, want the line, the text and the compressed text", recs)
	}
	for _, r := range recs {
		if !strings.Contains(r["message"].(string), "larger than the --max-article limit of 2.0 KiB") {
			t.Errorf("record %v: want the --max-article message", r)
		}
	}
	if n[pipeline.CounterArticles] != 5 || n[pipeline.CounterErrors] != 3 {
		t.Errorf("counters %v, want 5 articles, 3 errors", n)
	}
	if len(lines(t, cliOut)) == 0 {
		t.Error("no features from the articles around the long line: the test proves nothing")
	}
}

// TestBigFile: every document of one big JSONL file is read as an element
// of its own and extracted, named by its line however far into the file,
// as geoparse extract names it; a malformed line deep in it is its
// record, and the lines after it are read.
func TestBigFile(t *testing.T) {
	const docs = 400
	dir, out := t.TempDir(), t.TempDir()
	var texts []string
	for _, name := range []string{"harbor-fire.txt", "lyon-floods.txt", "paris-texas.txt"} {
		b, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "articles", name))
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	var b strings.Builder
	for i := range docs {
		if i == docs/2 {
			b.WriteString(`{"id": "broken", "text": "not closed` + "\n")
		}
		fmt.Fprintf(&b, "{\"id\": \"doc-%04d\", \"published\": \"2024-05-%02d\", \"text\": %q}\n", i, 1+i%28, texts[i%len(texts)])
	}
	big := filepath.Join(dir, "big.jsonl")
	if err := os.WriteFile(big, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}

	cliOut, cliErrs := filepath.Join(out, "cli.geojsonl"), filepath.Join(out, "cli-errors.jsonl")
	code, msg := runCLI(t, nil, "extract", "-q", "--format", "geojsonseq", "-o", cliOut, "--errors", cliErrs, big)
	if code != 1 {
		t.Fatalf("geoparse extract: exit status %d, want 1\n%s", code, msg)
	}
	c := beamConfig(out, big)
	c.Shards = 3
	n := runPipeline(t, c)
	want := lines(t, cliOut)
	sameLines(t, "features", lines(t, c.ShardNames()...), want)
	sameLines(t, "error records", lines(t, c.Errors), lines(t, cliErrs))
	if n[pipeline.CounterArticles] != docs+1 || n[pipeline.CounterErrors] != 1 || n[pipeline.CounterFeatures] != int64(len(want)) {
		t.Errorf("counters %v, want %d articles, 1 error, %d features", n, docs+1, len(want))
	}
	// Every document gave features: none was lost on the way.
	seen := map[string]bool{}
	for _, l := range want {
		if i := strings.Index(l, `"doc_id":"`); i >= 0 {
			id, _, _ := strings.Cut(l[i+len(`"doc_id":"`):], `"`)
			seen[id] = true
		}
	}
	if len(seen) != docs {
		t.Errorf("features of %d documents, want all %d", len(seen), docs)
	}
}

// TestObjectStore runs the pipeline on a store other than the local disk
// (Beam's in-memory memfs://, which stands for gs:// and s3:// here): a
// named object that does not exist is an error record, the rest is read,
// and the outputs are written through the store's rename, with no
// temporary object left.
func TestObjectStore(t *testing.T) {
	ctx := t.Context()
	memfs.Write("memfs://store-test/in/a.jsonl", []byte(`{"id": "a1", "text": "Floods hit Lyon and Grenoble on Tuesday after days of rain."}`+"\n"))
	memfs.Write("memfs://store-test/in/b.txt", []byte("A fire broke out in the port of Patras on Monday, the fire brigade said."))
	c := pipeline.Config{
		Inputs: []string{"memfs://store-test/in/*", "memfs://store-test/in/missing.jsonl"},
		Output: "memfs://store-test/out/ev",
		Errors: "memfs://store-test/out/errors.jsonl",
		Shards: 2,
	}
	n := runPipeline(t, c)
	fsys, err := filesystem.New(ctx, c.Errors)
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	outs, err := fsys.List(ctx, "memfs://store-test/out/*")
	if err != nil {
		t.Fatal(err)
	}
	want := append(c.ShardNames(), c.Errors)
	slices.Sort(want)
	if !slices.Equal(outs, want) {
		t.Errorf("objects written: %v, want %v", outs, want)
	}
	errs, err := filesystem.Read(ctx, fsys, c.Errors)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(errs), `"id":"","file":"memfs://store-test/in/missing.jsonl","message":"no such file or directory"`) || strings.Count(string(errs), "\n") != 1 {
		t.Errorf("errors: %s, want the one record of missing.jsonl", errs)
	}
	features := 0
	for _, name := range c.ShardNames() {
		b, err := filesystem.Read(ctx, fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		features += strings.Count(string(b), "\n")
	}
	if features == 0 || n[pipeline.CounterFeatures] != int64(features) || n[pipeline.CounterArticles] != 3 {
		t.Errorf("%d features written, counters %v: want the features of both articles, 3 articles", features, n)
	}
}
