package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/geoparse/geoparse/extract"
)

// An article over --max-article is skipped with an error naming its file
// (and line for JSONL); the rest of the batch comes out.
func TestMaxArticle(t *testing.T) {
	dir := t.TempDir()
	small := "Mayor Anna Keller visited Lyon on Monday after a fire destroyed warehouses near the harbor."
	big := strings.Repeat("The council met again in Lyon to discuss the harbor. ", 40) // ≈ 2 KB
	if err := os.WriteFile(filepath.Join(dir, "a-big.txt"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b-small.txt"), []byte(small), 0o644); err != nil {
		t.Fatal(err)
	}
	var jl bytes.Buffer
	for i, text := range []string{small, big, small} {
		b, _ := json.Marshal(map[string]string{"id": fmt.Sprint("j", i), "text": text})
		jl.Write(append(b, '\n'))
	}
	if err := os.WriteFile(filepath.Join(dir, "c.jsonl"), jl.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := run(t, "", "extract", "--published", "2024-05-07", "--format", "jsonl", "--max-article", "1KiB", dir)
	if !errors.Is(err, errReported) {
		t.Fatalf("err = %v, want errReported\n%s", err, stderr)
	}
	for _, want := range []string{"a-big.txt: file of", "c.jsonl:2: line larger than the --max-article limit of 1.0 KiB", "2 of 5 documents failed"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if docs := decodeJSONL(t, stdout); len(docs) != 3 {
		t.Errorf("%d documents out, want 3", len(docs))
	}
	// Stdin as text too.
	_, stderr, err = run(t, big, "extract", "--max-article", "1KiB", "-")
	if !errors.Is(err, errReported) || !strings.Contains(stderr, "stdin: text larger than") {
		t.Errorf("oversized stdin: err %v, stderr %s", err, stderr)
	}
	// The default lets the big one through, and a bad value is refused.
	if _, stderr, err := run(t, "", "extract", filepath.Join(dir, "a-big.txt")); err != nil {
		t.Errorf("default limit: %v\n%s", err, stderr)
	}
	if _, _, err := run(t, "", "extract", "--max-article", "lots", filepath.Join(dir, "b-small.txt")); err == nil || !strings.Contains(err.Error(), "--max-article") {
		t.Errorf("bad --max-article: %v", err)
	}
	t.Setenv("GEOPARSE_MAX_ARTICLE", "1KiB")
	if _, stderr, err := run(t, "", "extract", filepath.Join(dir, "a-big.txt")); !errors.Is(err, errReported) {
		t.Errorf("GEOPARSE_MAX_ARTICLE ignored: %v\n%s", err, stderr)
	}
}

// A JSONL line over the limit is skipped without keeping it whole: the
// reader's memory stays near the limit whatever the line's length.
func TestOversizedLineBoundedMemory(t *testing.T) {
	const limit = 64 << 10
	var in bytes.Buffer
	in.WriteString(`{"id":"big","text":"`)
	in.Write(bytes.Repeat([]byte("x"), 32<<20))
	in.WriteString("\"}\n{\"id\":\"ok\",\"text\":\"Kyiv.\"}\n")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var got []string
	readStream(bytes.NewReader(in.Bytes()), "in.jsonl", modeJSONL, limit, func(d extract.Document, src source, err error) bool {
		got = append(got, fmt.Sprintf("%s %v", src, err))
		return true
	})
	runtime.ReadMemStats(&after)
	if len(got) != 2 || !strings.Contains(got[0], "in.jsonl:1 line larger than") || got[1] != "in.jsonl:2 <nil>" {
		t.Errorf("got %q", got)
	}
	grew := after.TotalAlloc - before.TotalAlloc
	// A last line over the limit with no newline is reported too.
	got = got[:0]
	readStream(strings.NewReader(`{"text":"Kyiv."}`+"\n"+`{"text":"a long last line"}`), "t.jsonl", modeJSONL, 20, func(d extract.Document, src source, err error) bool {
		got = append(got, fmt.Sprintf("%s %v", src, err))
		return true
	})
	if len(got) != 2 || got[0] != "t.jsonl:1 <nil>" || !strings.HasPrefix(got[1], "t.jsonl:2 line larger than the --max-article limit of 20 B") {
		t.Errorf("unterminated long last line: got %q", got)
	}
	// Generous: the 32 MB line is never buffered whole.
	if grew > 8<<20 {
		t.Errorf("reading a 32 MB line with a 64 KB limit allocated %d MB", grew>>20)
	}
}

// Pathological documents finish, within a generous memory bound, and
// give spans inside the text.
func TestPathologicalInput(t *testing.T) {
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	nested := `{"id":"n","text":"Kyiv.","x":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "}"
	cases := map[string]string{
		"one 1 MB token":     strings.Repeat("a", 1<<20),
		"a million newlines": "Kyiv\n" + strings.Repeat("\n", 1<<20) + "Lviv",
		"NUL bytes":          strings.Repeat("Kyiv\x00on\x00Monday\x00", 20000),
		"mixed scripts":      strings.Repeat("Київ Kyiv 東京 مرحبا \u0301\u200b\ufeff Zürich ", 5000),
		"punctuation":        strings.Repeat(".,;:!?\"'()[]—", 40000),
		"capitals":           strings.Repeat("KYIV LVIV ODESA ", 10000),
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			res, err := ex.Extract(context.Background(), extract.Document{ID: name, Text: text, Published: "2024-05-07"})
			runtime.ReadMemStats(&after)
			if err != nil && !errors.Is(err, extract.ErrEmptyText) {
				t.Fatal(err)
			}
			n := len([]rune(text))
			for _, p := range res.Places {
				if p.Start < 0 || p.End > n || p.Start > p.End {
					t.Fatalf("place span [%d,%d) outside %d runes", p.Start, p.End, n)
				}
			}
			// Very generous: allocation grows linearly, about 2.5 KB a
			// byte of text for a document that is all place names (see
			// TestPlaceListBoundedMemory); a quadratic blow-up on
			// 100 KB–1 MB inputs would be far over.
			limit := uint64(4000*len(text)) + 64<<20
			if grew := after.TotalAlloc - before.TotalAlloc; grew > limit {
				t.Errorf("%s: allocated %d MB for %d KB of text", name, grew>>20, len(text)>>10)
			}
		})
	}
	// Deeply nested JSON and invalid encodings in JSONL lines are errors
	// of their line, not crashes.
	var in bytes.Buffer
	in.WriteString(nested + "\n")
	in.WriteString("{\"id\":\"latin1\",\"text\":\"caf\xe9\"}\n")
	in.WriteString("{\"id\":\"utf16\",\"text\":\"\xff\xfeK\x00y\x00\"}\n")
	in.WriteString(`{"id":"surrogate","text":"\ud800 Kyiv"}` + "\n")
	var errs []string
	readStream(&in, "p.jsonl", modeJSONL, defaultMaxArticle, func(d extract.Document, src source, err error) bool {
		errs = append(errs, fmt.Sprintf("%s %v", src, err))
		return true
	})
	if len(errs) != 4 || !strings.HasPrefix(errs[1], "p.jsonl:2 text is not valid UTF-8") || !strings.HasPrefix(errs[2], "p.jsonl:3 text is not valid UTF-8") {
		t.Errorf("got %q", errs)
	}
}

// failWriter fails every write after the first n bytes.
type failWriter struct {
	n   int
	err error
}

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, w.err
	}
	w.n -= len(p)
	return len(p), nil
}

// A writer that fails part way (a full disk behind stdout) gives a clear
// error, not a silent partial output.
func TestOutputWriteFails(t *testing.T) {
	dir := t.TempDir()
	batch := writeBatch(t, dir, 40)
	var errb bytes.Buffer
	w := &failWriter{n: 1000, err: syscall.ENOSPC}
	cmd := newRootCommand(strings.NewReader(""), w, &errb)
	cmd.SetArgs([]string{"extract", "--format", "geojsonseq", batch})
	err := cmd.ExecuteContext(context.Background())
	if err == nil || !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "write") {
		t.Fatalf("err = %v, want a write error with ENOSPC", err)
	}
	// The real thing, when the system has it.
	full, ferr := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if ferr != nil {
		return
	}
	defer full.Close()
	cmd = newRootCommand(strings.NewReader(""), full, &errb)
	cmd.SetArgs([]string{"extract", "--format", "geojsonseq", batch})
	if err := cmd.ExecuteContext(context.Background()); err == nil || !strings.Contains(err.Error(), "no space left") {
		t.Errorf("stdout on /dev/full: err = %v", err)
	}
}

// -o where the file cannot be created: a clear error at once, before any
// work.
func TestOutputUnwritable(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	os.WriteFile(notDir, []byte("x"), 0o644)
	for _, out := range []string{filepath.Join(dir, "missing", "out.geojson"), filepath.Join(notDir, "out.geojson")} {
		_, _, err := run(t, "", "extract", "-o", out, fixture("lyon-floods.txt"))
		if err == nil || !strings.Contains(err.Error(), filepath.Dir(out)) {
			t.Errorf("-o %s: err = %v, want one naming the folder", out, err)
		}
	}
	if os.Geteuid() != 0 {
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o755)
		out := filepath.Join(ro, "events.geojson")
		os.WriteFile(out, []byte("previous"), 0o644)
		os.Chmod(ro, 0o555)
		defer os.Chmod(ro, 0o755)
		if _, _, err := run(t, "", "extract", "-o", out, fixture("lyon-floods.txt")); err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("-o into a read-only folder: err = %v", err)
		}
		if b, _ := os.ReadFile(out); string(b) != "previous" {
			t.Errorf("previous output changed to %.100q", b)
		}
	}
}

// A full disk under -o (a 64 KB tmpfs, when mount is permitted): the run
// fails with ENOSPC, the previous output is intact and no temp file is
// left.
func TestOutputDiskFull(t *testing.T) {
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("needs root on Linux to mount a tmpfs")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("mount tmpfs not permitted: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	out := filepath.Join(mnt, "events.geojsonl")
	if err := os.WriteFile(out, []byte("previous\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	batch := writeBatch(t, t.TempDir(), 300) // ≈ 1 MB of GeoJSONSeq
	_, stderr, err := run(t, "", "extract", "--format", "geojsonseq", "-o", out, batch)
	if err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("err = %v, want ENOSPC\n%s", err, stderr)
	}
	if b, _ := os.ReadFile(out); string(b) != "previous\n" {
		t.Errorf("previous output changed to %.100q", b)
	}
	if entries, _ := os.ReadDir(mnt); len(entries) != 1 {
		t.Errorf("temp files left behind: %v", entries)
	}
}

// An article that is one long comma list of place names is the worst case
// for memory: every name is a mention with candidates, and each mention
// has the names after it as "Paris, Texas" qualifiers. Its cost must stay
// linear: before the qualifiers were bounded and shared, 16 KB of it took
// 3.7 GB and 80 s. Measured since: about 1.3 KB of peak heap and 2.5 KB
// allocated per byte of text; the bounds are three times that. 128 KB
// keeps the test to a few seconds; the cost per byte is the same at 1 MB.
func TestPlaceListBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts a 128 KB worst-case article")
	}
	ex, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Paris", "Lyon", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Warsaw", "Kyiv", "Athens", "Lisbon", "Dublin"}
	var b strings.Builder
	for i := 0; b.Len() < 128<<10; i++ {
		b.WriteString(names[i%len(names)])
		b.WriteString(", ")
	}
	text := b.String()

	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	// Peak heap, sampled; the samples stop the world briefly, so not too
	// often.
	stop, sampled := make(chan struct{}), make(chan uint64)
	go func() {
		var ms runtime.MemStats
		var peak uint64
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				sampled <- peak
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	res, err := ex.Extract(context.Background(), extract.Document{ID: "list", Text: text})
	close(stop)
	peak := <-sampled
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Places) < len(text)/10 {
		t.Errorf("%d places in %d bytes of place names", len(res.Places), len(text))
	}
	perByte := func(n uint64) float64 { return float64(n) / float64(len(text)) }
	grew := uint64(0)
	if peak > before.HeapInuse {
		grew = peak - before.HeapInuse
	}
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d KB, %d places: peak heap +%d MB (%.0f B/B), allocated %d MB (%.0f B/B)",
		len(text)>>10, len(res.Places), grew>>20, perByte(grew), allocated>>20, perByte(allocated))
	if perByte(grew) > 4000 {
		t.Errorf("peak heap grew by %.0f bytes per byte of text, want under 4000", perByte(grew))
	}
	if perByte(allocated) > 7500 {
		t.Errorf("allocated %.0f bytes per byte of text, want under 7500", perByte(allocated))
	}
}
